/// A word-frequency list (`Rules/lexicon/*.tsv`, `word<TAB>count`, lowercased NFC word forms) with
/// constant-time lookup over UTF-8 bytes.
///
/// Storage is compact: every word's bytes in one buffer, and an open-addressing hash table of entry
/// indices (FNV-1a over the bytes, linear probing, load ≤ 0.5). The embedded lexicons are parsed once
/// per process (`Lexicon.kazakh`, `.russian`, `.names` through `load`).
public struct Lexicon: Sendable {
    /// The rule file this lexicon came from, for messages (`Rules/lexicon/kk.tsv`).
    public let path: String
    private let bytes: [UInt8]
    private let starts: [Int32]   // entry i is bytes[starts[i] ..< starts[i + 1]]
    private let counts: [Int32]
    private let table: [Int32]    // entry index + 1; 0 is an empty slot
    private let mask: Int
    private let sorted: Bool
    /// Sum of all counts (tokens behind the list).
    public let totalCount: Int
    /// The largest count of any entry.
    public let maxCount: Int

    /// Parses `word<TAB>count` lines; words are lowercased on load (so hand-written lists may keep their
    /// natural case). Empty lines and lines starting with `#` are skipped; a missing tab,
    /// a bad count, an empty word or a duplicate word is an error naming the line.
    public init(tsv data: [UInt8], path: String) throws {
        self.path = path
        if let bad = firstInvalidUTF8Offset(data) {
            throw NormalizeError.ruleFile(path: path, line: lineOf(offset: bad, in: data), column: 1,
                                          message: "invalid UTF-8 at byte \(bad)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count)
        var starts: [Int32] = [0]
        var counts: [Int32] = []
        var entryLines: [Int] = []
        var total = 0
        var maxCount = 0
        var lineNo = 0
        var i = 0
        let n = data.count
        while i < n {
            lineNo += 1
            var end = i
            while end < n && data[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > i && data[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { i = end + 1 }
            if lineEnd == i || data[i] == 0x23 { continue }
            var tab = i
            while tab < lineEnd && data[tab] != 0x09 { tab += 1 }
            guard tab < lineEnd else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: 1, message: "expected word<TAB>count")
            }
            guard tab > i else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: 1, message: "empty word")
            }
            var value = 0
            var j = tab + 1
            guard j < lineEnd else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: tab - i + 2, message: "missing count")
            }
            while j < lineEnd {
                let d = data[j]
                guard d >= 0x30 && d <= 0x39, value < Int(Int32.max) / 10 else {
                    throw NormalizeError.ruleFile(path: path, line: lineNo, column: j - i + 1,
                                                  message: "count must be a non-negative integer")
                }
                value = value * 10 + Int(d - 0x30)
                j += 1
            }
            data.withUnsafeBufferPointer { CyrillicCase.appendLowercased(UnsafeBufferPointer(rebasing: $0[i..<tab]), to: &bytes) }
            entryLines.append(lineNo)
            starts.append(Int32(bytes.count))
            counts.append(Int32(value))
            total += value
            maxCount = max(maxCount, value)
        }
        var size = 16
        while size < counts.count * 2 { size <<= 1 }
        var table = [Int32](repeating: 0, count: size)
        let mask = size - 1
        try bytes.withUnsafeBufferPointer { all in
            for e in 0..<counts.count {
                let word = UnsafeBufferPointer(rebasing: all[Int(starts[e])..<Int(starts[e + 1])])
                var slot = Int(truncatingIfNeeded: Lexicon.hash(word)) & mask
                while table[slot] != 0 {
                    let other = Int(table[slot]) - 1
                    if all[Int(starts[other])..<Int(starts[other + 1])].elementsEqual(word) {
                        throw NormalizeError.ruleFile(path: path, line: entryLines[e], column: 1,
                                                      message: "duplicate word \(String(decoding: word, as: UTF8.self))")
                    }
                    slot = (slot + 1) & mask
                }
                table[slot] = Int32(e + 1)
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.counts = counts
        self.table = table
        self.mask = mask
        self.totalCount = total
        self.maxCount = maxCount
        self.sorted = Lexicon.inOrder(bytes, starts)
    }

    /// Reads and parses `name` (relative to `Rules/`) from a rule store.
    public init(rules: RuleStore, name: String) throws {
        try self.init(tsv: rules.data(name), path: rules.displayPath(name))
    }

    /// The lexicon `name` from `rules`; the compiled-in Kazakh, Russian and names lexicons are parsed
    /// once per process and shared.
    public static func load(_ name: String, from rules: RuleStore) throws -> Lexicon {
        if rules.source == .embedded {
            switch name {
            case Lexicon.kazakhFile: return try embeddedKazakh.get()
            case Lexicon.russianFile: return try embeddedRussian.get()
            case Lexicon.namesFile: return try embeddedNames.get()
            default: break
            }
        }
        return try Lexicon(rules: rules, name: name)
    }

    public static let kazakhFile = "lexicon/kk.tsv"
    public static let russianFile = "lexicon/ru.tsv"
    public static let namesFile = "lexicon/names.tsv"

    private static let embeddedKazakh = Result { try Lexicon(rules: .embedded, name: kazakhFile) }
    private static let embeddedRussian = Result { try Lexicon(rules: .embedded, name: russianFile) }
    private static let embeddedNames = Result { try Lexicon(rules: .embedded, name: namesFile) }

    /// Number of words.
    public var wordCount: Int { counts.count }

    /// True when the file lists its words in byte (= code point) order, which `entries(withPrefix:)` needs.
    public var isSorted: Bool { sorted }

    private static func inOrder(_ bytes: [UInt8], _ starts: [Int32]) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            for e in 1..<max(1, starts.count - 1) {
                let a = all[Int(starts[e - 1])..<Int(starts[e])], b = all[Int(starts[e])..<Int(starts[e + 1])]
                if !a.lexicographicallyPrecedes(b) { return false }
            }
            return true
        }
    }

    /// Entry indices of the words that start with `prefix` (lowercase UTF-8), in order, at most `limit`;
    /// empty unless the list is sorted.
    public func entries(withPrefix prefix: [UInt8], limit: Int) -> Range<Int> {
        guard sorted else { return 0..<0 }
        return bytes.withUnsafeBufferPointer { all in
            var lo = 0, hi = counts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if all[Int(starts[mid])..<Int(starts[mid + 1])].lexicographicallyPrecedes(prefix) { lo = mid + 1 } else { hi = mid }
            }
            var end = lo
            while end < counts.count && end - lo < limit {
                let w = all[Int(starts[end])..<Int(starts[end + 1])]
                if w.count < prefix.count || !w.prefix(prefix.count).elementsEqual(prefix) { break }
                end += 1
            }
            return lo..<end
        }
    }

    /// The count of `word`, which must already be lowercase UTF-8; 0 when absent.
    @inlinable
    public func count(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let e = index(of: word)
        return e < 0 ? 0 : Int(countAt(e))
    }

    /// The count of `word` after lowercasing (Cyrillic and ASCII); 0 when absent.
    public func count(of word: String) -> Int {
        var out: [UInt8] = []
        var w = word
        w.withUTF8 { CyrillicCase.appendLowercased($0, to: &out) }
        return out.withUnsafeBufferPointer { count($0) }
    }

    /// True if the lowercased word is in the list.
    public func contains(_ word: String) -> Bool { count(of: word) > 0 }

    /// The entry index of a lowercase UTF-8 word, or -1.
    public func index(of word: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Int(truncatingIfNeeded: Lexicon.hash(word)) & mask
        return bytes.withUnsafeBufferPointer { all in
            table.withUnsafeBufferPointer { table in
                starts.withUnsafeBufferPointer { starts in
                    while true {
                        let e = Int(table[slot])
                        if e == 0 { return -1 }
                        let s = Int(starts[e - 1]), t = Int(starts[e])
                        if t - s == word.count && memoryEqual(all.baseAddress! + s, word.baseAddress, word.count) {
                            return e - 1
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// The count of entry `i`.
    @usableFromInline
    func countAt(_ i: Int) -> Int32 { counts[i] }

    /// The word of entry `i` (0 ..< wordCount), in file order.
    public func word(at i: Int) -> String {
        String(decoding: bytes[Int(starts[i])..<Int(starts[i + 1])], as: UTF8.self)
    }

    /// The count of entry `i`.
    public func count(at i: Int) -> Int { Int(counts[i]) }

    /// Calls `body(wordBytes, count)` for every entry, in file order.
    public func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            for e in 0..<counts.count {
                try body(UnsafeBufferPointer(rebasing: all[Int(starts[e])..<Int(starts[e + 1])]), Int(counts[e]))
            }
        }
    }

    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in word {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h ^ (h >> 29)
    }
}

@inline(__always)
private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    guard let b else { return n == 0 }
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
