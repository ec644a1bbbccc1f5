import ArgumentParser
import Normalize

/// `normtool detect`: one language label per line or per paragraph.
///
/// TSV: `LABEL<TAB>CONFIDENCE` per unit. JSONL, one object per unit:
/// `{"line":N,"label":"kk","confidence":0.998,"runner_up":{"label":"ky","score":0.001}}`, plus for
/// `mixed` `"spans":[{"start":0,"end":57,"label":"kk","confidence":0.99},…]` with offsets in Unicode
/// scalars into the unit's text: the input line, or the paragraph as `normtool clean` prints it.
/// `line` is the unit's (first) input line. Paragraphs are found by the layout and reflow passes, so
/// `detect` prints one line for every line `clean` prints, in the same order.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Identify the language of each paragraph (or line): kk, ru, a neighbour, mixed or und.")

    enum Unit: String, ExpressibleByArgument, CaseIterable {
        case paragraph, line
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tsv, jsonl
    }

    @Option(help: "paragraph (as `clean` finds them; default) or line (exactly one output line per input line).")
    var unit: Unit = .paragraph

    @Option(help: "tsv (LABEL<TAB>CONFIDENCE) or jsonl (with runner-up and per-sentence spans).")
    var format: Format = .tsv

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var inputOptions: InputFormatOptions

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    func run() throws {
        let identifier = try LanguageIdentifier(rules: ruleOptions.store)
        var configuration = Configuration.pdfDump
        configuration.typos = .off
        configuration.restoreKazakhLetters = false
        configuration.languageDetection = false
        let context = PassContext(configuration: configuration, rules: ruleOptions.store)
        let pipeline = Pipeline(passes: Pipeline(configuration: configuration).passes + [LanguagePass(identifier: identifier)])
        let out = try OutputSink(path: nil)
        var hadInvalid = false
        for source in InputSource.sources(files) where inputOptions.isJSONL {
            // One unit per input line: a record's whole field is one unit; a line that is not a usable
            // record (reported) gets `und` so that output line N still answers input line N.
            let problems = try source.forEachRecord(field: inputOptions.field, fallback: "line labelled und", passThrough: { _, lineNumber in
                try write(.undetermined, line: lineNumber, to: out)
            }) { _, text, lineNumber in
                var text = text
                try write(text.withUTF8 { identifier.identify(utf8: $0) }, line: lineNumber, to: out)
            }
            hadInvalid = hadInvalid || problems
        }
        for source in InputSource.sources(files) where !inputOptions.isJSONL {
            switch unit {
            case .line:
                var lineNumber = 0
                try source.forEachLine { line, offset in
                    lineNumber += 1
                    if let bad = invalidUTF8Runs(line).first?.offset {
                        warn("\(source.displayName): line \(lineNumber), byte \(offset + bad): invalid UTF-8; undecodable bytes ignored")
                        hadInvalid = true
                    }
                    var end = line.count
                    if end > 0 && line[end - 1] == 0x0D { end -= 1 }
                    try write(identifier.identify(utf8: UnsafeBufferPointer(rebasing: line[0..<end])), line: lineNumber, to: out)
                }
            case .paragraph:
                // The paragraphs `clean` prints: same decoding, Unicode repair, layout, reflow and spacing.
                let bytes = try source.readAll()
                let (text, report) = try Decoding.decode(bytes, encoding: nil, rules: context.rules, place: source.displayName)
                for offset in report.invalidByteOffsets {
                    warn("\(source.displayName): byte \(offset): invalid \(report.encoding), replaced with U+FFFD")
                    hadInvalid = true
                }
                let doc = try pipeline.run(Document(lines: text, decoding: report), context: context)
                for block in doc.blocks where block.isRunningText {
                    let decision = block.language.map {
                        LanguageDecision(code: $0.code, confidence: $0.confidence, runnerUp: $0.runnerUp,
                                         runnerUpScore: $0.runnerUpScore, spans: $0.spans)
                    } ?? .undetermined
                    try write(decision, line: block.line, to: out)
                }
            }
        }
        try out.commit()
        if hadInvalid { throw ExitCode(ExitStatus.inputHadProblems) }
    }

    private func write(_ d: LanguageDecision, line: Int, to out: OutputSink) throws {
        switch format {
        case .tsv:
            try out.write(d.code + "\t" + fixed(d.confidence) + "\n")
        case .jsonl:
            var s = "{\"line\":\(line)"
            s += ",\"label\":\"\(d.code)\",\"confidence\":\(fixed(d.confidence))"
            if let r = d.runnerUp {
                s += ",\"runner_up\":{\"label\":\"\(r)\",\"score\":\(fixed(d.runnerUpScore))}"
            }
            if !d.spans.isEmpty {
                s += ",\"spans\":["
                s += d.spans.map {
                    "{\"start\":\($0.start),\"end\":\($0.end),\"label\":\"\($0.code)\",\"confidence\":\(fixed($0.confidence))}"
                }.joined(separator: ",")
                s += "]"
            }
            try out.write(s + "}\n")
        }
    }
}

/// `x` in [0, 1] with three decimals ("0.998"), without Foundation's formatter.
func fixed(_ x: Double) -> String {
    let thousandths = Int((min(max(x, 0), 1) * 1000).rounded())
    let frac = thousandths % 1000
    return "\(thousandths / 1000)." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + "\(frac)"
}
