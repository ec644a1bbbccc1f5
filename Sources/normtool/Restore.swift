import ArgumentParser
import Normalize

/// `normtool restore`: one paragraph per line in, the same lines out with Kazakh letters restored.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore Kazakh letters (ә ғ қ ң ө ұ ү һ і) in Kazakh lines typed with Russian letters, line for line.",
        discussion: """
            Each line is one paragraph. Lines that are not Kazakh, or already write Kazakh letters, are \
            copied unchanged; so is everything but the letters restored.
            """)

    @Flag(help: "Print every change (line:column, before → after, why) on stderr.")
    var explain = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var inputOptions: InputFormatOptions

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    func run() throws {
        var restorer = KazakhLetterRestorer(model: try KazakhRestorationModel(rules: ruleOptions.store))
        let out = try OutputSink(path: nil)
        var hadInvalid = false
        var restored: [UInt8] = [], changes: [KazakhLetterRestorer.Change] = []
        for source in InputSource.sources(files) where inputOptions.isJSONL {
            let problems = try source.transformRecords(field: inputOptions.field, to: out) { text, lineNumber in
                let (result, edits) = restorer.restore(text, recordChanges: explain)
                if explain {
                    for c in edits {
                        warn("\(source.displayName):\(lineNumber): \(inputOptions.field)[\(c.scalarOffset)]: \(RestorePass.rule): \(c.before) → \(c.after) (\(c.note))")
                    }
                }
                return result
            }
            hadInvalid = hadInvalid || problems
        }
        for source in InputSource.sources(files) where !inputOptions.isJSONL {
            var lineNumber = 0
            try source.forEachLine { line, offset in
                lineNumber += 1
                if let bad = firstInvalidUTF8Offset(line) {
                    warn("\(source.displayName): byte \(offset + bad): invalid UTF-8; line \(lineNumber) passed through unchanged")
                    hadInvalid = true
                    try out.write(line)
                } else {
                    // A line ending in CR (CRLF input): the CR is put back after the restored text.
                    let hadCR = line.last == 0x0D
                    restored.removeAll(keepingCapacity: true)
                    changes.removeAll(keepingCapacity: true)
                    _ = restorer.restore(utf8: hadCR ? UnsafeBufferPointer(rebasing: line.dropLast()) : line,
                                         appendingTo: &restored, changes: &changes, recordChanges: explain)
                    try restored.withUnsafeBufferPointer { try out.write($0) }
                    if hadCR { try out.write("\r") }
                    if explain {
                        for c in changes {
                            warn("\(source.displayName):\(lineNumber):\(c.scalarOffset + 1): \(RestorePass.rule): \(c.before) → \(c.after) (\(c.note))")
                        }
                    }
                }
                try out.write("\n")
            }
        }
        try out.commit()
        if hadInvalid { throw ExitCode(ExitStatus.inputHadProblems) }
    }
}
