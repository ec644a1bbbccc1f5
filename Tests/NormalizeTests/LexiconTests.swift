import Foundation
import Testing
@testable import Normalize

@Suite struct LexiconTests {
    @Test func embeddedLexiconsKnowCommonWords() throws {
        let kk = try Lexicon.load(Lexicon.kazakhFile, from: .embedded)
        let ru = try Lexicon.load(Lexicon.russianFile, from: .embedded)
        let names = try Lexicon.load(Lexicon.namesFile, from: .embedded)
        #expect(kk.count(of: "және") > 1000)
        #expect(kk.count(of: "Қазақстан") > 0)
        #expect(ru.count(of: "который") > 100)
        #expect(ru.count(of: "Который") == ru.count(of: "который"))
        #expect(kk.count(of: "бнеилюкс") == 0)
        #expect(names.contains("Бенилюкс"))
        #expect(names.contains("БЕНИЛЮКС"))
        #expect(!names.contains("Бнеилюкс"))
    }

    @Test func everyEntryIsFoundAgain() throws {
        let kk = try Lexicon.load(Lexicon.kazakhFile, from: .embedded)
        var missing = 0
        kk.forEachEntry { word, count in
            if kk.count(word) != count { missing += 1 }
        }
        #expect(missing == 0)
        #expect(kk.wordCount > 10_000)
    }

    @Test func lowercasingCoversKazakhLetters() {
        #expect(CyrillicCase.lowercased("ӘҒҚҢӨҰҮҺІ ЁЖ ABC") == "әғқңөұүһі ёж abc")
        #expect(CyrillicCase.lowercased("Ӏ") == "ӏ")
        #expect(CyrillicCase.upper(0x04D9) == 0x04D8)
    }

    @Test func brokenFilesNameTheLine() {
        let bad: [(String, Int)] = [("а\t1\nб 2\n", 2), ("а\t1\nб\tx\n", 2), ("а\t1\n# c\nА\t3\n", 3), ("\t4\n", 1)]
        for (text, line) in bad {
            #expect {
                _ = try Lexicon(tsv: Array(text.utf8), path: "x.tsv")
            } throws: { error in
                guard case let NormalizeError.ruleFile(path, l, _, _) = error else { return false }
                return path == "x.tsv" && l == line
            }
        }
        #expect(throws: NormalizeError.self) { _ = try Lexicon(tsv: [0x61, 0x09, 0x31, 0xFF], path: "x.tsv") }
    }

    @Test func lexiconFilesAreSortedAndLowercase() throws {
        for name in ["lexicon/kk.tsv", "lexicon/ru.tsv"] {
            let text = try String(contentsOf: Paths.rules(name), encoding: .utf8)
            var previous = ""
            for line in text.split(separator: "\n") {
                let word = String(line.split(separator: "\t")[0])
                #expect(word == CyrillicCase.lowercased(word), "\(name): \(word) is not lowercase")
                #expect(Array(previous.unicodeScalars.map(\.value)).lexicographicallyPrecedes(word.unicodeScalars.map(\.value)),
                        "\(name): \(word) out of order")
                previous = word
            }
        }
    }
}
