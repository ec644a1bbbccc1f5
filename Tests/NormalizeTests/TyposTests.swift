import Foundation
import Testing
@testable import Normalize

@Suite struct MorphologyTests {
    let checker = try! SpellChecker(rules: .embedded)

    func scalars(_ s: String) -> [UInt32] { CyrillicCase.lowercased(s).unicodeScalars.map(\.value) }

    @Test func inflectedFormsOfKnownStemsAreKnown() {
        for word in ["Назарбаевтың", "мемлекеттік", "бағдарламасындағы", "елдеріндегі", "Бенилюкске", "Бенилюкстің"] {
            #expect(checker.isKnown(scalars(word)), "\(word) should be known")
        }
    }

    @Test func harmonyAndAssimilationAreEnforced() {
        let kk = checker.kazakhMorphology
        let count: ([UInt32]) -> Int = { stem in checker.count(stem, in: checker.kazakh) }
        #expect(kk.analyze(scalars("мемлекеттік"), stemCount: count) != nil)
        #expect(kk.analyze(scalars("мемлекеттық"), stemCount: count) == nil)  // back suffix on a front stem
        #expect(kk.analyze(scalars("мемлекетдік"), stemCount: count) == nil)  // д after voiceless т
        let a = kk.analyze(scalars("Назарбаевтың"), stemCount: { stem in checker.count(stem, in: checker.names) })
        #expect(a?.stem == "назарбаев")
        #expect(a?.suffixes.joined() == "тың")
    }

    @Test func stemsSharedByListedFormsAreInduced() {
        // No lexicon lists `алқап` or `секір`, but several listed forms are the stem plus a valid suffix chain
        // (`алқапта`, `алқаптары`, `алқаптың`; `секіріп`, `секірген`), so other inflected forms are known too.
        for stem in ["алқап", "секір"] {
            #expect(checker.count(scalars(stem), in: checker.kazakh) == 0, "\(stem) is listed")
            #expect(checker.inducedCount(scalars(stem)[...]) >= 2, "\(stem) should be an induced stem")
        }
        for word in ["алқаптардан", "алқаптарға", "секіре", "секірді"] {
            #expect(checker.isKnown(scalars(word)), "\(word) should be known")
        }
        // a stem needs two listed forms; letters that merely start a listed word are no stem
        #expect(checker.inducedCount(scalars("алқаптардна")[...]) == 0)
        #expect(!checker.isKnown(scalars("алқаптардна")))
    }

    @Test func nonWordsAreUnknown() {
        for word in ["Бнеилюкс", "Назрбаевтың", "тұлғаларынң", "мемлекетік"] {
            #expect(!checker.isKnown(scalars(word)), "\(word) should be unknown")
        }
    }

    @Test func brokenSuffixTableNamesTheLine() {
        let bad = ["N\tPL\tлар\tлер\n", "# c\nN\tPL\tлар\tлер\tnowhere\n", "N\tPL\tlar\tлер\tany\n"]
        for (i, text) in bad.enumerated() {
            #expect {
                _ = try Morphology(table: Array(text.utf8), path: "t.tsv")
            } throws: { error in
                guard case let NormalizeError.ruleFile(path, line, _, _) = error else { return false }
                return path == "t.tsv" && line == (i == 1 ? 2 : 1)
            }
        }
    }
}

@Suite struct TyposPassTests {
    func run(_ lines: [String], mode: Configuration.TypoMode = .fix) throws -> Document {
        var doc = Document(blocks: lines.enumerated().map { Block(kind: .line, text: $1, line: $0 + 1) })
        var config = Configuration.plainText
        config.typos = mode
        try TyposPass(mode: mode).apply(to: &doc, context: PassContext(configuration: config, rules: .embedded))
        return doc
    }

    @Test func transpositionInANameIsFixedAndPunctuationKept() throws {
        let doc = try run(["Нидерланды Бнеилюкс елдерінің бірі болып табылады."])
        #expect(doc.blocks[0].text == "Нидерланды Бенилюкс елдерінің бірі болып табылады.")
        #expect(doc.edits.count == 1)
        #expect(doc.edits.first?.rule == "typo.names")
        #expect(doc.edits.first?.before == "Бнеилюкс")
        #expect(doc.edits.first?.note?.contains("transposed") == true)
    }

    @Test func typoOfAnInflectedFormOfAnInducedStemIsFixed() throws {
        let doc = try run(["Бала орнынан секііре тұрды."])
        #expect(doc.blocks[0].text == "Бала орнынан секіре тұрды.")
        #expect(doc.edits.first?.rule == "typo.morphology")
        #expect(doc.edits.first?.note?.contains("секір+е") == true)
    }

    @Test func untouchables() throws {
        let lines = ["ҚАЗАҚСТАН-НАТО 2019 жылы БНЕИЛЮКС туралы Microsoft мен ЕАЭО және бнеилюкс-ке",
                     "Мемлекеттік бағдарламасындағы өзгерістер туралы айтылды."]
        let doc = try run(lines)
        #expect(doc.blocks.map(\.text) == lines)
        #expect(doc.edits.isEmpty)
    }

    @Test func suggestModeChangesNothing() throws {
        let line = "Нидерланды Бнеилюкс елдерінің бірі."
        let doc = try run([line], mode: .suggest)
        #expect(doc.blocks[0].text == line)
        #expect(doc.edits.map(\.after) == ["Бенилюкс"])
        #expect(doc.edits.first?.rule == "typo.suggest")
    }

