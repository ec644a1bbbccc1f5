import Foundation
import Testing

@Suite struct TranslitCommandTests {
    @Test func invalidUTF8IsReportedWithItsOffsetAndPassedThrough() throws {
        let input = Data([0x6F, 0x6B, 0x0A, 0xFF, 0x0A])
        let run = try Tool.run(["translit"], stdin: input)
        #expect(run.status == 1)
        #expect(run.stderr.contains("byte 3"))
        #expect(Array(run.stdout.suffix(2)) == [0xFF, 0x0A])
    }
}
