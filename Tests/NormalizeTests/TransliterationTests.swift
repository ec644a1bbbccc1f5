import Foundation
import Testing
@testable import Normalize

/// Golden cases as data: `Cases/translit-*.tsv`, first column Cyrillic, second the expected Latin.
enum TranslitCases {
    struct Row {
        var cyrillic: String
        var latin: String
        var alternative: String
    }

    static func load(_ name: String) throws -> [Row] {
        let url = Paths.packageRoot.appendingPathComponent("Tests/NormalizeTests/Cases").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(cyrillic: f[0], latin: f[1], alternative: f.count > 3 ? f[3] : "")
        }
    }
}

@Suite struct TransliterationTests {
    static let golden: [(String, TransliterationScheme)] = [
        ("translit-vectors-2021.tsv", .kk2021), ("translit-vectors-2018.tsv", .kk2018),
        ("translit-kk-2017.tsv", .kk2017), ("translit-bgn.tsv", .bgn),
    ]

    @Test(arguments: golden)
    func goldenCasesPassInBothEngines(file: String, scheme: TransliterationScheme) throws {
        let rows = try TranslitCases.load(file)
        if file.hasPrefix("translit-vectors") { #expect(rows.count == 274) }
        let t = try KazakhTransliterator(scheme: scheme)
        let icu = try t.referenceICU()
        for row in rows {
            #expect(t.transliterate(row.cyrillic) == row.latin, "\(scheme.rawValue): \(row.cyrillic)")
            #expect(icu.transliterate(row.cyrillic) == row.latin, "ICU \(scheme.rawValue): \(row.cyrillic)")
        }
    }

    @Test func shortVariantGivesTheAlternativeSpellingOfЦandЧ() throws {
        let rows = try TranslitCases.load("translit-vectors-2021.tsv").filter {
            !$0.alternative.isEmpty && $0.cyrillic.contains(where: { "ЦцЧч".contains($0) })
        }
        #expect(rows.count >= 6)
        let short = try KazakhTransliterator(scheme: .kk2021, variant: .short)
        let icu = try short.referenceICU()
        for row in rows {
            #expect(short.transliterate(row.cyrillic) == row.alternative, "\(row.cyrillic)")
            #expect(icu.transliterate(row.cyrillic) == row.alternative, "ICU \(row.cyrillic)")
        }
        #expect(throws: NormalizeError.self) { try KazakhTransliterator(scheme: .kk2018, variant: .short) }
    }

    @Test func decomposedЙandЁAreComposedFirst() throws {
        for scheme in TransliterationScheme.allCases {
            let t = try KazakhTransliterator(scheme: scheme)
            #expect(t.transliterate("ча\u{0418}\u{0306} \u{0415}\u{0308}лка") == t.transliterate("чаЙ Ёлка"))
        }
        #expect(try KazakhTransliterator(scheme: .bgn).transliterate("чай Ёлка") == "chay Yolka")
    }

    @Test(arguments: TransliterationScheme.allCases)
    func textWithoutCyrillicPassesUnchanged(scheme: TransliterationScheme) throws {
        let t = try KazakhTransliterator(scheme: scheme)
        let samples = ["iPhone 15 Pro, 3,14 — 100% «quote»", "https://egov.kz/cms/kk?q=1&r=ä", "info@gov.kz",
                       "İstanbul'da ılık bir gün. Ağaç, şeker, çocuk.", "Straße ﬁ e\u{0301}", "😀 中文 العربية"]
        for s in samples { #expect(t.transliterate(s) == s, "\(s)") }
        guard Paths.sharedAvailable else { return }
        let english = try String(contentsOf: Paths.shared.appendingPathComponent("corpus/en.txt"), encoding: .utf8)
        #expect(t.transliterate(english) == english)
    }

    @Test(arguments: TransliterationScheme.allCases)
    func forwardIsIdempotent(scheme: TransliterationScheme) throws {
        let t = try KazakhTransliterator(scheme: scheme)
        for row in try TranslitCases.load("translit-vectors-2021.tsv") {
            let once = t.transliterate(row.cyrillic)
            #expect(t.transliterate(once) == once)
        }
    }

    @Test(arguments: [TransliterationScheme.kk2021, .kk2018])
    func reverseOfForwardGivesBackNativeWords(scheme: TransliterationScheme) throws {
        let forward = try KazakhTransliterator(scheme: scheme)
        let reverse = try KazakhTransliterator(scheme: scheme, reverse: true)
        let native = ["Қазақстан", "ШЫМКЕНТ", "Шығыс", "Өскемен", "Ұлытау", "Үкімет", "қауіпсіздік", "дүниежүзілік",
                      "ұйым", "жүйе", "Құдай", "әуежай", "ғаламтор", "Қайрат", "сыйлық", "Семей", "Қоян", "аю",
                      "Түркістан", "Маңғыстау", "Талдықорған", "ақылдасыпты", "қалайын", "тәуелсіздік", "шаһар"]
        for word in native {
            #expect(reverse.transliterate(forward.transliterate(word)) == word, "\(scheme.rawValue): \(word)")
        }
        for s in ["info@gov.kz", "https://egov.kz/", "iPhone 15", "2024–2031", "Chicago"] {
            #expect(reverse.transliterate(s) == s, "\(s)")
        }
    }

    /// Russian spellings that Kazakh text borrows come back from the Russian word list (Ь, Ц, Ч, Ю, Я lost
    /// in Latin), also with a Kazakh suffix; Kazakh words that share a Latin spelling with a Russian one stay
    /// Kazakh, and a Russian stem never swallows a Kazakh word's letters.
    @Test(arguments: [TransliterationScheme.kk2021, .kk2018])
    func reverseGivesBackBorrowedRussianSpellings(scheme: TransliterationScheme) throws {
        let forward = try KazakhTransliterator(scheme: scheme)
        let reverse = try KazakhTransliterator(scheme: scheme, reverse: true)
        let borrowed = ["король", "роль", "цилиндр", "бюро", "снарядтарды", "Чемпионаттың", "большевик",
                        "съезд", "поэзия", "позиция", "провинциясы"]
        for word in borrowed {
            #expect(reverse.transliterate(forward.transliterate(word)) == word, "\(scheme.rawValue): \(word)")
        }
        let kazakh = ["статистикалық", "перевод", "ештеңе", "тат", "мил", "жазды", "сөздерін"]
        for word in kazakh {
            #expect(reverse.transliterate(forward.transliterate(word)) == word, "\(scheme.rawValue): \(word)")
        }
    }

    @Test func brokenRuleFileIsReportedWithLineAndColumn() throws {
        let broken = "# two good rules, then a bad set\nа > a ;\nб > b ;\nв } [:NoSuchProperty:] > v ;\n"
        #expect {
            _ = try TransformRules(text: broken, path: "Rules/translit/broken.txt")
        } throws: { error in
            guard case let NormalizeError.ruleFile(path, line, column, _) = error else { return false }
            return path == "Rules/translit/broken.txt" && line == 4 && column == 5
        }
        #expect {
            _ = try ICUTransliterator(rules: broken, id: "broken", path: "Rules/translit/broken.txt")
        } throws: { error in
            guard case let NormalizeError.ruleFile(path, line, _, _) = error else { return false }
            return path == "Rules/translit/broken.txt" && line == 4
        }
        #expect(throws: NormalizeError.self) { try TransformRules(text: "а > $missing ;", path: "x") }
        #expect(throws: NormalizeError.self) { try TransformRules(text: "а > a", path: "x") }
        #expect(throws: NormalizeError.self) { try TransformRules(text: "а <> a ;", path: "x") }
    }

