/// Labels every running-text block (paragraphs, headings, list items, unclassified lines) with its
/// language: an ISO 639-1 code, `mixed` with per-sentence spans, or `und` when there are too few letters.
///
/// Changes only `Block.language`. Never changes text, never labels page furniture or footnotes, and
/// records no `Edit` (it edits nothing).
public struct LanguagePass: Pass {
    public let name = "language"
    /// The identifier to use; nil loads the model from the pass context's rules once per run.
    let identifier: LanguageIdentifier?

    public init(identifier: LanguageIdentifier? = nil) {
        self.identifier = identifier
    }

    public func apply(to document: inout Document, context: PassContext) throws {
        let identifier = try self.identifier ?? LanguageIdentifier(rules: context.rules)
        for k in document.blocks.indices where document.blocks[k].isRunningText {
            let d = identifier.identify(document.blocks[k].text)
            document.blocks[k].language = LanguageGuess(code: d.code, confidence: d.confidence, runnerUp: d.runnerUp,
                                                         runnerUpScore: d.runnerUpScore, spans: d.spans)
        }
    }
}
