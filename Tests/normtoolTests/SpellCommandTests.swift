import Foundation
import Testing

@Suite struct SpellCommandTests {
    @Test func fixesLineForLineAndKeepsEverythingElse() throws {
        let input = "Нидерланды Бнеилюкс елдерінің бірі.\n\n  2019 жылы  ЕАЭО\n"
        let r = try Tool.run(["spell"], stdin: Data(input.utf8))
        #expect(r.status == 0)
        #expect(r.text == "Нидерланды Бенилюкс елдерінің бірі.\n\n  2019 жылы  ЕАЭО\n")
    }

    @Test func suggestLeavesLinesAndReportsOnStderr() throws {
        let input = "Нидерланды Бнеилюкс елдерінің бірі."
        let r = try Tool.run(["spell", "--suggest"], stdin: Data(input.utf8))
        #expect(r.status == 0)
        #expect(r.text == input + "\n")
        #expect(r.stderr.contains("<stdin>:1:12: Бнеилюкс -> Бенилюкс would fix"))
    }

    @Test func invalidUTF8PassesThroughWithExitOne() throws {
        var input = Data("Бнеилюкс бар\n".utf8)
        input.append(contentsOf: [0x41, 0xFF, 0x0A])
        let r = try Tool.run(["spell"], stdin: input)
        #expect(r.status == 1)
        var expected = Data("Бенилюкс бар\n".utf8)
        expected.append(contentsOf: [0x41, 0xFF, 0x0A])
        #expect(r.stdout == expected)
        #expect(r.stderr.contains("byte 25"))
    }

    @Test func missingFileIsAnError() throws {
        let r = try Tool.run(["spell", "/nonexistent/x.txt"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/x.txt"))
    }
}
