/// Transliterates Kazakh Cyrillic blocks to Latin (or, `reverse`, Latin to Cyrillic) with the rules of
/// `Rules/translit/` for `scheme`.
///
/// Changes: the letters of every block into the scheme's letters; records one `translit.<scheme>` edit
/// per changed block. Never changes: text that is not Kazakh in the source script (digits, punctuation,
/// other scripts, URLs, e-mail addresses), line structure.
public struct TransliterationPass: Pass {
    public var scheme: TransliterationScheme
    public var reverse: Bool
    public var variant: TransliterationVariant
    public let name = "transliterate"

    public init(scheme: TransliterationScheme, reverse: Bool = false, variant: TransliterationVariant = .standard) {
        self.scheme = scheme
        self.reverse = reverse
        self.variant = variant
    }

    public func apply(to document: inout Document, context: PassContext) throws {
        let engine = try KazakhTransliterator(scheme: scheme, reverse: reverse, variant: variant, rules: context.rules)
        let rule = "translit.\(scheme.rawValue)\(reverse ? ".reverse" : "")"
        for i in document.blocks.indices {
            let before = document.blocks[i].text
            let after = engine.transliterate(before)
            if after != before {
                document.blocks[i].text = after
                document.edits.append(Edit(rule: rule, location: SourceLocation(line: document.blocks[i].line),
                                           before: before, after: after))
            }
        }
    }
}
