/// How often each word (as UTF-8 bytes) occurs in a document: words in one byte buffer and an open-addressing
/// table of their indices, so counting a token costs no `String` and no Unicode-normalising hash.
///
/// Words are compared byte for byte. For the lowercase Cyrillic words that the typo pass counts (precomposed
/// letters of U+0400–U+04FF only, no combining marks) that is the same as `String` equality, and byte order
/// is the same as `String` order.
struct WordCounts {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    private var counts: [Int32] = []
    private var table = [Int32](repeating: 0, count: 1024)   // word index + 1; 0 is empty
    /// Number of tokens counted.
    private(set) var total = 0

    /// Number of distinct words.
    var distinct: Int { counts.count }

    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in word { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The slot holding `word`, or the empty slot where it would go.
    private func slot(of word: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = table.count - 1
        var s = WordCounts.hash(word) & mask
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let e = Int(table[s])
                if e == 0 { return s }
                let a = Int(starts[e - 1]), b = Int(starts[e])
                if b - a == word.count && all[a..<b].elementsEqual(word) { return s }
                s = (s + 1) & mask
            }
        }
    }

    /// Counts one occurrence of `word`.
    mutating func add(_ word: UnsafeBufferPointer<UInt8>) {
        total += 1
        let s = slot(of: word)
        if table[s] != 0 {
            counts[Int(table[s]) - 1] += 1
            return
        }
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        counts.append(1)
        table[s] = Int32(counts.count)
        if counts.count * 2 > table.count { grow() }
    }

    private mutating func grow() {
        table = [Int32](repeating: 0, count: table.count * 2)
        let mask = table.count - 1
        bytes.withUnsafeBufferPointer { all in
            for e in 0..<counts.count {
                var s = WordCounts.hash(UnsafeBufferPointer(rebasing: all[Int(starts[e])..<Int(starts[e + 1])])) & mask
                while table[s] != 0 { s = (s + 1) & mask }
                table[s] = Int32(e + 1)
            }
        }
    }

    /// How often `word` was counted.
    func count(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let e = Int(table[slot(of: word)])
        return e == 0 ? 0 : Int(counts[e - 1])
    }

    func count(_ word: String) -> Int {
        var w = word
        return w.withUTF8 { count($0) }
    }

    /// Every word with its count.
    var dictionary: [String: Int] {
        var d: [String: Int] = [:]
        for e in 0..<counts.count {
            d[String(decoding: bytes[Int(starts[e])..<Int(starts[e + 1])], as: UTF8.self)] = Int(counts[e])
        }
        return d
    }

    /// Word indices in byte order, for `wordsStarting(with:order:)`.
    func byteOrder() -> [Int32] {
        bytes.withUnsafeBufferPointer { all in
            func word(_ e: Int32) -> Slice<UnsafeBufferPointer<UInt8>> {
                all[Int(starts[Int(e)])..<Int(starts[Int(e) + 1])]
            }
            return (0..<Int32(counts.count)).sorted { a, b in word(a).lexicographicallyPrecedes(word(b)) }
        }
    }

    /// Number of distinct words that start with `prefix`; `order` is `byteOrder()`.
    func wordsStarting(with prefix: String, order: [Int32]) -> Int {
        var p = prefix
        return p.withUTF8 { prefix in
            bytes.withUnsafeBufferPointer { all in
                func word(_ k: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
                    let e = Int(order[k])
                    return all[Int(starts[e])..<Int(starts[e + 1])]
                }
                var lo = 0, hi = order.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if word(mid).lexicographicallyPrecedes(prefix) { lo = mid + 1 } else { hi = mid }
                }
                var k = lo
                while k < order.count, word(k).starts(with: prefix) { k += 1 }
                return k - lo
            }
        }
    }
}
