import Foundation
import Testing

@Suite struct RestoreCommandTests {
    @Test func linesComeOutInOrderWithLettersRestoredAndNothingElseChanged() throws {
        let input = "Казакстан Республикасынын Президенти халыкка жолдау жасады.\n\nСегодня в Москве дождь, и как всегда пробки.\n  Бугин кун жылы!  \n"
        let run = try Tool.run(["restore"], stdin: Data(input.utf8))
        #expect(run.status == 0)
        #expect(run.text == "Қазақстан Республикасының Президенті халыққа жолдау жасады.\n\nСегодня в Москве дождь, и как всегда пробки.\n  Бүгін күн жылы!  \n")
    }

    @Test func explainNamesTheRuleAndPlace() throws {
        let run = try Tool.run(["restore", "--explain"], stdin: Data("Бугин кун жылы.\n".utf8))
        #expect(run.stderr.contains("<stdin>:1:7: restore.kazakh-letters: кун → күн"))
    }

    @Test func invalidUTF8LineIsReportedAndPassedThrough() throws {
        let input = Data("Бугин кун жылы.\n".utf8) + Data([0xFF, 0x0A])
        let run = try Tool.run(["restore"], stdin: input)
        #expect(run.status == 1)
        #expect(run.stderr.contains("byte 28"))
        #expect(Array(run.stdout.suffix(2)) == [0xFF, 0x0A])
    }

    @Test func missingFileIsAFatalErrorNamingIt() throws {
        let run = try Tool.run(["restore", "/no/such/file.txt"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("/no/such/file.txt"))
    }
}
