import ArgumentParser
import Normalize

/// `normtool spell`: typo repair line for line (one paragraph per line).
struct Spell: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Repair non-word typos in Kazakh and Russian text, one paragraph per line.",
        discussion: """
            Every line comes out as it went in, with confident corrections applied and every other token
            untouched. Lines that language identification labels as neither Kazakh nor Russian are left alone. Consecutive lines (up to \(Spell.documentLines) at a time) form one document, so a word
            spelled right elsewhere in the text counts as evidence.

            With --suggest the lines are printed unchanged and unknown words with a candidate are reported
            on standard error, one per line:
              FILE:LINE:COLUMN: WORD -> CANDIDATE would fix|uncertain: EVIDENCE
            ("would fix" marks the corrections that spell without --suggest applies). Uncertain candidates
            are listed when they have fair odds; --all lists every one (scripts/fit-typos.py reads them).
            """)

    static let documentLines = 5000

    @Flag(help: "Change nothing; report suggestions on standard error.")
    var suggest = false

    @Flag(help: "With --suggest, list every unknown word with a candidate, however unlikely.")
    var all = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var inputOptions: InputFormatOptions

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    func run() throws {
        var config = Configuration.plainText
        config.typos = suggest ? .suggest : .fix
        let context = PassContext(configuration: config, rules: ruleOptions.store)
        let passes = Pipeline(passes: [LanguagePass(), TyposPass(mode: config.typos, suggestAll: all)])
        let out = try OutputSink(path: nil)
        var hadInvalid = false
        for source in InputSource.sources(files) where inputOptions.isJSONL {
            // One record is one document; its lines are the paragraphs.
            let problems = try source.transformRecords(field: inputOptions.field, to: out) { text, lineNumber in
                let blocks = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                    Block(kind: .line, text: String($0.element), line: $0.offset + 1)
                }
                let doc = try passes.run(Document(blocks: blocks), context: context)
                if suggest {
                    for e in doc.edits {
                        warn("\(source.displayName):\(lineNumber): \(inputOptions.field) line \(e.location.line), column \(e.location.column): \(e.before) -> \(e.after) \(e.note ?? "")")
                    }
                }
                return doc.blocks.map(\.text).joined(separator: "\n")
            }
            hadInvalid = hadInvalid || problems
        }
        for source in InputSource.sources(files) where !inputOptions.isJSONL {
            // Lines of one chunk: valid ones become blocks; invalid ones pass through unchanged.
            var lines: [[UInt8]] = []
            var valid: [Bool] = []
            var firstLine = 1
            func flush() throws {
                var blocks: [Block] = []
                for (i, line) in lines.enumerated() where valid[i] {
                    blocks.append(Block(kind: .line, text: String(decoding: line, as: UTF8.self), line: firstLine + i))
                }
                let doc = try passes.run(Document(blocks: blocks), context: context)
                var next = 0
                for (i, line) in lines.enumerated() {
                    if valid[i] {
                        try out.write(doc.blocks[next].text)
                        next += 1
                    } else {
                        try line.withUnsafeBufferPointer { try out.write($0) }
                    }
                    try out.write("\n")
                }
                if suggest {
                    for e in doc.edits {
                        warn("\(source.displayName):\(e.location.line):\(e.location.column): \(e.before) -> \(e.after) \(e.note ?? "")")
                    }
                }
                firstLine += lines.count
                lines.removeAll(keepingCapacity: true)
                valid.removeAll(keepingCapacity: true)
            }
            try source.forEachLine { line, offset in
                var bytes = Array(line)
                if bytes.last == 0x0D { bytes.removeLast() }
                if let bad = firstInvalidUTF8Offset(bytes) {
                    warn("\(source.displayName): byte \(offset + bad): invalid UTF-8; line passed through unchanged")
                    hadInvalid = true
                    lines.append(Array(line))
                    valid.append(false)
                } else {
                    lines.append(bytes)
                    valid.append(true)
                }
                if lines.count >= Spell.documentLines { try flush() }
            }
            if !lines.isEmpty { try flush() }
        }
        try out.commit()
        if hadInvalid { throw ExitCode(ExitStatus.inputHadProblems) }
    }
}
