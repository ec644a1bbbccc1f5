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
}
