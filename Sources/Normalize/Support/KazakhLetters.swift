/// Kazakh Cyrillic letters as small integer codes, for models and tables that work letter by letter.
///
/// Codes 1…32 are а…я (U+0430…U+044F), 33 is ё, 34…42 the nine Kazakh letters ә ғ қ ң ө ұ ү һ і,
/// 43 and 44 mark the start and end of a word in letter models. 0 means "not a Cyrillic letter".
/// Six bits hold every code, so up to five letters pack into a `UInt32`.
public enum KazakhLetters {
    public static let wordStart: UInt8 = 43
    public static let wordEnd: UInt8 = 44
    public static let count = 45

    /// The Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і), lowercase.
    public static let kazakhSpecific: [Unicode.Scalar] = ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"]
    /// What each is typed as on a Russian keyboard (а г к н о у у х и).
    static let russianKeyboard: [UInt8] = [1, 4, 11, 14, 15, 20, 20, 22, 9]

    /// The code of a lowercase or uppercase Cyrillic letter (0 for anything else).
    @inline(__always)
    public static func code(_ v: UInt32) -> UInt8 {
        switch v {
        case 0x430...0x44F: return UInt8(v - 0x42F)
        case 0x410...0x42F: return UInt8(v - 0x40F)
        case 0x451, 0x401: return 33
        case 0x4D9, 0x4D8: return 34
        case 0x493, 0x492: return 35
        case 0x49B, 0x49A: return 36
        case 0x4A3, 0x4A2: return 37
        case 0x4E9, 0x4E8: return 38
        case 0x4B1, 0x4B0: return 39
        case 0x4AF, 0x4AE: return 40
        case 0x4BB, 0x4BA: return 41
        case 0x456, 0x406: return 42
        default: return 0
        }
    }

    /// Whether a scalar is an uppercase Cyrillic letter that has a code.
    @inline(__always)
    public static func isUppercase(_ v: UInt32) -> Bool {
        switch v {
        case 0x410...0x42F, 0x401, 0x4D8, 0x492, 0x49A, 0x4A2, 0x4E8, 0x4B0, 0x4AE, 0x4BA, 0x406: return true
        default: return false
        }
    }

    private static let lowerScalars: [UInt32] = {
        var t = [UInt32](repeating: 0, count: count)
        for c in 1...32 { t[c] = 0x42F + UInt32(c) }
        t[33] = 0x451
        for (i, s) in kazakhSpecific.enumerated() { t[34 + i] = s.value }
        t[Int(wordStart)] = 0x5E  // ^
        t[Int(wordEnd)] = 0x24  // $
        return t
    }()

    private static let upperScalars: [UInt32] = {
        var t = lowerScalars
        for c in 1...32 { t[c] = 0x40F + UInt32(c) }
        t[33] = 0x401
        let upper: [UInt32] = [0x4D8, 0x492, 0x49A, 0x4A2, 0x4E8, 0x4B0, 0x4AE, 0x4BA, 0x406]
        for (i, u) in upper.enumerated() { t[34 + i] = u }
        return t
    }()

    /// The letter of a code, in lower or upper case.
    @inline(__always)
    public static func scalar(_ code: UInt8, uppercase: Bool = false) -> UInt32 {
        uppercase ? upperScalars[Int(code)] : lowerScalars[Int(code)]
    }

    /// The letter left when a Kazakh letter is typed on a Russian keyboard (ә→а, қ→к, і→и, …);
    /// every other code is its own skeleton. (`russianKeyboard` as a switch: no table to load in hot loops.)
    @inline(__always)
    public static func skeleton(_ code: UInt8) -> UInt8 {
        switch code {
        case 34: 1
        case 35: 4
        case 36: 11
        case 37: 14
        case 38: 15
        case 39, 40: 20
        case 41: 22
        case 42: 9
        default: code
        }
    }

    /// Whether a code is one of ә ғ қ ң ө ұ ү һ і.
    @inline(__always)
    public static func isKazakhSpecific(_ code: UInt8) -> Bool { code >= 34 && code <= 42 }

    /// The letters a skeleton letter may stand for in Kazakh (а → а, ә; у → у, ұ, ү; …).
    public static let restorations: [[UInt8]] = {
        var t = (0..<count).map { [UInt8($0)] }
        for (i, r) in russianKeyboard.enumerated() { t[Int(r)].append(UInt8(34 + i)) }
        return t
    }()

    /// `restorations` plus what a Russian OCR model reads for ө and ә: е may be ө, э may be ә.
    public static let ocrRestorations: [[UInt8]] = {
        var t = restorations
        t[6].append(38)
        t[30].append(34)
        return t
    }()

    /// Codes of a lowercase or uppercase Cyrillic word given as UTF-8 bytes (nil if a character has no
    /// code or the bytes are not UTF-8). `^` and `$` are the word-start and word-end markers when
    /// `markers` is set.
    public static func codes(utf8 bytes: ArraySlice<UInt8>, markers: Bool = false) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                guard markers, b == 0x5E || b == 0x24 else { return nil }
                out.append(b == 0x5E ? wordStart : wordEnd)
                i += 1
            } else if b & 0xE0 == 0xC0, i + 1 < bytes.endIndex {
                let v = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                let c = code(v)
                if c == 0 { return nil }
                out.append(c)
                i += 2
            } else {
                return nil
            }
        }
        return out
    }
}
