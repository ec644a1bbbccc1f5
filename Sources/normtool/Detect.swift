import ArgumentParser
import Normalize

/// `normtool detect`: one language label per line or per paragraph.
///
/// TSV: `LABEL<TAB>CONFIDENCE` per unit. JSONL, one object per unit:
/// `{"line":N,"label":"kk","confidence":0.998,"runner_up":{"label":"ky","score":0.001}}`, plus for
/// `mixed` `"spans":[{"start":0,"end":57,"label":"kk","confidence":0.99},…]` with offsets in Unicode
/// scalars into the unit's text (a paragraph's lines joined with "\n"). Paragraph units also carry
/// `"end_line"`.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Identify the language of each paragraph (or line): kk, ru, a neighbour, mixed or und.")

    enum Unit: String, ExpressibleByArgument, CaseIterable {
        case paragraph, line
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tsv, jsonl
    }

    @Option(help: "paragraph (blank-line separated; default) or line (exactly one output line per input line).")
    var unit: Unit = .paragraph

    @Option(help: "tsv (LABEL<TAB>CONFIDENCE) or jsonl (with runner-up and per-sentence spans).")
    var format: Format = .tsv

    @OptionGroup var ruleOptions: RuleOptions

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    func run() throws {
        let identifier = try LanguageIdentifier(rules: ruleOptions.store)
        let out = try OutputSink(path: nil)
        var hadInvalid = false
        for source in InputSource.sources(files) {
            var paragraphs = BlankLineParagraphs()
            var lineNumber = 0
            try source.forEachLine { line, offset in
                lineNumber += 1
                if let bad = firstInvalidUTF8Offset(Array(line)) {
                    warn("\(source.displayName): line \(lineNumber), byte \(offset + bad): invalid UTF-8; undecodable bytes ignored")
                    hadInvalid = true
                }
                switch unit {
                case .line:
                    var end = line.count
                    if end > 0 && line[end - 1] == 0x0D { end -= 1 }
                    let decision = identifier.identify(utf8: UnsafeBufferPointer(rebasing: line[0..<end]))
                    try write(decision, line: lineNumber, endLine: nil, to: out)
                case .paragraph:
                    if let p = paragraphs.add(String(decoding: line, as: UTF8.self)) {
                        try write(identifier.identify(p.text), line: p.firstLine, endLine: p.lastLine, to: out)
                    }
                }
            }
            if let p = paragraphs.finish() {
                try write(identifier.identify(p.text), line: p.firstLine, endLine: p.lastLine, to: out)
            }
        }
        try out.commit()
        if hadInvalid { throw ExitCode(ExitStatus.inputHadProblems) }
    }

    private func write(_ d: LanguageDecision, line: Int, endLine: Int?, to out: OutputSink) throws {
        switch format {
        case .tsv:
            try out.write(d.code + "\t" + fixed(d.confidence) + "\n")
        case .jsonl:
            var s = "{\"line\":\(line)"
            if let endLine { s += ",\"end_line\":\(endLine)" }
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
