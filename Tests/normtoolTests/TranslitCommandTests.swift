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

    @Test func fatalErrorsExitWithStatus2AndNameThePlace() throws {
        let missing = try Tool.run(["translit", "/no/such/file.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/file.txt"))
        let noReverse = try Tool.run(["translit", "--scheme", "kk-2017", "--reverse"], stdin: Data("x\n".utf8))
        #expect(noReverse.status == 2)
        #expect(noReverse.stderr.contains("kk-2021 and kk-2018"))
    }

    @Test func schemesAndReverseFromTheCommandLine() throws {
        let input = Data("ШЫМКЕНТ, Щучинск, ЮНЕСКО\nЦех\n".utf8)
        #expect(try Tool.run(["translit"], stdin: input).text == "ŞYMKENT, Şşutşinsk, İUNESKO\nTseh\n")
        #expect(try Tool.run(["translit", "--variant", "short"], stdin: input).text == "ŞYMKENT, Şşuşinsk, İUNESKO\nSeh\n")
        #expect(try Tool.run(["translit", "--scheme", "kk-2018"], stdin: input).text == "SHYMKENT, Shshýchınsk, IÝNESKO\nSeh\n")
        let back = try Tool.run(["translit", "--reverse"], stdin: Data("Qoian men aiu, şahar\n".utf8))
        #expect(back.status == 0)
        #expect(back.text == "Қоян мен аю, шаһар\n")
    }
}