    @Test(arguments: [false, true])
    func invalidUTF8LinesAreCopiedAndReported(reverse: Bool) throws {
        let t = try KazakhTransliterator(scheme: .kk2021, reverse: reverse)
        // An overlong C0 80 on line 2, a truncated two-byte sequence at the very end of line 3.
        let input: [UInt8] = Array((reverse ? "Qaz\n" : "Қаз\n").utf8) + [0xC0, 0x80] + Array("ж\nок".utf8) + [0xD0]
        var bad: [Int] = []
        let out = input.withUnsafeBufferPointer { src in
            [UInt8](unsafeUninitializedCapacity: t.outputCapacity(forInputCount: src.count)) { buf, n in
                n = t.transliterate(src, into: buf.baseAddress!) { bad.append($0) }
            }
        }
        let lines = out.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        #expect(lines.count == 3)
        #expect(lines[0] == Array((reverse ? "Қаз" : "Qaz").utf8))
        #expect(lines[1] == [0xC0, 0x80] + Array("ж".utf8))
        #expect(lines[2] == Array("ок".utf8) + [0xD0])
        let line2 = reverse ? 4 : 7
        #expect(bad == [line2, line2 + 5 + 4])
    }

    @Test func passRecordsOneEditPerChangedBlock() throws {
        var doc = Document(lines: "Қазақстан\n2024\nАлматы\n")
        let context = PassContext(configuration: .transliterate(), rules: .embedded)
        try TransliterationPass(scheme: .kk2021).apply(to: &doc, context: context)
        #expect(doc.blocks.map(\.text) == ["Qazaqstan", "2024", "Almaty"])
        #expect(doc.edits.map(\.rule) == ["translit.kk-2021", "translit.kk-2021"])
        #expect(doc.edits.map(\.location.line) == [1, 3])
    }
}
