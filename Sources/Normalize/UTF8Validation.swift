/// Length of the valid UTF-8 sequence starting at `i`, or 0 if the bytes there are not valid UTF-8
/// (overlongs, surrogates, code points above U+10FFFF and truncated sequences are all invalid).
@inline(__always)
func validUTF8SequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let n = p.count
    let b0 = p[i]
    if b0 < 0x80 { return 1 }
    @inline(__always) func cont(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
    switch b0 {
    case 0xC2...0xDF:
        return cont(i + 1) ? 2 : 0
    case 0xE0...0xEF:
        guard i + 1 < n else { return 0 }
        let b1 = p[i + 1]
        if b0 == 0xE0 && b1 < 0xA0 { return 0 }
        if b0 == 0xED && b1 >= 0xA0 { return 0 }
        return cont(i + 1) && cont(i + 2) ? 3 : 0
    case 0xF0...0xF4:
        guard i + 1 < n else { return 0 }
        let b1 = p[i + 1]
        if b0 == 0xF0 && b1 < 0x90 { return 0 }
        if b0 == 0xF4 && b1 >= 0x90 { return 0 }
        return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
    default:
        return 0
    }
}

/// Byte offset of the first invalid UTF-8 sequence, or nil if all of `bytes` is valid UTF-8.
public func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) }
}

/// Byte offset of the first invalid UTF-8 sequence in `p`, or nil if all of it is valid UTF-8.
///
/// Every command validates all its input, so this runs over every byte: it checks 8 bytes at a time
/// when they are all ASCII or four well-formed two-byte sequences (Cyrillic, Latin with diacritics),
/// and byte by byte, with `validUTF8SequenceLength`, otherwise.
public func firstInvalidUTF8Offset(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = p.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    var i = 0
    let n = p.count
    while i < n {
        if i &+ 8 <= n {
            // Byte k of the text is bits 8k..8k+7 of the little-endian word.
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if w & 0x8080_8080_8080_8080 == 0 { i &+= 8; continue }
            // Four pairs 110xxxxx 10xxxxxx whose lead is not C0/C1 (overlong): bits 1-4 of each
            // lead not all zero. Adding 0x7FFF to a 4-bit lane sets its top bit exactly when the
            // lane is nonzero, without carrying into the next lane.
            if w & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0
                && (((w >> 1) & 0x000F_000F_000F_000F) &+ 0x7FFF_7FFF_7FFF_7FFF) & 0x8000_8000_8000_8000
                    == 0x8000_8000_8000_8000 {
                i &+= 8
                continue
            }
        }
        let b = base[i]
        if b < 0x80 { i &+= 1; continue }
        // Two-byte sequences (Cyrillic, Latin with diacritics) are most of the text: check them inline.
        if b >= 0xC2 && b <= 0xDF && i &+ 1 < n && base[i &+ 1] & 0xC0 == 0x80 { i &+= 2; continue }
        let len = validUTF8SequenceLength(p, at: i)
        if len == 0 { return i }
        i += len
    }
    return nil
}

/// Every invalid byte run in `bytes` (offset and length), in order. A maximal invalid prefix of a
/// sequence counts as one run, the way U+FFFD substitution treats it.
public func invalidUTF8Runs(_ bytes: UnsafeBufferPointer<UInt8>) -> [(offset: Int, length: Int)] {
    var runs: [(offset: Int, length: Int)] = []
    var i = 0
    // Valid stretches go through the word-at-a-time scan; each invalid byte is a run of its own.
    while i < bytes.count, let bad = firstInvalidUTF8Offset(UnsafeBufferPointer(rebasing: bytes[i...])) {
        runs.append((i + bad, 1))
        i += bad + 1
    }
    return runs
}
