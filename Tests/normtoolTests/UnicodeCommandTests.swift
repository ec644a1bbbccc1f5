import Foundation
import Testing

/// `normtool clean --input-layout lines --typos off`: the decoding and Unicode repair contract.
@Suite struct UnicodeCommandTests {
    static let args = ["clean", "--input-layout", "lines", "--typos", "off"]

    @Test func legacyCodePageInComesOutAsRepairedUTF8() throws {
        var input = Data()
        // "Қазақстан тарихы" in KZ-1048, then a line of Russian in the same code page.
        input.append(contentsOf: [0x8D, 0xE0, 0xE7, 0xE0, 0x9D, 0xF1, 0xF2, 0xE0, 0xED, 0x20, 0xF2, 0xE0, 0xF0, 0xE8, 0xF5, 0xFB, 0x0A])
        let run = try Tool.run(Self.args + ["--encoding", "KZ-1048"], stdin: input)
        #expect(run.status == 0)
        #expect(run.text == "Қазақстан тарихы\n")
    }

    @Test func mojibakeAndHomoglyphsAreRepairedAndExplained() throws {
        let run = try Tool.run(Self.args + ["--explain"], stdin: Data("Ќазаќстан Республикасыныѕ тўлєалары\ncаясат пен əлем\n".utf8))
        #expect(run.status == 0)
        #expect(run.text == "Қазақстан Республикасының тұлғалары\nсаясат пен әлем\n")
        #expect(run.stderr.contains("unicode.mojibake.kz1048-as-cp1251"))
        #expect(run.stderr.contains("unicode.homoglyph"))
    }

    @Test func invalidBytesAreReportedWithOffsetAndExitStatus() throws {
        var input = Data("Сәлем әлем, бұл ұзын мәтін ".utf8)
        input.append(0xFF)
        input.append(contentsOf: Data(" және тағы бір сөйлем\n".utf8))
        let run = try Tool.run(Self.args, stdin: input)
        #expect(run.status == 1)
        #expect(run.stderr.contains("byte 48"))
        #expect(run.text.contains("\u{FFFD}"))
        let failing = try Tool.run(Self.args + ["--invalid", "fail"], stdin: input)
        #expect(failing.status != 0)
        #expect(failing.stderr.contains("byte 48"))
        #expect(failing.stdout.isEmpty)
    }

    @Test func unknownEncodingIsAClearError() throws {
        let run = try Tool.run(Self.args + ["--encoding", "EBCDIC-KZ"], stdin: Data("x\n".utf8))
        #expect(run.status != 0)
        #expect(run.stderr.contains("EBCDIC-KZ") && run.stderr.contains("KZ-1048"))
    }

    /// The held-out contract on the unicode-dev sets, through the whole `clean` command: the control set
    /// byte for byte, and at least 99.5 % of corrupted paragraphs restored exactly.
    @Test func unicodeDevThroughTheCommand() throws {
        let dir = Tool.shared.appendingPathComponent("unicode-dev")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".input") }.map { String($0.dropLast(6)) }.sorted()
        var restored = 0, corrupted = 0
        for name in names {
            let run = try Tool.run(Self.args + [dir.appendingPathComponent(name + ".input").path])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let truth = try Data(contentsOf: dir.appendingPathComponent(name + ".truth.txt"))
            if name == "clean" {
                #expect(run.stdout == truth, "control set changed")
                continue
            }
            let out = run.stdout.split(separator: 0x0A, omittingEmptySubsequences: false)
            let expected = truth.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
            corrupted += expected.count
            restored += zip(out, expected).filter { $0 == $1 }.count
        }
        #expect(corrupted > 0)
        #expect(Double(restored) >= 0.995 * Double(corrupted), "\(restored) of \(corrupted)")
    }
}
