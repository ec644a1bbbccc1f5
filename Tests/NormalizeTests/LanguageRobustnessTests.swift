import Foundation
import Testing
@testable import Normalize

/// The input `detect` sees besides clean prose: binary data, ALL-CAPS headings, figures and abbreviations,
/// Kazakh typed without Kazakh letters, and text that went through the Unicode pass.
@Suite struct LanguageRobustnessTests {
    static let identifier = LanguageIdentifierTests.identifier

    /// Rows of langid-dev.tsv as (label, text); empty when ../shared is absent.
    static func devRows() throws -> [(String, String)] {
        let url = Paths.shared.appendingPathComponent("corpus/langid-dev.tsv")
        guard Paths.sharedAvailable, FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map {
            let fields = $0.split(separator: "\t", maxSplits: 1)
            return (String(fields[0]), String(fields[1]))
        }
    }

    static func identify(_ bytes: [UInt8]) -> LanguageDecision {
        bytes.withUnsafeBufferPointer { identifier.identify(utf8: $0) }
    }

    @Test func randomBytesAreUndetermined() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        for _ in 0..<300 {
            let count = 64 + Int(next() % 4000)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 24) }
            let d = Self.identify(bytes)
            #expect(d.code == "und" && d.confidence == 0, "\(count) random bytes → \(d.code) \(d.confidence)")
        }
    }

    @Test func executableBytesAreUndetermined() {
        // What the start of an ELF file looks like: NULs around symbol and library names.
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 24)
        for name in ["__libc_start_main", "printf", "GLIBC_2.34", "libswiftCore.so", "_ZN4main3runEv", "strlen"] {
            bytes += Array(name.utf8) + [0, 0, 0, 1, 0, 0x12, 0]
        }
        #expect(Self.identify(bytes).code == "und")
    }

    /// Headings are often set in capitals: the labels of the kk and ru dev rows must not change.
    @Test func allCapsDevRowsKeepTheirLabel() throws {
        let rows = try Self.devRows().filter { $0.0 == "kk" || $0.0 == "ru" }
        guard !rows.isEmpty else { return }
        var same = 0
        for (_, text) in rows where Self.identifier.identify(text.uppercased()).code == Self.identifier.identify(text).code {
            same += 1
        }
        #expect(Double(same) >= 0.995 * Double(rows.count), "\(same) of \(rows.count)")
    }

    /// A few words of a paragraph buried in list numbers, percentages, years and abbreviations.
    @Test func figuresAndAbbreviationsAroundFewWords() throws {
        let rows = try Self.devRows().filter { ($0.0 == "kk" || $0.0 == "ru") && $0.1.count > 60 }
        guard !rows.isEmpty else { return }
        var correct = 0
        for (k, (label, text)) in rows.enumerated() {
            let words = text.split(separator: " ").prefix(5).joined(separator: " ")
            let fragment = "\(k + 1)) \(words), \(12 + k % 80).5 %, \(1990 + k % 30) ж., т.б."
            let d = Self.identifier.identify(fragment)
            if d.code == label { correct += 1 }
            #expect(d.code != "und", "\(fragment)")
        }
        #expect(Double(correct) >= 0.97 * Double(rows.count), "\(correct) of \(rows.count)")
    }

    /// restore-dev inputs: Kazakh typed with Russian letters only (ә→а, қ→к, і→и …).
    @Test func kazakhWithoutKazakhLettersIsKazakh() throws {
        let url = Paths.shared.appendingPathComponent("restore-dev/dev.input.txt")
        guard Paths.sharedAvailable, FileManager.default.fileExists(atPath: url.path) else { return }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 100)
        let kazakh = lines.filter { Self.identifier.identify(String($0)).code == "kk" }.count
        #expect(Double(kazakh) >= 0.995 * Double(lines.count), "\(kazakh) of \(lines.count)")
    }

    /// unicode-dev inputs (mojibake, homoglyphs, invisibles, legacy code pages) after decoding and the
    /// Unicode pass get the label of their clean truth.
    @Test func textAfterTheUnicodePassGetsTheLabelOfItsTruth() throws {
        let dir = Paths.shared.appendingPathComponent("unicode-dev")
        guard Paths.sharedAvailable, FileManager.default.fileExists(atPath: dir.path) else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".input") }.map { String($0.dropLast(6)) }.sorted()
        let pipeline = Pipeline(passes: [UnicodeRepairPass()])
        let context = PassContext(configuration: .plainText, rules: .embedded)
        var agree = 0, total = 0
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name + ".input")))
            let truth = try String(contentsOf: dir.appendingPathComponent(name + ".truth.txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let (text, report) = try Decoding.decode(bytes, place: name)
            let blocks = try pipeline.run(Document(lines: text, decoding: report), context: context).blocks
            #expect(blocks.count == truth.count, "\(name)")
            for (block, line) in zip(blocks, truth) {
                total += 1
                let expected = Self.identifier.identify(line).code
                if Self.identifier.identify(block.text).code == expected { agree += 1 }
                #expect(expected == "kk" || expected == "ru", "\(name): \(expected)")
            }
        }
        #expect(total >= 200)
        #expect(agree == total, "\(agree) of \(total)")
    }
}
