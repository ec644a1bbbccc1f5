import Foundation
import Normalize

/// The JSONL wire format of `clean --format jsonl`: one object per block, in document order:
/// `{"source", "index", "kind", "line", "text", "language": {...}?, "edits": [...]}`.
/// Edits are attached to the block whose first line they come from: `{"rule", "location": {"line",
/// "column", "byte_offset"}, "before", "after", "note"?}`. Every key is snake_case, as in `detect`. `language` has the keys of
/// `detect --format jsonl`: `label`, `confidence`, `runner_up` `{label, score}`, and for `mixed` `spans`.
enum JSONLines {
    struct Record: Encodable {
        var source: String
        var index: Int
        var kind: String
        var line: Int
        var text: String
        var language: Language?
        var edits: [Edit]
    }

    /// A block's `LanguageGuess` under the key names `detect --format jsonl` uses.
    struct Language: Encodable {
        struct RunnerUp: Encodable {
            var label: String
            var score: Double
        }
        struct Span: Encodable {
            var start: Int
            var end: Int
            var label: String
            var confidence: Double
        }
        var label: String
        var confidence: Double
        var runnerUp: RunnerUp?
        var spans: [Span]?

        enum CodingKeys: String, CodingKey {
            case label, confidence, spans
            case runnerUp = "runner_up"
        }

        init(_ guess: LanguageGuess) {
            label = guess.code
            confidence = guess.confidence
            runnerUp = guess.runnerUp.map { RunnerUp(label: $0, score: guess.runnerUpScore) }
            spans = guess.spans.isEmpty ? nil : guess.spans.map {
                Span(start: $0.start, end: $0.end, label: $0.code, confidence: $0.confidence)
            }
        }
    }

    static func encode(_ doc: Document, source: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase  // `byte_offset`, as `runner_up` in `detect`
        let starts = doc.blocks.map(\.line)
        // Edits sorted by line once, then each block takes its range by binary search (no blocks × edits scan).
        let edits = doc.edits.enumerated().sorted { ($0.element.location.line, $0.offset) < ($1.element.location.line, $1.offset) }.map(\.element)
        func firstEdit(atOrAfter line: Int) -> Int {
            var lo = 0, hi = edits.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if edits[mid].location.line < line { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var out = ""
        for (i, block) in doc.blocks.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] : Int.max
            let from = firstEdit(atOrAfter: block.line), to = end == Int.max ? edits.count : firstEdit(atOrAfter: end)
            let blockEdits = from < to ? Array(edits[from..<to]) : []
            let record = Record(source: source, index: i, kind: block.kind.rawValue, line: block.line,
                                text: block.text, language: block.language.map(Language.init), edits: blockEdits)
            out += String(decoding: try encoder.encode(record), as: UTF8.self)
            out += "\n"
        }
        return out
    }
}

/// `--explain`: every edit, one per line, on stderr, coloured when stderr is a terminal.
enum ExplainPrinter {
    static func print(_ edits: [Edit], source: String) {
        let color = isatty(2) == 1
        let (red, green, dim, reset) = color ? ("\u{1B}[31m", "\u{1B}[32m", "\u{1B}[2m", "\u{1B}[0m") : ("", "", "", "")
        for e in edits {
            var line = "\(source):\(e.location) \(dim)\(e.rule)\(reset) \(red)\(visible(e.before))\(reset) → \(green)\(visible(e.after))\(reset)"
            if let note = e.note { line += " \(dim)(\(note))\(reset)" }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Makes invisible characters and line breaks readable in an explanation.
    static func visible(_ s: String) -> String {
        var out = "«"
        for u in s.unicodeScalars {
            switch u {
            case "\n": out += "⏎"
            case "\u{0C}": out += "␌"
            case "\u{AD}": out += "<SHY>"
            case "\u{200B}": out += "<ZWSP>"
            case "\u{200C}": out += "<ZWNJ>"
            case "\u{200D}": out += "<ZWJ>"
            case "\u{FEFF}": out += "<BOM>"
            case "\u{A0}": out += "<NBSP>"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "»"
    }
}
