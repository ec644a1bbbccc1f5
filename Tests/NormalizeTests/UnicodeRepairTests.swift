import Foundation
import Testing
@testable import Normalize

/// Golden cases of the unicode pass, kept as data in `Cases/unicode/` (`\u{XXXX}` escapes allowed).
enum UnicodeCases {
    static let folder = Paths.packageRoot.appendingPathComponent("Tests/NormalizeTests/Cases/unicode")

    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
        }
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "\\u{") {
            out += rest[..<r.lowerBound]
            guard let close = rest[r.upperBound...].firstIndex(of: "}"),
                  let v = UInt32(rest[r.upperBound..<close], radix: 16), let sc = Unicode.Scalar(v) else {
                break
            }
            out.unicodeScalars.append(sc)
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

func unicodeRepaired(_ text: String) throws -> (text: String, edits: [Edit]) {
    var doc = Document(lines: text)
    try UnicodeRepairPass().apply(to: &doc, context: PassContext(configuration: .plainText, rules: .embedded))
    return (doc.blocks.map(\.text).joined(separator: "\n"), doc.edits)
}

@Suite struct UnicodeRepairTests {
    @Test func mustFix() throws {
        let rows = try UnicodeCases.rows("must-fix.tsv")
        #expect(rows.count >= 15)
        for row in rows {
            let (out, edits) = try unicodeRepaired(row[0])
            #expect(Array(out.unicodeScalars) == Array(row[1].unicodeScalars), "\(row[2])")
            #expect(!edits.isEmpty, "\(row[2]): no edit recorded")
            #expect(edits.allSatisfy { $0.rule.hasPrefix("unicode.") })
            let (again, moreEdits) = try unicodeRepaired(out)
            #expect(again.utf8.elementsEqual(out.utf8) && moreEdits.isEmpty, "not idempotent: \(row[2])")
        }
    }

    @Test func mustNotTouch() throws {
        let rows = try UnicodeCases.rows("must-not-touch.tsv")
        #expect(rows.count >= 10)
        for row in rows {
            let (out, edits) = try unicodeRepaired(row[0])
            #expect(Array(out.unicodeScalars) == Array(row[0].unicodeScalars), "\(row[1])")
            #expect(edits.isEmpty, "\(row[1]): \(edits.map(\.rule))")
        }
    }

    /// Known failures keep failing until the pass learns them; then they move to must-fix.
    @Test func knownFailuresStillFail() throws {
        for row in try UnicodeCases.rows("known-failures.tsv") {
            let (out, _) = try unicodeRepaired(row[0])
            #expect(!out.utf8.elementsEqual(row[1].utf8), "now fixed, move to must-fix.tsv: \(row[2])")
        }
    }

    @Test func editsNameTheirRules() throws {
        let (_, edits) = try unicodeRepaired("cаясат\u{AD}тану\u{A0}және Ќазаќстан Республикасыныѕ тўлєалары")
        let rules = Set(edits.map(\.rule))
        #expect(rules == ["unicode.homoglyph", "unicode.invisible", "unicode.nbsp", "unicode.mojibake.kz1048-as-cp1251"])
        let homoglyph = try #require(edits.first { $0.rule == "unicode.homoglyph" })
        #expect(homoglyph.before == "cаясаттану" && homoglyph.after == "саясаттану" && homoglyph.location.column == 1)
    }

    @Test func plainLinesAreRecognisedByTheByteScan() {
        func plain(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { UnicodeRepairPass.isPlain($0) }
        }
        #expect(plain("Қазақстан Республикасы — «тәуелсіз» мемлекет, № 1."))
        #expect(plain("Just ASCII text, nothing else."))
        #expect(!plain("cаясат"))
        #expect(!plain("Рѕ"))
        #expect(!plain("сөз\u{AD}дер"))
        #expect(!plain("Бұл\u{A0}кітап"))
    }

    /// On the unicode-dev sets: the control set byte for byte, and ≥ 99.5 % of corrupted paragraphs.
    @Test func unicodeDevSets() throws {
        let dir = Paths.shared.appendingPathComponent("unicode-dev")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".input") }.map { String($0.dropLast(6)) }.sorted()
        #expect(names.contains("clean"))
        let pipeline = Pipeline(passes: [UnicodeRepairPass()])
        let context = PassContext(configuration: .plainText, rules: .embedded)
        var restored = 0, corrupted = 0
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name + ".input")))
            let truth = try String(contentsOf: dir.appendingPathComponent(name + ".truth.txt"), encoding: .utf8)
            let (text, report) = try Decoding.decode(bytes, place: name)
            #expect(report.invalidByteOffsets.isEmpty, "\(name)")
            let doc = try pipeline.run(Document(lines: text, decoding: report), context: context)
            let out = doc.blocks.map(\.text)
            let expected = truth.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            if name == "clean" {
                #expect((out.joined(separator: "\n") + "\n").utf8.elementsEqual(truth.utf8), "control set changed")
                #expect(doc.edits.isEmpty)
            } else {
                corrupted += expected.count
                restored += zip(out, expected).filter { $0.utf8.elementsEqual($1.utf8) }.count
            }
            let again = try pipeline.run(doc, context: context)
            #expect(again.edits.count == doc.edits.count, "\(name): not idempotent")
        }
        #expect(corrupted > 0)
        #expect(Double(restored) >= 0.995 * Double(corrupted), "\(restored) of \(corrupted)")
    }
}

@Suite struct UnicodeRepairLayoutTests {
    @Test func lineEndSoftHyphenStaysForReflowButNotInLineLayout() throws {
        var pdf = Document(lines: "Қазақ тіліндегі сөз\u{AD}\nдер мен сөй\u{AD}лем")
        try UnicodeRepairPass().apply(to: &pdf, context: PassContext(configuration: .pdfDump, rules: .embedded))
        #expect(pdf.blocks.map { Array($0.text.unicodeScalars) } == [Array("Қазақ тіліндегі сөз\u{AD}".unicodeScalars),
                                                                     Array("дер мен сөйлем".unicodeScalars)])
        var lines = Document(lines: "Қазақ тіліндегі сөз\u{AD}")
        try UnicodeRepairPass().apply(to: &lines, context: PassContext(configuration: .plainText, rules: .embedded))
        #expect(Array(lines.blocks[0].text.unicodeScalars) == Array("Қазақ тіліндегі сөз".unicodeScalars))
    }
}

@Suite struct DocumentLinesTests {
    @Test func linesSplitOnLFAndCRLF() {
        #expect(Document(lines: "а\r\nб\r\n").blocks.map(\.text) == ["а", "б"])
        #expect(Document(lines: "a\n\nb").blocks.map(\.text) == ["a", "", "b"])
        #expect(Document(lines: "a\n\n").blocks.map(\.text) == ["a", ""])
        #expect(Document(lines: "\n").blocks.map(\.text) == [""])
        #expect(Document(lines: "x").blocks.map(\.line) == [1])
    }
}
