/// One change the tool made to the text, with the rule that made it.
///
/// Every pass reports what it changed as `Edit`s, so a user can answer "why did this word change?"
/// from the output alone (`--explain`, JSONL).
public struct Edit: Sendable, Hashable, Codable {
    /// Stable identifier of the rule, dotted by pass: `reflow.dehyphenate.join`, `unicode.homoglyph`.
    public var rule: String
    /// Where the changed text came from in the input.
    public var location: SourceLocation
    /// The text before and after the change.
    public var before: String
    public var after: String
    /// Optional evidence for the decision ("Екіжақты seen 1× in this document").
    public var note: String?

    public init(rule: String, location: SourceLocation, before: String, after: String, note: String? = nil) {
        self.rule = rule
        self.location = location
        self.before = before
        self.after = after
        self.note = note
    }
}

/// A position in the input: 1-based line and column (in Unicode scalars), and the byte offset.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int

    public init(line: Int, column: Int = 1, byteOffset: Int = 0) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public var description: String { "\(line):\(column)" }
}
