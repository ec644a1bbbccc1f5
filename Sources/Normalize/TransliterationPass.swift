/// Transliterates Kazakh Cyrillic blocks to Latin.
///
/// Changes: Cyrillic letters of every block into the scheme's Latin letters.
/// Never changes: text that is not Cyrillic (digits, punctuation, Latin words, URLs, e-mail).
public struct TransliterationPass: Pass {
    public var scheme: TransliterationScheme
    public let name = "transliterate"

    public init(scheme: TransliterationScheme) {
        self.scheme = scheme
    }

    public func apply(to document: inout Document, context: PassContext) throws {
        let engine = try ICUTransliterator(systemID: "Kazakh-Latin/BGN")
        for i in document.blocks.indices {
            let before = document.blocks[i].text
            let after = engine.transliterate(ICU.normalize(before, .nfc))
            if after != before {
                document.blocks[i].text = after
            }
        }
    }
}
