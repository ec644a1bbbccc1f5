import Foundation
import Testing

@Suite struct CleanCommandTests {
    @Test func binaryInputIsRejectedAndLeavesNoOutputFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clean-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.bin"), output = dir.appendingPathComponent("out.txt")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]).write(to: input)
        let run = try Tool.run(["clean", input.path, "-o", output.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("in.bin: byte 6"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "in.bin" }
        #expect(leftovers.isEmpty, "partial output left behind: \(leftovers)")
    }

    /// The JSONL record of a repaired paragraph carries its edit with snake_case keys, as `detect` does.
    @Test func jsonlEditsUseTheSameKeyStyleAsDetect() throws {
        let text = "Қазақстан  Республикасы 1992 жылы тәуелсіздік алды.\n"
        let run = try Tool.run(["clean", "--format", "jsonl", "--input-layout", "lines", "--fix-spacing"],
                               stdin: Data(text.utf8))
        #expect(run.status == 0)
        let line = try #require(run.text.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "Қазақстан Республикасы 1992 жылы тәуелсіздік алды.")
        let edits = try #require(object["edits"] as? [[String: Any]])
        let collapse = try #require(edits.first { $0["rule"] as? String == "spacing.collapse" })
        let location = try #require(collapse["location"] as? [String: Any])
        #expect(location["byte_offset"] != nil && location["byteOffset"] == nil)
        #expect((object["language"] as? [String: Any])?["label"] as? String == "kk")
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let run = try Tool.run(["clean", "--input-layout", "lines"], stdin: Data())
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }
}

@Suite struct ExitStatusTests {
    @Test func unreadableInputExitsWithTwoAndNamesTheFile() throws {
        let run = try Tool.run(["clean", "/nonexistent/dump.txt"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/dump.txt"))
        #expect(run.stdout.isEmpty)
    }

    @Test func invalidFailStopsWithTwoAtTheFirstBadByte() throws {
        let input = Data("Қазақстан Республикасы ".utf8) + Data([0xFF]) + Data(" тәуелсіз мемлекет\n".utf8)
        let run = try Tool.run(["clean", "--invalid", "fail", "--input-layout", "lines"], stdin: input)
        #expect(run.status == 2)
        #expect(run.stderr.contains("byte 44"))
        #expect(run.stdout.isEmpty)
    }
}
