/// Every option of the pipeline, one documented field per pass, with named presets.
public struct Configuration: Sendable, Hashable {
    /// How input lines map to paragraphs.
    public enum InputLayout: String, Sendable, Hashable, CaseIterable {
        /// Guess from the text (PDF-like hard-broken lines → `.pdf`).
        case auto
        /// Hard-broken lines, page breaks, hyphenation: rebuild paragraphs.
        case pdf
        /// Every input line is already one paragraph: no reflow.
        case lines
    }

    public var inputLayout: InputLayout = .auto
    /// Label every running-text block with its language (`LanguagePass`).
    public var languageDetection = true
    /// Transliterate Kazakh blocks to Latin with this scheme (nil: off).
    public var transliteration: TransliterationScheme? = nil

    public init() {}

    /// Text pulled out of PDFs: every repair on.
    public static var pdfDump: Configuration { Configuration() }
    /// One paragraph per line already; repairs that do not reflow.
    public static var plainText: Configuration {
        var c = Configuration()
        c.inputLayout = .lines
        return c
    }
    /// Transliteration alone, line for line.
    public static func transliterate(_ scheme: TransliterationScheme = .kk2021) -> Configuration {
        var c = Configuration()
        c.inputLayout = .lines
        c.languageDetection = false
        c.transliteration = scheme
        return c
    }
}
