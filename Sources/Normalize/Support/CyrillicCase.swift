/// Case mapping and letter classes for Cyrillic (U+0400–U+04FF, Kazakh letters included) and ASCII,
/// working on UTF-8 bytes so that hot loops never touch `Character`.
public enum CyrillicCase {
    /// The lowercase form of a scalar in U+0400–U+04FF or ASCII; any other scalar is returned unchanged.
    @inlinable
    public static func lower(_ u: UInt32) -> UInt32 {
        switch u {
        case 0x41...0x5A: return u + 0x20
        case 0x0400...0x040F: return u + 0x50
        case 0x0410...0x042F: return u + 0x20
        case 0x0460...0x0481, 0x048A...0x04BF, 0x04D0...0x04FF: return u & 1 == 0 ? u + 1 : u
        case 0x04C0: return 0x04CF
        case 0x04C1...0x04CE: return u & 1 == 1 ? u + 1 : u
        default: return u
        }
    }

    /// The uppercase form of a scalar in U+0400–U+04FF or ASCII; any other scalar is returned unchanged.
    @inlinable
    public static func upper(_ u: UInt32) -> UInt32 {
        switch u {
        case 0x61...0x7A: return u - 0x20
        case 0x0450...0x045F: return u - 0x50
        case 0x0430...0x044F: return u - 0x20
        case 0x0460...0x0481, 0x048A...0x04BF, 0x04D0...0x04FF: return u & 1 == 1 ? u - 1 : u
        case 0x04CF: return 0x04C0
        case 0x04C1...0x04CE: return u & 1 == 0 ? u - 1 : u
        default: return u
        }
    }

    /// True for an uppercase Cyrillic or ASCII letter.
    @inlinable
    public static func isUpper(_ u: UInt32) -> Bool { lower(u) != u }

    /// True for a letter of U+0400–U+04FF (Cyrillic, including Kazakh letters), not a sign or mark.
    @inlinable
    public static func isCyrillicLetter(_ u: UInt32) -> Bool {
        (0x0400...0x0481).contains(u) || (0x048A...0x04FF).contains(u)
    }

    /// Appends the lowercase UTF-8 form of `bytes` to `out`. Only ASCII and two-byte Cyrillic sequences
    /// change; every other byte is copied as is (so invalid UTF-8 passes through untouched).
    public static func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
                i += 1
            } else if b >= 0xD0 && b <= 0xD3 && i + 1 < n && bytes[i + 1] & 0xC0 == 0x80 {
                let u = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                let l = lower(u)
                out.append(UInt8(0xC0 | (l >> 6)))
                out.append(UInt8(0x80 | (l & 0x3F)))
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    /// The lowercase form of a string (Cyrillic and ASCII letters; other characters unchanged).
    public static func lowercased(_ s: String) -> String {
        var s = s
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        s.withUTF8 { appendLowercased($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
