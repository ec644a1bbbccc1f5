/// Small, allocation-light questions about one line of text, shared by the layout, reflow and
/// spacing passes: letter case, sentence ends, first and last words.
enum LineText {
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return (u.value | 0x20) >= 0x61 && (u.value | 0x20) <= 0x7A }
        return u.properties.isAlphabetic
    }

    static func isUpper(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x41 && u.value <= 0x5A }
        return u.properties.isUppercase
    }

    static func isLower(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x61 && u.value <= 0x7A }
        return u.properties.isLowercase
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t" || u == "\u{A0}" || u == "\r" || u == "\u{0C}" || u == "\u{2009}" || u == "\u{202F}"
    }

    /// Hyphen characters that end a line in PDF extractions (ASCII, soft hyphen, Unicode hyphens).
    static func isHyphen(_ u: Unicode.Scalar) -> Bool {
        u == "-" || u == "\u{AD}" || u == "\u{2010}" || u == "\u{2011}"
    }

    static func trimmed(_ s: Substring) -> Substring {
        var lo = s.unicodeScalars.startIndex, hi = s.unicodeScalars.endIndex
        while lo < hi, isSpace(s.unicodeScalars[lo]) { lo = s.unicodeScalars.index(after: lo) }
        while hi > lo, isSpace(s.unicodeScalars[s.unicodeScalars.index(before: hi)]) {
            hi = s.unicodeScalars.index(before: hi)
        }
        return Substring(s.unicodeScalars[lo..<hi])
    }

    static func trimmed(_ s: String) -> String { String(trimmed(Substring(s))) }

    /// Number of leading spaces (tabs count as one).
    static func indentation(_ s: String) -> Int {
        var n = 0
        for u in s.unicodeScalars {
            guard isSpace(u) else { break }
            n += 1
        }
        return n
    }

    static func length(_ s: Substring) -> Int { s.unicodeScalars.count }

    /// Approximate printed width in tenths of an average letter: proportional fonts set `і`, `l`,
    /// spaces and punctuation narrow and `Ш`, `Ж`, `м`, capitals wide, so a line's character count alone
    /// misjudges whether the next word would have fit.
    static func visualWidth(_ s: Substring) -> Int {
        var w = 0
        for u in s.unicodeScalars {
            switch u {
            case " ", ".", ",", ":", ";", "'", "!", "|", "і", "ї", "i", "l", "j", "ı", "І", "I", "(", ")", "[", "]", "«", "»", "\"", "/", "-", "t", "f", "r":
                w += 5
            case "ш", "щ", "ж", "м", "ю", "ы", "ф", "m", "w", "—", "%", "@":
                w += 14
            case "Ш", "Щ", "Ж", "М", "Ю", "Ы", "Ф", "W", "M":
                w += 17
            default:
                w += isUpper(u) ? 13 : 10
            }
        }
        return w
    }

    /// The line ends a sentence: `.`, `!`, `?`, `…`, optionally followed by closing quotes or brackets.
    static func endsSentence(_ s: Substring) -> Bool {
        var it = s.unicodeScalars.reversed().makeIterator()
        while let u = it.next() {
            switch u {
            case "»", "\"", "”", "“", ")", "]", "'", "’": continue
            case ".", "!", "?", "…": return true
            default: return false
            }
        }
        return false
    }

    /// The line ends with punctuation that closes a phrase (sentence ends plus `:` and `;`).
    static func endsWithPunctuation(_ s: Substring) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return endsSentence(s) || last == ":" || last == ";" || last == "," 
    }

    /// First scalar that is a letter or digit, skipping opening quotes, brackets and dashes.
    static func firstSignificant(_ s: Substring) -> Unicode.Scalar? {
        for u in s.unicodeScalars where isLetter(u) || isDigit(u) { return u }
        return nil
    }

    /// The line could start a paragraph: it begins with an uppercase letter or digit, possibly after
    /// an opening quote, bracket, dash or bullet (and the space after it: `– Ах, Аркаша!`).
    static func startsLikeParagraph(_ s: Substring) -> Bool {
        for u in s.unicodeScalars {
            if isUpper(u) || isDigit(u) { return true }
            if isLower(u) { return false }
            switch u {
            case "«", "\"", "„", "“", "(", "[", "–", "—", "-", "•", "*", "'", "№", "§", " ", "\u{A0}": continue
            default: return false
            }
        }
        return false
    }

    static func startsLowercase(_ s: Substring) -> Bool {
        guard let u = s.unicodeScalars.first else { return false }
        return isLower(u)
    }

    /// At least `minimum` letters and none of them lowercase: `ҚАЗАҚСТАН-НАТО ЫНТЫМАҚТАСТЫҒЫ`.
    static func isAllCaps(_ s: Substring, minimum: Int = 4) -> Bool {
        var letters = 0
        for u in s.unicodeScalars where isLetter(u) {
            if isLower(u) { return false }
            letters += 1
        }
        return letters >= minimum
    }

    static func firstWord(_ s: Substring) -> Substring {
        let t = trimmed(s)
        if let sp = t.firstIndex(where: { $0 == " " || $0 == "\t" }) { return t[..<sp] }
        return t
    }

    static func lastWord(_ s: Substring) -> Substring {
        let t = trimmed(s)
        if let sp = t.lastIndex(where: { $0 == " " || $0 == "\t" }) { return t[t.index(after: sp)...] }
        return t
    }

    /// Words separated by spaces or tabs, counted without allocating.
    static func wordCount(_ s: Substring) -> Int {
        var count = 0, inWord = false
        for u in s.unicodeScalars {
            let space = u == " " || u == "\t"
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Lowercased with Swift's full Unicode mapping (`Қ` → `қ`, `І` → `і`).
    static func lower(_ s: Substring) -> String { s.lowercased() }
}
