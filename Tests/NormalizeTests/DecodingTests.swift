import Foundation
import Testing
@testable import Normalize

@Suite struct DecodingTests {
    static let folder = Paths.packageRoot.appendingPathComponent("Tests/NormalizeTests/Cases/encodings")

    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test(arguments: [
        ("kk.kz1048", "KZ-1048"), ("kk.ptcp154", "PTCP154"), ("ru.cp1251", "windows-1251"),
        ("ru.koi8-r", "KOI8-R"), ("ru.cp866", "IBM866"), ("ru.iso-8859-5", "ISO-8859-5"),
        ("kk.utf-16le", "UTF-16LE"), ("ru.utf-16be", "UTF-16BE"), ("kk.utf-16-bom", "UTF-16LE"),
        ("ru.utf-32-bom", "UTF-32LE"), ("kk.utf-8-bom", "UTF-8"),
    ])
    func detectsAndDecodes(file: String, encoding: String) throws {
        let truth = try String(contentsOf: Self.folder.appendingPathComponent(String(file.prefix(2)) + ".txt"), encoding: .utf8)
        let (text, report) = try Decoding.decode(Self.fixture(file), place: file)
        #expect(report.encoding == encoding)
        #expect(text == truth)
        #expect(report.invalidByteOffsets.isEmpty)
    }

    @Test func forcedEncodingOverridesDetection() throws {
        let bytes = try Self.fixture("kk.kz1048")
        let (text, report) = try Decoding.decode(bytes, encoding: "cp1251", place: "x")
        #expect(report.encoding == "windows-1251")
        #expect(text.contains("Ќазаќстан"))
        let (kz, _) = try Decoding.decode(bytes, encoding: "RK1048", place: "x")
        #expect(kz.hasPrefix("Қазақстан"))
    }

    @Test func unknownEncodingNamesTheChoices() {
        #expect(throws: NormalizeError.self) { try Decoding.decode([0x41], encoding: "EBCDIC-KZ", place: "in.txt") }
        do {
            _ = try Decoding.decode([0x41], encoding: "EBCDIC-KZ", place: "in.txt")
        } catch {
            #expect("\(error)".contains("in.txt") && "\(error)".contains("KZ-1048"))
        }
    }

    @Test func invalidBytesAreReportedWithOffsets() throws {
        var bytes = Array("Сәлем ".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("әлем, бұл ұзын мәтін".utf8))
        let (text, report) = try Decoding.decode(bytes, place: "x")
        #expect(report.encoding == "UTF-8")
        #expect(report.invalidByteOffsets == [11])
        #expect(text.contains("\u{FFFD}"))
        let (_, forced) = try Decoding.decode([0x41, 0x98, 0x42], encoding: "KZ-1048", place: "x")
        #expect(forced.invalidByteOffsets == [1])
        let (_, utf16) = try Decoding.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], place: "x")
        #expect(utf16.invalidByteOffsets == [2])
    }

    @Test func binaryInputIsAnError() {
        #expect(throws: NormalizeError.self) { try Decoding.decode([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00], place: "a.out") }
    }

    @Test func kazakhCodePageTablesParseAndCheckTheirShape() throws {
        let store = RuleStore.embedded
        let kz = try CodePage.load(name: "KZ-1048", source: .rules("encodings/kz1048.txt"), rules: store)
        #expect(kz.table[0x8D] == 0x049A)
        #expect(throws: NormalizeError.self) { try CodePage(name: "x", ruleText: "80\t0402\n", path: "t.txt") }
        #expect(throws: NormalizeError.self) { try CodePage(name: "x", ruleText: "7F\t0402\n", path: "t.txt") }
    }

    @Test func westernTextIsLeftToICUsDetector() throws {
        let bytes: [UInt8] = Array("Gr".utf8) + [0xFC, 0xDF] + Array("e aus M".utf8) + [0xFC] + Array("nchen, sch".utf8) + [0xF6]
            + Array("ne Stra".utf8) + [0xDF] + Array("e und gro".utf8) + [0xDF] + Array("e Freude f".utf8) + [0xFC] + Array("r alle.\n".utf8)
        let (text, report) = try Decoding.decode(bytes, place: "de.txt")
        #expect(text == "Grüße aus München, schöne Straße und große Freude für alle.\n")
        #expect(report.reason?.contains("ICU") == true)
    }
}

