import Foundation
import Testing

/// `clean` on Kazakh typed with Russian letters restores what `restore` restores: typo repair must not
/// get there first and leave the paragraph half restored.
@Suite struct PipelineOrderTests {
    @Test func cleanRestoresTypedKazakhLikeRestoreDoes() throws {
        let url = Tool.shared.appendingPathComponent("restore-dev/dev.input.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n").prefix(12).joined(separator: "\n") + "\n"
        let restored = try Tool.run(["restore"], stdin: Data(lines.utf8))
        let cleaned = try Tool.run(["clean", "--input-layout", "lines"], stdin: Data(lines.utf8))
        #expect(restored.status == 0 && cleaned.status == 0)
        func words(_ s: String) -> [Substring] { s.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        let input = words(lines), byRestore = words(restored.text), byClean = words(cleaned.text)
        #expect(input.count == byRestore.count && input.count == byClean.count)
        guard input.count == byRestore.count && input.count == byClean.count else { return }
        let changed = input.indices.filter { input[$0] != byRestore[$0] }
        let same = changed.filter { byClean[$0] == byRestore[$0] }
        #expect(changed.count > 50)
        #expect(Double(same.count) >= 0.97 * Double(changed.count), "clean restored \(same.count) of \(changed.count) words restore restores")
    }
}
