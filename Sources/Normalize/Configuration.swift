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

    /// What the typo pass does with a confident correction.
    public enum TypoMode: String, Sendable, Hashable, CaseIterable {
        /// Apply confident corrections (each an `Edit`).
        case fix
        /// Change nothing; report candidates as edits with a note.
        case suggest
        /// No typo pass.
        case off
    }

    /// What to do with bytes that are invalid in the input's encoding.
    public enum InvalidBytes: String, Sendable, Hashable, CaseIterable {
        /// Replace each with U+FFFD, report its offset, and say so in the exit status.
        case replace
        /// Stop with an error naming the first offset.
        case fail
    }

    /// Where footnote bodies go.
    public enum FootnotePlacement: String, Sendable, Hashable, CaseIterable {
        /// Removed from the running text (kept in JSONL output).
        case drop
        /// Moved to the end of the document.
        case end
    }

    /// decode: force this input encoding (nil: detect).
    public var encoding: String? = nil
    /// decode: invalid bytes policy.
    public var invalidBytes: InvalidBytes = .replace
    /// unicode: repair mojibake, homoglyphs, invisible characters, no-break spaces and NFC.
    public var unicodeRepair: Bool = true
    /// layout/reflow: how input lines map to paragraphs.
    public var inputLayout: InputLayout = .auto
    /// layout: footnote bodies.
    public var footnotes: FootnotePlacement = .drop
    /// typos: mode.
    public var typos: TypoMode = .fix
    /// restore: put back Kazakh letters in Kazakh paragraphs typed with Russian letters.
    public var restoreKazakhLetters: Bool = true
    /// language: label every running-text block with its language (`LanguagePass`).
    public var languageDetection = true
    /// transliterate: Kazakh blocks to Latin with this scheme (nil: off).
    public var transliteration: TransliterationScheme? = nil
    /// Transliterate the other way, Latin to Cyrillic (kk-2021 and kk-2018).
    public var transliterationReverse = false
    /// Where the scheme allows two spellings, which one (kk-2021: Ц → ts or s, Ч → tş or ş).
    public var transliterationVariant: TransliterationVariant = .standard
    /// spacing: collapse runs of spaces, trim blocks, add the missing space after sentence punctuation.
    /// `normtool clean --input-layout lines` turns it off (the lines are taken as already laid out,
    /// so only decoding and character-level repairs apply) unless `--fix-spacing` is given.
    public var spacingRepair: Bool = true

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
