/// What a block of text is, once the layout pass has looked at it.
public enum BlockKind: String, Sendable, Hashable, Codable {
    case paragraph
    case heading
    case listItem = "list-item"
    case footnote
    /// Running header or footer repeated across pages.
    case runningText = "running-text"
    case pageNumber = "page-number"
    case separator
    /// A raw line not yet classified (input before the layout pass).
    case line
}

/// A language decision for a block or a span: ISO 639-1 code (`kk`, `ru`, …), `mixed` or `und`.
public struct LanguageGuess: Sendable, Hashable, Codable {
    public var code: String
    public var confidence: Double
    /// The second most likely language and its probability (for `mixed`: the single best language).
    public var runnerUp: String?
    public var runnerUpScore: Double
    /// For `mixed`: the language of each run of sentences.
    public var spans: [LanguageSpan]
    public init(code: String, confidence: Double, runnerUp: String? = nil, runnerUpScore: Double = 0,
                spans: [LanguageSpan] = []) {
        self.code = code
        self.confidence = confidence
        self.runnerUp = runnerUp
        self.runnerUpScore = runnerUpScore
        self.spans = spans
    }
}

/// One unit of text: a paragraph, a heading, page furniture, …
public struct Block: Sendable, Hashable, Codable {
    public var kind: BlockKind
    public var text: String
    /// The first input line the block came from (1-based).
    public var line: Int
    public var language: LanguageGuess?

    public init(kind: BlockKind, text: String, line: Int, language: LanguageGuess? = nil) {
        self.kind = kind
        self.text = text
        self.line = line
        self.language = language
    }

    /// Blocks that belong in the running text of the output (not page furniture, not footnotes).
    public var isRunningText: Bool {
        switch kind {
        case .paragraph, .heading, .listItem, .line: return true
        case .footnote, .runningText, .pageNumber, .separator: return false
        }
    }
}

/// A document on its way through the pipeline: its blocks and every edit made so far.
public struct Document: Sendable, Hashable, Codable {
    public var blocks: [Block]
    public var edits: [Edit]
    /// How the input bytes were decoded.
    public var decoding: DecodingReport?

    public init(blocks: [Block], edits: [Edit] = [], decoding: DecodingReport? = nil) {
        self.blocks = blocks
        self.edits = edits
        self.decoding = decoding
    }

    /// One block of kind `.line` per input line, with no reflow: the starting point of every pipeline.
    public init(lines text: String, decoding: DecodingReport? = nil) {
        var blocks: [Block] = []
        if text.isEmpty {
            self.init(blocks: blocks, decoding: decoding)
            return
        }
        // Split on the bytes: as Characters, "\r\n" is one grapheme that never equals "\n", and
        // grapheme breaking is the slowest way to find line ends.
        var text = text
        text.withUTF8 { p in
            var start = 0
            var n = 0
            while start < p.count {
                var end = start
                while end < p.count && p[end] != 0x0A { end += 1 }
                n += 1
                let stop = end > start && p[end - 1] == 0x0D ? end - 1 : end
                blocks.append(Block(kind: .line, text: String(decoding: UnsafeBufferPointer(rebasing: p[start..<stop]), as: UTF8.self), line: n))
                start = end + 1
                if end == p.count - 1 { break }
            }
        }
        self.init(blocks: blocks, decoding: decoding)
    }
}
