/// The Latin alphabets Normalize writes Kazakh in.
public enum TransliterationScheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// The 31-letter alphabet of 2021 (Ä Ğ Ñ Ö Ş Ū Ü, İ/i for И/Й, I/ı for І). The default.
    case kk2021 = "kk-2021"
    /// Decree 637 of 2018: acute accents (Á Ǵ Ń Ó Ú Ý), Sh/Ch digraphs.
    case kk2018 = "kk-2018"
    /// Decree 569 of 2017: apostrophes (A' G' N' …).
    case kk2017 = "kk-2017"
    /// ICU's `Kazakh-Latin/BGN` (BGN/PCGN 1979), with its decomposed-Ё/Й defect fixed by composing first.
    case bgn
}
