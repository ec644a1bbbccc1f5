/// Small, allocation-light questions about one line of text, shared by the layout, reflow and
/// spacing passes: letter case, sentence ends, first and last words.
enum LineText {
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return (u.value | 0x20) >= 0x61 && (u.value | 0x20) <= 0x7A }
        if u.value < 0x500 { return properties[Int(u.value)] & letterBit != 0 }
        return u.properties.isAlphabetic
    }

    static func isUpper(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x41 && u.value <= 0x5A }
        if u.value < 0x500 { return properties[Int(u.value)] & upperBit != 0 }
        return u.properties.isUppercase
    }

    static func isLower(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x61 && u.value <= 0x7A }
        if u.value < 0x500 { return properties[Int(u.value)] & lowerBit != 0 }
        return u.properties.isLowercase
    }

    private static let letterBit: UInt8 = 1, upperBit: UInt8 = 2, lowerBit: UInt8 = 4

    /// Alphabetic, uppercase and lowercase of U+0000–U+04FF (Latin and Cyrillic), read once from the
    /// same Unicode properties: a table lookup instead of a property search per scalar.
    private static let properties: [UInt8] = (0..<0x500).map { v in
        guard let u = Unicode.Scalar(v) else { return 0 }
        return (u.properties.isAlphabetic ? letterBit : 0) | (u.properties.isUppercase ? upperBit : 0)
            | (u.properties.isLowercase ? lowerBit : 0)
    }

    /// Whether `s` holds a form feed, read over the bytes.
    static func hasFormFeed(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(0x0C) } ?? s.utf8.contains(0x0C)
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
        // Over the bytes: the spaces are ASCII, U+00A0 (C2 A0), U+2009 (E2 80 89) and U+202F (E2 80 AF).
        let bounds: (Int, Int)? = s.utf8.withContiguousStorageIfAvailable { p in
            var lo = 0, hi = p.count
            while lo < hi {
                let n = spaceLength(p, at: lo)
                if n == 0 { break }
                lo += n
            }
            while hi > lo {
                let n = spaceLength(p, endingAt: hi)
                if n == 0 { break }
                hi -= n
            }
            return (lo, hi)
        }
        if let (lo, hi) = bounds {
            if lo == 0 && hi == s.utf8.count { return s }
            let u = s.utf8
            let a = u.index(u.startIndex, offsetBy: lo), b = u.index(u.startIndex, offsetBy: hi)
            return Substring(s.unicodeScalars[a..<b])
        }
        return slowTrimmed(s)
    }

    /// Bytes of the space (`isSpace`) that starts at `i`, or 0.
    @inline(__always)
    static func spaceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C { return 1 }
        if b == 0xC2 { return i + 1 < p.count && p[i + 1] == 0xA0 ? 2 : 0 }
        if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] == 0x89 || p[i + 2] == 0xAF { return 3 }
        return 0
    }

    /// Bytes of the space (`isSpace`) that ends just before `end`, or 0.
    @inline(__always)
    static func spaceLength(_ p: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int {
        let b = p[end - 1]
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C { return 1 }
        if b == 0xA0 { return end >= 2 && p[end - 2] == 0xC2 ? 2 : 0 }
        if (b == 0x89 || b == 0xAF), end >= 3, p[end - 2] == 0x80, p[end - 3] == 0xE2 { return 3 }
        return 0
    }

    /// Leading and trailing spaces of `s` (`isSpace`), in scalars, counted over the bytes.
    static func spaceRuns(_ s: String) -> (leading: Int, trailing: Int) {
        var s = s
        return s.withUTF8 { p in
            var lo = 0, leading = 0
            while lo < p.count {
                let n = spaceLength(p, at: lo)
                if n == 0 { break }
                lo += n
                leading += 1
            }
            var hi = p.count, trailing = 0
            while hi > 0 {
                let n = spaceLength(p, endingAt: hi)
                if n == 0 { break }
                hi -= n
                trailing += 1
            }
            return (leading, trailing)
        }
    }

    static func slowTrimmed(_ s: Substring) -> Substring {
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

    static func length(_ s: Substring) -> Int { scalarCount(s) }

    /// `s.unicodeScalars.count`, counted over the UTF-8 bytes (every byte but a continuation byte
    /// starts a scalar).
    static func scalarCount(_ s: Substring) -> Int {
        s.utf8.withContiguousStorageIfAvailable { p in
            var n = 0
            for b in p where b & 0xC0 != 0x80 { n += 1 }
            return n
        } ?? s.unicodeScalars.count
    }

    /// Approximate printed width in tenths of an average letter: proportional fonts set `і`, `l`,
    /// spaces and punctuation narrow and `Ш`, `Ж`, `м`, capitals wide, so a line's character count alone
    /// misjudges whether the next word would have fit.
    static func visualWidth(_ s: Substring) -> Int {
        let fast: Int? = s.utf8.withContiguousStorageIfAvailable { p in
            var w = 0, i = 0
            while i < p.count {
                let v = decode(p, &i)
                w += v < 0x500 ? Int(widths[Int(v)]) : scalarWidth(Unicode.Scalar(v)!)
            }
            return w
        }
        if let fast { return fast }
        var w = 0
        for u in s.unicodeScalars { w += scalarWidth(u) }
        return w
    }

    /// `scalarWidth` of U+0000–U+04FF, read once.
    private static let widths: [UInt8] = (0..<0x500).map { UInt8(scalarWidth(Unicode.Scalar(UInt32($0))!)) }

    /// The scalar of valid UTF-8 that starts at `i`; `i` moves past it.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32 {
        let b = p[i]
        if b < 0x80 {
            i += 1
            return UInt32(b)
        }
        if b < 0xE0 {
            let v = UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
            i += 2
            return v
        }
        if b < 0xF0 {
            let v = UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            i += 3
            return v
        }
        let v = UInt32(b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
        i += 4
        return v
    }

    /// The width of one scalar in tenths of an average letter (see `visualWidth`).
    static func scalarWidth(_ u: Unicode.Scalar) -> Int {
        var w = 0
        do {
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

    /// The String of some scalars, built over their UTF-8 (appending scalars to a String view is slow).
    static func string(_ s: some Collection<Unicode.Scalar>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.count * 2)
        for u in s { UTF8.encode(u) { out.append($0) } }
        return String(decoding: out, as: UTF8.self)
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
        let fast: Substring?? = simpleUTF8(t) { p in
            guard let k = p.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) else { return nil }
            return t[..<t.utf8.index(t.utf8.startIndex, offsetBy: k)]
        }
        if let fast { return fast ?? t }
        if let sp = t.firstIndex(where: { $0 == " " || $0 == "\t" }) { return t[..<sp] }
        return t
    }

    static func lastWord(_ s: Substring) -> Substring {
        let t = trimmed(s)
        let fast: Substring?? = simpleUTF8(t) { p in
            guard let k = p.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) else { return nil }
            return t[t.utf8.index(t.utf8.startIndex, offsetBy: k + 1)...]
        }
        if let fast { return fast ?? t }
        if let sp = t.lastIndex(where: { $0 == " " || $0 == "\t" }) { return t[t.index(after: sp)...] }
        return t
    }

    static func wordCount(_ s: Substring) -> Int {
        let fast: Int? = simpleUTF8(s) { p in
            var n = 0, inWord = false
            for b in p {
                let separator = b == 0x20 || b == 0x09
                if !separator && !inWord { n += 1 }
                inWord = !separator
            }
            return n
        }
        return fast ?? s.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
    }

    /// The scalars of `s`, decoded straight from its UTF-8 (what `Array(s.unicodeScalars)` gives, without
    /// the generic iteration).
    static func scalars(_ s: String) -> [Unicode.Scalar] {
        var s = s
        return s.withUTF8 { p in
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let b = p[i]
                var v: UInt32
                if b < 0x80 {
                    v = UInt32(b)
                    i += 1
                } else if b < 0xE0 {
                    v = UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                    i += 2
                } else if b < 0xF0 {
                    v = UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                    i += 3
                } else {
                    v = UInt32(b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
                    i += 4
                }
                out.append(Unicode.Scalar(v)!)  // a Swift String holds valid UTF-8 only
            }
            return out
        }
    }

    /// `body` on the UTF-8 of `s` when every scalar of it is a Character of its own, so that byte-level
    /// answers equal the Character-level ones: ASCII without CR, and U+0080–U+04FF without combining
    /// marks (U+0300–U+036F, U+0483–U+0489); nil for any other text.
    static func simpleUTF8<R>(_ s: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let result: R?? = s.utf8.withContiguousStorageIfAvailable { p -> R? in
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0x80 {
                    if b == 0x0D { return nil }
                    i += 1
                    continue
                }
                guard b >= 0xC2, b <= 0xD3, i + 1 < p.count else { return nil }
                let c = p[i + 1]
                if b == 0xCC || (b == 0xCD && c < 0xB0) || (b == 0xD2 && c >= 0x83 && c <= 0x89) { return nil }
                i += 2
            }
            return body(p)
        }
        return result ?? nil
    }

    /// Lowercased with Swift's full Unicode mapping (`Қ` → `қ`, `І` → `і`).
    static func lower(_ s: Substring) -> String { s.lowercased() }
}
