import Testing
@testable import Normalize

@Suite struct UTF8ValidationTests {
    @Test func validKazakhTextHasNoInvalidOffset() {
        #expect(firstInvalidUTF8Offset(Array("Қазақстан Республикасы, 2021-жыл 🇰🇿".utf8)) == nil)
    }

    @Test(arguments: [
        ([0x41, 0xFF, 0x42], 1),                 // a byte that never appears in UTF-8
        ([0xD2, 0x9B, 0xC0, 0x80], 2),           // overlong NUL after a valid қ
        ([0xED, 0xA0, 0x80], 0),                 // encoded surrogate
        ([0x41, 0xE2, 0x82], 1),                 // truncated at the end
        ([0xF4, 0x90, 0x80, 0x80], 0),           // above U+10FFFF
    ] as [([UInt8], Int)])
    func invalidSequencesAreFoundAtTheirOffset(bytes: [UInt8], offset: Int) {
        #expect(firstInvalidUTF8Offset(bytes) == offset)
    }

    @Test func decodingReportsEveryInvalidByteAndRejectsBinary() throws {
        let (text, report) = try Decoding.decodeUTF8([0xEF, 0xBB, 0xBF, 0xD0, 0xB0, 0xFF, 0x0A], place: "t")
        #expect(text == "а\u{FFFD}\n")
        #expect(report.hadBOM)
        #expect(report.invalidByteOffsets == [5])
        #expect(throws: NormalizeError.self) { try Decoding.decodeUTF8([0x41, 0x00, 0x42], place: "t") }
    }
}
