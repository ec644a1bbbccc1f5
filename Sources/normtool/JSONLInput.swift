import ArgumentParser
import Normalize

/// `--input-format jsonl --field NAME`: corpora as JSON Lines, one document per line, the text in one
/// string field. Every command reads them the same way: the field's text is processed and written back
/// into the same record, every other byte of the line unchanged.
struct InputFormatOptions: ParsableArguments {
    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Option(help: "text (default) or jsonl: one JSON object per line, the text in --field; output is the same records with that field processed.")
    var inputFormat: InputFormat = .text

    @Option(help: "With --input-format jsonl: the string field that holds the text.")
    var field = "text"

    var isJSONL: Bool { inputFormat == .jsonl }
}

extension InputSource {
    /// Calls `body(record, text, lineNumber)` for every JSONL record whose `field` is a string. A line
    /// that is not valid UTF-8, not one JSON object, or lacks the string field is reported on stderr
    /// with its place and handed to `passThrough` unchanged (nothing is dropped); blank lines are
    /// passed through silently. Returns whether any line had a problem.
    /// `fallback` says in the messages what happens to such a line ("line passed through unchanged").
    func forEachRecord(field: String, fallback: String = "line passed through unchanged",
                       passThrough: (UnsafeBufferPointer<UInt8>, Int) throws -> Void,
                       _ body: (JSONRecord, String, Int) throws -> Void) throws -> Bool {
        var lineNumber = 0
        var hadProblems = false
        try forEachLine { raw, offset in
            lineNumber += 1
            let line = raw.last == 0x0D ? UnsafeBufferPointer(rebasing: raw.dropLast()) : raw
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                try passThrough(raw, lineNumber)
                return
            }
            // A line that cannot be used: reported with its place, handed on unchanged.
            func reject(_ message: String) throws {
                warn("\(displayName):\(lineNumber)\(message); \(fallback)")
                hadProblems = true
                try passThrough(raw, lineNumber)
            }
            if let bad = firstInvalidUTF8Offset(line) {
                return try reject(":\(bad + 1): invalid UTF-8 (byte \(offset + bad) of the file)")
            }
            let record: JSONRecord
            do throws(JSONRecord.SyntaxError) {
                record = try JSONRecord(line)
            } catch {
                return try reject(":\(error.offset + 1): malformed JSON: \(error.message) (byte \(offset + error.offset) of the file)")
            }
            let text: String
            do throws(JSONRecord.FieldError) {
                text = try record.string(field)
            } catch {
                return try reject(": \(error.description)")
            }
            try body(record, text, lineNumber)
        }
        return hadProblems
    }

    /// The common case: every record's `field` replaced by `transform(text, lineNumber)`, one output
    /// line per input line. Returns whether any line had a problem.
    func transformRecords(field: String, to out: OutputSink,
                          _ transform: (String, Int) throws -> String) throws -> Bool {
        try forEachRecord(field: field, passThrough: { raw, _ in
            try out.write(raw)
            try out.write("\n")
        }) { record, text, lineNumber in
            let replaced = record.replacing(field, with: try transform(text, lineNumber))
            try replaced.withUnsafeBufferPointer { try out.write($0) }
            try out.write("\n")
        }
    }
}
