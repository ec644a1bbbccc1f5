import ArgumentParser
import Normalize

extension Configuration.InputLayout: ExpressibleByArgument {}
extension Configuration.TypoMode: ExpressibleByArgument {}
extension Configuration.InvalidBytes: ExpressibleByArgument {}
extension Configuration.FootnotePlacement: ExpressibleByArgument {}

/// `normtool clean`: the main job. Bytes in any supported encoding → clean UTF-8 paragraphs.
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild clean paragraphs from PDF/OCR text dumps: decoding, Unicode repair, layout, hyphens, spacing, typos.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Option(name: .shortAndLong, help: "Write the output here (atomically) instead of standard output.")
    var output: String?

    @Option(help: "text: one paragraph or heading per line; jsonl: one JSON object per block, with its edits.")
    var format: Format = .text

    @Option(help: "auto, pdf (hard-broken lines: rebuild paragraphs) or lines (every line is a paragraph: no reflow).")
    var inputLayout: Configuration.InputLayout = .auto

    @Flag(help: "Repair spacing (double spaces, missing space after a full stop) even with --input-layout lines.")
    var fixSpacing = false

    @Flag(help: "Print every edit (rule, place, before → after) on stderr.")
    var explain = false

    @Option(help: "Typo repair: fix, suggest or off.")
    var typos: Configuration.TypoMode = .fix

    @Flag(help: "Do not restore Kazakh letters in Kazakh paragraphs typed with Russian letters.")
    var noRestore = false

    @Option(help: "Input encoding (UTF-8, UTF-16LE, windows-1251, KOI8-R, IBM866, ISO-8859-5, KZ-1048, PTCP154); default: detect.")
    var encoding: String?

    @Option(help: "Invalid input bytes: replace (with U+FFFD, reported) or fail.")
    var invalid: Configuration.InvalidBytes = .replace

    @Option(help: "Footnote bodies: drop (kept in JSONL) or end (moved to the end of the document).")
    var footnotes: Configuration.FootnotePlacement = .drop

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var inputOptions: InputFormatOptions

    @Argument(help: "Input files (default: standard input). Each file is one document (with --input-format jsonl: each record).")
    var files: [String] = []

    var pipelineConfiguration: Configuration {
        var c = Configuration.pdfDump
        c.inputLayout = inputLayout
        c.spacingRepair = inputLayout != .lines || fixSpacing
        c.typos = typos
        c.restoreKazakhLetters = !noRestore
        c.encoding = encoding
        c.invalidBytes = invalid
        c.footnotes = footnotes
        return c
    }

    func run() throws {
        let config = pipelineConfiguration
        let context = PassContext(configuration: config, rules: ruleOptions.store)
        let pipeline = Pipeline(configuration: config)
        let out = try OutputSink(path: output)
        var hadProblems = false
        for source in InputSource.sources(files) where inputOptions.isJSONL {
            // Each record is one document. Text output: the record with its field replaced by the
            // cleaned paragraphs (one per line, as in text output); jsonl output: the blocks of each
            // record, `source` naming FILE:LINE.
            let decoding = DecodingReport(encoding: "UTF-8", reason: "JSONL field \"\(inputOptions.field)\"")
            func clean(_ text: String, _ place: String) throws -> Document {
                let doc = try pipeline.run(Document(lines: text, decoding: decoding), context: context)
                if explain { ExplainPrinter.print(doc.edits, source: place) }
                return doc
            }
            let problems: Bool
            switch format {
            case .text:
                problems = try source.transformRecords(field: inputOptions.field, to: out) { text, lineNumber in
                    let doc = try clean(text, "\(source.displayName):\(lineNumber)")
                    return doc.blocks.filter { $0.isRunningText || ($0.kind == .footnote && config.footnotes == .end) }
                        .map(\.text).joined(separator: "\n")
                }
            case .jsonl:
                problems = try source.forEachRecord(field: inputOptions.field, fallback: "line skipped (no blocks written)", passThrough: { _, _ in }) { _, text, lineNumber in
                    let place = "\(source.displayName):\(lineNumber)"
                    try out.write(JSONLines.encode(try clean(text, place), source: place))
                }
            }
            hadProblems = hadProblems || problems
        }
        for source in InputSource.sources(files) where !inputOptions.isJSONL {
            // The input bytes and the decoded text are gone once the lines are made (memory: a 100 MB
            // document is held once, as lines, not three times).
            let (input, report) = try Self.readDocument(source, config: config, rules: context.rules)
            if explain, let reason = report.reason {
                warn("\(source.displayName): decoded as \(report.encoding)\(report.hadBOM ? " with BOM" : "") (\(reason))")
            }
            for offset in report.invalidByteOffsets {
                warn("\(source.displayName): byte \(offset): invalid \(report.encoding), replaced with U+FFFD")
            }
            if !report.invalidByteOffsets.isEmpty {
                if config.invalidBytes == .fail {
                    throw NormalizeError.badInput(place: "\(source.displayName): byte \(report.invalidByteOffsets[0])",
                                                  message: "invalid \(report.encoding)")
                }
                hadProblems = true
            }
            let doc = try pipeline.run(consume input, context: context)
            switch format {
            case .text:
                for block in doc.blocks where block.isRunningText || (block.kind == .footnote && config.footnotes == .end) {
                    try out.write(block.text)
                    try out.write("\n")
                }
            case .jsonl:
                try out.write(JSONLines.encode(doc, source: source.displayName))
            }
            if explain { ExplainPrinter.print(doc.edits, source: source.displayName) }
        }
        try out.commit()
        if hadProblems { throw ExitCode(ExitStatus.inputHadProblems) }
    }

    /// One input file read, decoded and split into lines.
    static func readDocument(_ source: InputSource, config: Configuration, rules: RuleStore) throws -> (Document, DecodingReport) {
        let (text, report) = try Decoding.decode(try source.readAll(), encoding: config.encoding, rules: rules,
                                                 place: source.displayName)
        return (Document(lines: text, decoding: report), report)
    }
}
