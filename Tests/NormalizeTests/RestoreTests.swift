import Foundation
import Testing
@testable import Normalize

/// The compiled-in restoration model, loaded once for every test in this file.
let restorationModel: KazakhRestorationModel = {
    do { return try KazakhRestorationModel(rules: .embedded) } catch { fatalError("\(error)") }
}()

@Suite struct RestoreTests {
    struct Case { var kind: String; var input: String; var expected: String; var line: Int }

    static func cases() throws -> [Case] {
        let text = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Tests/NormalizeTests/Cases/restore.tsv"), encoding: .utf8)
        var out: [Case] = []
        for (n, row) in text.split(separator: "\n").enumerated() where !row.hasPrefix("#") {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            out.append(Case(kind: f[0], input: f[1], expected: f[0] == "must-not-touch" ? f[1] : f[2], line: n + 1))
        }
        return out
    }

    @Test func goldenCases() throws {
        var restorer = KazakhLetterRestorer(model: restorationModel)
        let cases = try Self.cases()
        #expect(cases.count > 10)
        for c in cases {
            let got = restorer.restore(c.input).text
            switch c.kind {
            case "known-failure": #expect(got != c.expected, "restore.tsv:\(c.line) now passes: move it to must-fix")
            default: #expect(got == c.expected, "restore.tsv:\(c.line) (\(c.kind))")
            }
        }
    }

    @Test func everyChangeIsReportedWithTheWordItReplaced() {
        var restorer = KazakhLetterRestorer(model: restorationModel)
        let (text, changes) = restorer.restore("Казакстан Республикасынын Президенти")
        #expect(text == "Қазақстан Республикасының Президенті")
        #expect(changes.map(\.before) == ["Казакстан", "Республикасынын", "Президенти"])
        #expect(changes.map(\.after) == ["Қазақстан", "Республикасының", "Президенті"])
        #expect(changes.map(\.scalarOffset) == [0, 10, 26])
        #expect(changes[1].byteOffset == 19)
    }

    /// OCR's `!`/`1` → і makes a word two bytes longer per letter; the words after it must still be
    /// written over their own letters, and each change must report the word it replaced.
    @Test func longerOCRSpellingsShiftTheWordsAfterThem() {
        var restorer = KazakhLetterRestorer(model: restorationModel)
        let (text, changes) = restorer.restore("Бул к1тап казак т!л!нде жазылган, берд!. Мен б1р")
        #expect(text == "Бұл кітап қазақ тілінде жазылған, берді. Мен бір")
        #expect(changes.map(\.before) == ["Бул", "к1тап", "казак", "т!л!нде", "жазылган", "берд!", "б1р"])
        #expect(changes.map(\.after) == ["Бұл", "кітап", "қазақ", "тілінде", "жазылған", "берді", "бір"])
        #expect(changes.map(\.scalarOffset) == [0, 4, 10, 16, 24, 34, 45])
        // After what the output already holds (an earlier line).
        var output = Array("Алгашкы жол\n".utf8), records: [KazakhLetterRestorer.Change] = []
        var line = "Бул к1тап казак т!л!нде жазылган, берд!. Мен б1р"
        _ = line.withUTF8 { restorer.restore(utf8: $0, appendingTo: &output, changes: &records) }
        #expect(String(decoding: output, as: UTF8.self) == "Алгашкы жол\n" + text)
        #expect(records == changes)
    }

    @Test func paragraphsThatKeepTheirLettersOrAreRussianAreLeftAlone() {
        let restorer = KazakhLetterRestorer(model: restorationModel)
        #expect(restorer.needsRestoration("Бугин Алматыда кун жылы болады."))
        #expect(!restorer.needsRestoration("Бүгін Алматыда күн жылы болады."))
        #expect(!restorer.needsRestoration("Сегодня в Алматы тепло, и как всегда солнечно."))
        #expect(!restorer.needsRestoration(""))
    }

    /// In text from OCR with a Russian model, typo repair may already have put back some letters: two
    /// words in ten with a Kazakh letter must not stop the paragraph from being restored.
    @Test func russianOCRParagraphWithSomeLettersBackIsStillRestored() {
        var restorer = KazakhLetterRestorer(model: restorationModel)
        let text = "Тұрсынбаева жарыстарда орындаған тунгыш эйел спортшы рет!нде элем тарихында калды."
        #expect(restorer.restore(text).text == "Тұрсынбаева жарыстарда орындаған тұңғыш әйел спортшы ретінде әлем тарихында қалды.")
        let typed = "Тұрсынбаева жарыстарда орындаған тунгыш спортшы ретинде тарихында калды."
        #expect(restorer.restore(typed).text == typed)
    }

