import Foundation
import Testing

@Suite struct DetectCommandTests {
    static let kk = "Биылғы шара академияның 75 жылдық мерейтойымен тұспа-тұс келді."
    static let ru = "Минут через двадцать он вышел покурить на площадку и долго стоял у окна."

    @Test func lineUnitPrintsExactlyOneLinePerInputLine() throws {
        let input = [Self.kk, "", "2024", Self.ru, "   "].joined(separator: "\n") + "\n"
        let run = try Tool.run(["detect", "--unit", "line"], stdin: Data(input.utf8))
        #expect(run.status == 0)
        let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines.map { $0.split(separator: "\t")[0] } == ["kk", "und", "und", "ru", "und"])
        for line in lines {
            let fields = line.split(separator: "\t")
            #expect(fields.count == 2)
            #expect(Double(fields[1]).map { (0...1).contains($0) } == true)
        }
    }

    @Test func lastLineWithoutNewlineAndCRLFCount() throws {
        let run = try Tool.run(["detect", "--unit", "line"], stdin: Data((Self.kk + "\r\n" + Self.ru).utf8))
        #expect(run.text.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["kk", "ru"])
    }

    @Test func paragraphsAreTheOnesCleanPrints() throws {
        let input = Self.kk + "\n\n\n" + Self.ru + "\n"
        let run = try Tool.run(["detect"], stdin: Data(input.utf8))
        #expect(run.text.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["kk", "ru"])
        let sample = Tool.shared.appendingPathComponent("samples/kk-ru-pdf-dump.txt")
        guard FileManager.default.fileExists(atPath: sample.path) else { return }
        let clean = try Tool.run(["clean", sample.path])
        let detect = try Tool.run(["detect", "--format", "jsonl", sample.path])
        #expect(detect.status == 0)
        let cleanLines = clean.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let records = try detect.text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(records.count == cleanLines.count)
        let labels = records.compactMap { $0["label"] as? String }
        #expect(labels.filter { $0 == "kk" }.count >= 3)
        #expect(labels.filter { $0 == "ru" }.count >= 3)
        #expect(labels.firstIndex(of: "kk")! < labels.lastIndex(of: "ru")!)
    }

    @Test func jsonlCarriesRunnerUpAndMixedSpans() throws {
        let input = Self.kk + " " + Self.ru + "\n" + Self.ru + "\n"
        let run = try Tool.run(["detect", "--unit", "line", "--format", "jsonl"], stdin: Data(input.utf8))
        #expect(run.status == 0)
        let objects = try run.text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 2)
        #expect(objects[0]["label"] as? String == "mixed")
        let spans = objects[0]["spans"] as? [[String: Any]] ?? []
        #expect(spans.map { $0["label"] as? String } == ["kk", "ru"])
        #expect(spans.first?["start"] as? Int == 0)
        #expect(spans.last?["end"] as? Int == (Self.kk + " " + Self.ru).unicodeScalars.count)
        #expect(objects[1]["label"] as? String == "ru")
        #expect(objects[1]["line"] as? Int == 2)
        let runnerUp = objects[1]["runner_up"] as? [String: Any]
        #expect(runnerUp?["label"] as? String != nil)
        #expect(objects[1]["spans"] == nil)
    }

    @Test func cleanJSONLDescribesLanguageWithTheKeysOfDetect() throws {
        let input = Data((Self.kk + " " + Self.ru + "\n\n" + Self.ru + "\n").utf8)
        func records(_ arguments: [String]) throws -> [[String: Any]] {
            let run = try Tool.run(arguments, stdin: input)
            #expect(run.status == 0)
            return try run.text.split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
        let detect = try records(["detect", "--format", "jsonl"])
        let clean = try records(["clean", "--format", "jsonl", "--typos", "off", "--no-restore"]).map {
            $0["language"] as? [String: Any] ?? [:]
        }
        #expect(clean.count == 2 && detect.count == 2)
        for (c, d) in zip(clean, detect) {
            #expect(Set(c.keys) == Set(d.keys).subtracting(["line"]))
            #expect(c["label"] as? String == d["label"] as? String)
            let cr = c["runner_up"] as? [String: Any], dr = d["runner_up"] as? [String: Any]
            #expect(cr?["label"] as? String == dr?["label"] as? String)
            let spans = (c["spans"] as? [[String: Any]] ?? []).map { Set($0.keys) }
            #expect(spans == (d["spans"] as? [[String: Any]] ?? []).map { Set($0.keys) })
        }
        #expect(clean.first?["label"] as? String == "mixed")
    }

    @Test func invalidUTF8IsReportedWithItsOffsetAndTheLineStillGetsALabel() throws {
        var input = Data((Self.kk + "\n").utf8)
        let badAt = input.count + 6
        input.append(Data(Self.ru.utf8.prefix(6)))
        input.append(contentsOf: [0xFF, 0xFE])
        input.append(Data(Self.ru.utf8.dropFirst(6)))
        input.append(0x0A)
        let run = try Tool.run(["detect", "--unit", "line"], stdin: input)
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 2, byte \(badAt)"))
        #expect(run.text.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["kk", "ru"])
    }

    @Test func readsFilesInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.txt")
        try Data((Self.ru + "\n").utf8).write(to: a)
        try Data((Self.kk + "\n").utf8).write(to: b)
        let run = try Tool.run(["detect", "--unit", "line", a.path, b.path])
        #expect(run.text.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["ru", "kk"])
        let missing = try Tool.run(["detect", dir.appendingPathComponent("nope.txt").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.txt"))
    }
}
