/// Groups lines into paragraphs separated by blank (whitespace-only) lines, streaming: feed lines in
/// order, and a finished paragraph comes back when a blank line or the end closes it.
/// The paragraph text is its lines joined with "\n", each without a trailing "\r".
public struct BlankLineParagraphs: Sendable {
    public struct Paragraph: Sendable, Hashable {
        public var text: String
        /// 1-based number of the paragraph's first line.
        public var firstLine: Int
        /// 1-based number of its last line.
        public var lastLine: Int
    }

    private var lines: [String] = []
    private var firstLine = 0
    private var lastLine = 0
    private var lineNumber = 0

    public init() {}

    /// Adds the next line; returns the paragraph this line closes, if any.
    public mutating func add(_ line: String) -> Paragraph? {
        lineNumber += 1
        var text = Substring(line)
        if text.last == "\r" { text = text.dropLast() }
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\u{A0}" }) {
            return finish()
        }
        if lines.isEmpty { firstLine = lineNumber }
        lines.append(String(text))
        lastLine = lineNumber
        return nil
    }

    /// Closes the paragraph in progress at the end of the input.
    public mutating func finish() -> Paragraph? {
        guard !lines.isEmpty else { return nil }
        defer { lines.removeAll(keepingCapacity: true) }
        return Paragraph(text: lines.joined(separator: "\n"), firstLine: firstLine, lastLine: lastLine)
    }
}
