/// The unicode pass: repairs text that was decoded, or once mis-decoded, upstream. Per line, in order:
///
/// - `unicode.mojibake.utf8-as-cp1251` / `-as-cp1252` / `-as-koi8-r`: UTF-8 bytes that were read in an
///   8-bit code page (`ТљР°Р·Р°Т›` → `Қазақ`). A line is repaired only when at least two UTF-8
///   sequences appear, they cover at least half of its non-ASCII characters, and the repaired line reads
///   better in the letter-trigram model.
/// - `unicode.mojibake.kz1048-as-cp1251` / `ptcp154-as-cp1251`: Kazakh text in KZ-1048 or PTCP154 read
///   as Windows-1251 (`Ќазаќстан` → `Қазақстан`), when the repaired line is far more Kazakh than the
///   line as it stands is any Cyrillic language (so Ukrainian є ї ґ, Belarusian ў, Serbian and
///   Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ stay).
/// - `unicode.nfc`: canonical composition (`и` + U+0306 → `й`).
/// - `unicode.invisible`: soft hyphens, zero-width spaces, word joiners and stray BOMs are removed;
///   ZWJ/ZWNJ too, except next to scripts and emoji that need them. A soft hyphen that ends a line is
///   kept unless the input layout is `lines`: the reflow pass joins the word on it.
/// - `unicode.homoglyph`: a Latin look-alike inside a Cyrillic word becomes Cyrillic (`cаясат`, `əлем`),
///   and the reverse (`Micrоsoft`), when every minority letter of the word has a look-alike
///   (`Rules/unicode/homoglyphs.tsv`). Latin i becomes і only where the paragraph also has Cyrillic і
///   (writers who type Latin i throughout are left alone). A lone Latin `c`, `a`, `o`, `y`… between
///   Cyrillic words becomes Cyrillic.
/// - `unicode.nbsp`: a no-break space becomes a space, except between digits (`10 000`).
///
/// It never changes: genuinely Latin tokens (whole Latin words, URLs, e-mail addresses, Roman numerals,
/// tokens with digits such as chemical formulas `H2O`, `SiO2`), letters of other Cyrillic languages in
/// their own words, line structure, or any line that passes the byte scan for "nothing to repair"
/// (ASCII, Russian and Kazakh letters, common punctuation, no Latin letter near Cyrillic).
public struct UnicodeRepairPass: Pass {
    public let name = "unicode"

    public init() {}

    public func apply(to document: inout Document, context: PassContext) throws {
        var repairer: LineRepairer?
        for i in document.blocks.indices {
            var text = document.blocks[i].text
            let clean = text.withUTF8 { UnicodeRepairPass.isPlain($0) }
            if clean { continue }
            if repairer == nil { repairer = LineRepairer(rules: try UnicodeRules.load(context.rules)) }
            var edits: [Edit] = []
            let fixed = repairer!.repair(text, line: document.blocks[i].line,
                                         keepLineEndSoftHyphen: context.configuration.inputLayout != .lines, edits: &edits)
            if !fixed.utf8.elementsEqual(text.utf8) {
                document.blocks[i].text = fixed
            }
            document.edits.append(contentsOf: edits)
        }
    }

    /// True when a byte scan shows nothing to repair: only ASCII, Russian and Kazakh letters and common
    /// punctuation, no sign of UTF-8 read as Windows-1251 (Р С Т У before Ё ё І і « » – — …),
    /// and no Latin letter in a line that has Cyrillic ones.
    static func isPlain(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var latin = false, cyrillic = false
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { latin = true }
                i += 1
                continue
            }
            if b >= 0xD0 && b <= 0xD3 {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return false }
                let u = (UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F)
                guard isPlainCyrillic(u) else { return false }
                // Р С Т У before Ё ё І і or C2/E2 punctuation is how UTF-8 read as Windows-1251 looks.
                if u >= 0x420 && u <= 0x423 && i + 3 < n {
                    let c0 = p[i + 2], c1 = p[i + 3]
                    if c0 == 0xC2 || c0 == 0xE2 || (c0 == 0xD0 && (c1 == 0x81 || c1 == 0x86)) || (c0 == 0xD1 && (c1 == 0x91 || c1 == 0x96)) {
                        return false
                    }
                }
                cyrillic = true
                i += 2
                continue
            }
            if b == 0xC2 && i + 1 < n && (p[i + 1] == 0xAB || p[i + 1] == 0xBB) { i += 2; continue }
            if b == 0xE2 && i + 2 < n {
                let b1 = p[i + 1], b2 = p[i + 2]
                if b1 == 0x80 && (b2 == 0x93 || b2 == 0x94 || b2 == 0xA6 || (b2 >= 0x98 && b2 <= 0x9E)) { i += 3; continue }
                if b1 == 0x84 && b2 == 0x96 { i += 3; continue }
            }
            return false
        }
        return !(latin && cyrillic)
    }

    @inline(__always)
    static func isPlainCyrillic(_ u: UInt32) -> Bool {
        switch u {
        case 0x0410...0x044F, 0x0401, 0x0451, 0x0406, 0x0456, 0x04D8, 0x04D9, 0x0492, 0x0493, 0x049A, 0x049B,
             0x04A2, 0x04A3, 0x04E8, 0x04E9, 0x04B0, 0x04B1, 0x04AE, 0x04AF, 0x04BA, 0x04BB:
            return true
        default:
            return false
        }
    }
}
