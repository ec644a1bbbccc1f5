import Foundation
import Testing

/// Large inputs go through `clean` whole: nothing truncated, nothing lost, the repairs still made.
@Suite struct LargeInputTests {
    /// An 8 MB line without a newline (a dump whose line breaks were lost): every byte comes back, in
    /// order, with the double spaces inside it and at its end repaired and `болды.1998` split.
    @Test func eightMegabyteSingleLineIsCleanedWhole() throws {
        let sentence = "Қазақстан мен НАТО арасындағы ынтымақтастық жеке серіктестік бағдарламалар арқылы жүргізіледі. "
        // 8 MB keeps the debug test run short (about 12 s); 20 MB and 200 MB lines were checked in release.
        let repeats = 8 * 1_048_576 / sentence.utf8.count
        let half = String(repeating: sentence, count: repeats / 2)
        let input = half + "Келісім  болды.1998 жылы басталды. " + half + "Соңы  "
        let run = try Tool.run(["clean", "--typos", "off", "--no-restore", "--input-layout", "pdf"], stdin: Data(input.utf8))
        #expect(run.status == 0)
        let expected = half + "Келісім болды. 1998 жылы басталды. " + half + "Соңы\n"
        #expect(run.stdout.count == expected.utf8.count)
        #expect(run.stdout.elementsEqual(expected.utf8))
    }
}