    @Test func idempotent() throws {
        let once = try run(["Нидерланды Бнеилюкс елдерінің бірі болып табылады."])
        let twice = try run(once.blocks.map(\.text))
        #expect(twice.edits.isEmpty)
    }

    /// On the bundled PDF dump, only the listed typos may change, each only to its correction. To keep the
    /// debug-build test fast, it checks the lines within 12 lines of each listed word (scripts/score-typos.sh
    /// checks the whole sample with the release build).
    @Test func sampleChangesOnlyItsTypos() throws {
        let sample = Paths.shared.appendingPathComponent("samples/kk-ru-pdf-dump.txt")
        guard Paths.sharedAvailable, let text = try? String(contentsOf: sample, encoding: .utf8) else { return }
        let cases = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Tests/NormalizeTests/Cases/typos-sample.tsv"),
                               encoding: .utf8)
        var allowed: [String: String] = [:]
        var mustFix: [String] = []
        for line in cases.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            allowed[String(f[0])] = String(f[1])
            if f.count > 2 && f[2] == "fix" { mustFix.append(String(f[0])) }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let near = Set(lines.indices.filter { i in allowed.keys.contains { lines[i].contains($0) } }.flatMap { ($0 - 12)...($0 + 12) })
        let doc = try run(lines.indices.filter { near.contains($0) }.map { lines[$0] })
        for edit in doc.edits {
            #expect(allowed[edit.before] == edit.after, "unexpected change \(edit.before) → \(edit.after) at \(edit.location)")
        }
        // every "fix" case is fixed, екінішісі too (a corpus hapax without relatives beside екіншісі 20×)
        for word in mustFix {
            #expect(doc.edits.contains { $0.before == word }, "\(word) should be fixed")
        }
    }
}

@Suite struct TyposSuggestTests {
    /// `--suggest` on real paragraphs of the sample: attested words (`страной`, `Одағын`, `перемен`, corpus
    /// words the model gives long odds) are not listed as uncertain candidates; `suggestAll` lists them.
    @Test func suggestSkipsUnlikelyCandidatesForAttestedWords() throws {
        let sample = Paths.shared.appendingPathComponent("samples/kk-ru-pdf-dump.txt")
        guard Paths.sharedAvailable, let text = try? String(contentsOf: sample, encoding: .utf8) else { return }
        let words = ["страной", "Одағын", "перемен", "техникасы"]
        let lines = text.split(separator: "\n").map(String.init).filter { l in words.contains { l.contains($0) } }
        #expect(lines.count >= 3)
        var config = Configuration.plainText
        config.typos = .suggest
        func suggested(all: Bool) throws -> Set<String> {
            var doc = Document(blocks: lines.enumerated().map { Block(kind: .line, text: $1, line: $0 + 1) })
            try TyposPass(mode: .suggest, suggestAll: all).apply(to: &doc, context: PassContext(configuration: config, rules: .embedded))
            return Set(doc.edits.map(\.before))
        }
        let quiet = try suggested(all: false)
        for w in words { #expect(!quiet.contains(w), "\(w) listed") }
        let every = try suggested(all: true)
        #expect(words.filter { every.contains($0) }.count >= 3)
    }
}

@Suite struct TyposContextTests {
    @Test func editDistanceCountsTranspositionsOnce() {
        func s(_ x: String) -> [UInt32] { x.unicodeScalars.map(\.value) }
        #expect(editDistance(s("бнеилюкс"), s("бенилюкс"), limit: 3) == 1)
        #expect(editDistance(s("ынтымақтастың"), s("ынтымақтастықтың"), limit: 3) == 3)
        #expect(editDistance(s("абдолла"), s("абдулла"), limit: 1) == 1)
        #expect(editDistance(s("абдолла"), s("бенилюкс"), limit: 2) == 3)  // cut off at limit + 1
    }

    /// The sample's context cases: a valid form where the document's frequent form was meant, and a name
    /// spelled otherwise elsewhere in the article. `--suggest` flags both with the document's form; `fix`
    /// leaves them alone (one occurrence is not strong evidence).
    @Test func suggestFlagsDocumentNeighbours() throws {
        let lines = ["Ынтымақтастықтың мақсаты айқын.", "Ынтымақтастықтың жоспары бекітілді.",
                     "Бұл ынтымақтастың қорытындысы болды.", "Түркия президенті Абдулла Гюль келді.",
                     "Абдолла Гюль сөз сөйледі."]
        var doc = Document(blocks: lines.enumerated().map { Block(kind: .line, text: $1, line: $0 + 1) })
        var config = Configuration.plainText
        config.typos = .suggest
        try TyposPass(mode: .suggest).apply(to: &doc, context: PassContext(configuration: config, rules: .embedded))
        let suggested = Dictionary(doc.edits.map { ($0.before, $0.after) }, uniquingKeysWith: { a, _ in a })
        #expect(suggested["ынтымақтастың"] == "ынтымақтастықтың")
        #expect(suggested["Абдолла"] == "Абдулла")
        #expect(doc.blocks.map(\.text) == lines)

        var fixed = Document(blocks: lines.enumerated().map { Block(kind: .line, text: $1, line: $0 + 1) })
        try TyposPass(mode: .fix).apply(to: &fixed, context: PassContext(configuration: .plainText, rules: .embedded))
        #expect(fixed.blocks.map(\.text) == lines)
    }
}
