import Testing
@testable import Normalize

@Suite struct SpacingPassTests {
    @Test func trimmedSpacesAreVisibleInTheEdit() {
        var edits: [Edit] = []
        let fixed = SpacingPass.repair("  Қазақстан Республикасы тәуелсіз  ", line: 3, edits: &edits)
        #expect(fixed == "Қазақстан Республикасы тәуелсіз")
        let trims = edits.filter { $0.rule == "spacing.trim" }
        #expect(trims.count == 2)
        #expect(trims.allSatisfy { $0.before != $0.after && $0.before.contains("  ") })
        #expect(trims.allSatisfy { $0.location.line == 3 })
    }

    @Test func sentenceEndGetsItsSpaceButAbbreviationsAndNumbersDoNot() {
        var edits: [Edit] = []
        #expect(SpacingPass.repair("Келісім жасалды.1998 жылы", line: 1, edits: &edits) == "Келісім жасалды. 1998 жылы")
        #expect(SpacingPass.repair("Н.Ә.Назарбаев, т.б. және 3.14 www.mfa.gov.tr", line: 1, edits: &edits) == nil)
    }
}