    @Test func restoringIsIdempotent() throws {
        var restorer = KazakhLetterRestorer(model: restorationModel)
        for c in try Self.cases() {
            let once = restorer.restore(c.input, force: true).text
            #expect(restorer.restore(once, force: true).text == once, "restore.tsv:\(c.line)")
        }
    }

    @Test func passRecordsEditsAndHonoursTheSwitch() throws {
        let doc = Document(lines: "Казакстан тарихы\nРоссия и Казахстан\n")
        var config = Configuration.plainText
        let context = PassContext(configuration: config, rules: .embedded)
        let out = try RestorePass().apply(doc, context: context)
        #expect(out.blocks.map(\.text) == ["Қазақстан тарихы", "Россия и Казахстан"])
        #expect(out.edits.count == 1 && out.edits[0].rule == "restore.kazakh-letters" && out.edits[0].location.line == 1)
        config.restoreKazakhLetters = false
        let off = try RestorePass().apply(doc, context: PassContext(configuration: config, rules: .embedded))
        #expect(off.blocks.map(\.text) == ["Казакстан тарихы", "Россия и Казахстан"])
    }

    @Test func brokenModelFileIsAnErrorNamingTheFile() throws {
        var files = try KazakhRestorationModel.files.map { ("Rules/" + $0, try RuleStore.embedded.data($0)) }
        files[1].1.removeLast(5)
        let error = #expect(throws: NormalizeError.self) { _ = try KazakhRestorationModel(files: files) }
        #expect(error?.description.hasPrefix("Rules/restore/pairs.bin:1:1: byte") == true)
        #expect(error?.description.contains("file ends inside a table; regenerate with scripts/build-restore-model.py") == true)
        files[1].1 = Array("forms\t1\n".utf8)
        #expect(throws: NormalizeError.self) { _ = try KazakhRestorationModel(files: files) }
    }

    /// The `.bin` files are generated from the TSV files next to them; they must not drift apart.
    @Test func binaryModelIsGeneratedFromTheTSVFiles() throws {
        var source: [UInt8] = []
        for name in KazakhRestorationModel.sourceFiles {
            source += try Data(contentsOf: Paths.rules(name))
        }
        #expect(KazakhRestorationModel.hash(source) == restorationModel.sourceHash,
                "Rules/restore/*.bin are stale: run scripts/build-restore-model.py --binary-only")
    }

    /// restore-dev: real Kazakh paragraphs with every Kazakh letter replaced, scored like its score.py.
    @Test func restoreDevAccuracy() throws {
        let dir = Paths.shared.appendingPathComponent("restore-dev")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        let input = try String(contentsOf: dir.appendingPathComponent("dev.input.txt"), encoding: .utf8).split(separator: "\n")
        let truth = try String(contentsOf: dir.appendingPathComponent("dev.truth.txt"), encoding: .utf8).split(separator: "\n")
        var restorer = KazakhLetterRestorer(model: restorationModel)
        let kazakh = Set("әғқңөұүһіӘҒҚҢӨҰҮҺІ".unicodeScalars)
        var affected = 0, restored = 0, plain = 0, kept = 0
        for (x, t) in zip(input, truth) {
            let got = restorer.restore(String(x)).text
            let tw = Self.letterWords(String(t)), gw = Self.letterWords(got)
            #expect(tw.count == gw.count)
            for (a, b) in zip(tw, gw) {
                if a.unicodeScalars.contains(where: kazakh.contains) { affected += 1; restored += a == b ? 1 : 0 }
                else { plain += 1; kept += a == b ? 1 : 0 }
            }
        }
        // Measured 0.976 and 0.994 (see README, "Restoring Kazakh letters"); these guard regressions.
        #expect(Double(restored) / Double(affected) >= 0.97)
        #expect(Double(kept) / Double(plain) >= 0.993)
    }

    static func letterWords(_ s: String) -> [Substring] {
        s.split(whereSeparator: { !$0.isLetter })
    }
}

extension Pass {
    func apply(_ document: Document, context: PassContext) throws -> Document {
        var d = document
        try apply(to: &d, context: context)
        return d
    }
}
