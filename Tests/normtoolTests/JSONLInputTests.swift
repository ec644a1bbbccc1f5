import Foundation
import Testing

/// `--input-format jsonl`: every command gives, for each record, what it gives for the same text as
/// plain input, and copies every other byte of the record.
@Suite struct JSONLInputTests {
    /// Real lines: the Kazakh typed without Kazakh letters of restore-dev, and the sample dump's lines.
    func realLines(_ n: Int) throws -> [String]? {
        let url = Tool.shared.appendingPathComponent("restore-dev/dev.input.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return Array(text.split(separator: "\n").prefix(n).map(String.init))
    }

    func jsonl(_ lines: [String]) throws -> Data {
        var out = Data()
        for (i, line) in lines.enumerated() {
            let text = String(data: try JSONSerialization.data(withJSONObject: [line], options: [.withoutEscapingSlashes]), encoding: .utf8)!
            out.append(Data("{\"id\": \(i), \"text\": \(text.dropFirst().dropLast()), \"meta\": {\"n\": [\(i).50, null]}}\n".utf8))
        }
        return out
    }

    func texts(_ data: Data) throws -> [String] {
        try String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated().map { i, line in
            #expect(line.hasPrefix("{\"id\": \(i), \"text\": "))
            #expect(line.hasSuffix(", \"meta\": {\"n\": [\(i).50, null]}}"))
            return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["text"] as! String
        }
    }

    @Test(arguments: [["restore"], ["translit"], ["translit", "--scheme", "kk-2018"]])
    func recordsGetWhatPlainLinesGet(_ command: [String]) throws {
        guard let lines = try realLines(40) else { return }
        let plain = try Tool.run(command, stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        let records = try Tool.run(command + ["--input-format", "jsonl"], stdin: try jsonl(lines))
        #expect(plain.status == 0 && records.status == 0)
        let expected = plain.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let got = try texts(records.stdout)
        #expect(got == expected)
        #expect(got != lines)  // the command did change something on this text
    }

    /// `spell` takes one record as one document (its lines are the paragraphs), as it takes the lines of a plain file.
    @Test func spellTreatsARecordAsADocument() throws {
        let url = Tool.shared.appendingPathComponent("typos/dev.input.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let lines = Array(text.split(separator: "\n").prefix(3).map(String.init))
        let plain = try Tool.run(["spell"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        let record = try Tool.run(["spell", "--input-format", "jsonl"], stdin: try jsonl([lines.joined(separator: "\n")]))
        #expect(plain.status == 0 && record.status == 0)
        #expect(try texts(record.stdout) == [String(plain.text.dropLast())])
        #expect(plain.text != lines.joined(separator: "\n") + "\n")
    }

    @Test func detectGivesOneLabelPerRecord() throws {
        guard let lines = try realLines(30) else { return }
        let plain = try Tool.run(["detect", "--unit", "line"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        let records = try Tool.run(["detect", "--input-format", "jsonl"], stdin: try jsonl(lines))
        #expect(records.text == plain.text)
    }

    @Test func badLinesAreReportedWithTheirPlaceAndNothingIsLost() throws {
        guard let lines = try realLines(2) else { return }
        var input = try jsonl(lines)
        input.append(Data("{\"id\": 9 \"text\": \"x\"}\n\n{\"id\": 10, \"body\": \"y\"}\nnot json\n".utf8))
        input.append(Data([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D, 0x0A]))
        let run = try Tool.run(["restore", "--input-format", "jsonl"], stdin: input)
        #expect(run.status == 1)
        let out = run.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == 8)
        #expect(out[2] == "{\"id\": 9 \"text\": \"x\"}")
        #expect(out[3] == "" && out[4] == "{\"id\": 10, \"body\": \"y\"}" && out[5] == "not json")
        #expect(run.stderr.contains("<stdin>:3:10: malformed JSON: expected ',' or '}'"))
        #expect(run.stderr.contains("<stdin>:5: no field \"text\""))
        #expect(run.stderr.contains("<stdin>:6:1: malformed JSON"))
        #expect(run.stderr.contains("<stdin>:7:7: invalid UTF-8"))
        #expect(Array(run.stdout.suffix(4)) == [0xFF, 0x22, 0x7D, 0x0A])
    }

    @Test func cleanRebuildsEachRecordAsADocument() throws {
        let url = Tool.shared.appendingPathComponent("samples/kk-ru-pdf-dump.txt")
        guard let dump = try? String(contentsOf: url, encoding: .utf8) else { return }
        let plain = try Tool.run(["clean", "--typos", "off"], stdin: Data(dump.utf8))
        let record = try Tool.run(["clean", "--typos", "off", "--input-format", "jsonl", "--field", "body"],
                                  stdin: Data(("{\"body\": " + String(data: try JSONSerialization.data(withJSONObject: [dump]), encoding: .utf8)!.dropFirst().dropLast() + "}\n").utf8))
        #expect(record.status == 0)
        let obj = try JSONSerialization.jsonObject(with: record.stdout) as! [String: Any]
        #expect(obj["body"] as? String == String(plain.text.dropLast()))
    }
}
