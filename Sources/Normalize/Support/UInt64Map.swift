/// An open-addressing hash map from 64-bit keys (n-gram or stem hashes) to small plain values, with linear
/// probing and no per-lookup hashing beyond one multiply: several times faster to fill and to query than a
/// `Dictionary<UInt64, …>`, which hashes every key with SipHash.
///
/// A missing key reads as `empty`. Key 0 is kept aside (0 marks a free slot).
struct UInt64Map<Value: BitwiseCopyable & Sendable>: Sendable {
    private struct Entry: BitwiseCopyable, Sendable {
        var key: UInt64
        var value: Value
    }

    private var entries: [Entry]
    private var mask: Int
    private var zeroKeyValue: Value?
    private let empty: Value
    /// Number of keys.
    private(set) var count = 0

    init(capacity: Int = 16, empty: Value) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.empty = empty
        entries = [Entry](repeating: Entry(key: 0, value: empty), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9e37_79b9_7f4a_7c15) >> 24) & mask
    }

    /// The value of `key`, or `empty`.
    subscript(key: UInt64) -> Value {
        if key == 0 { return zeroKeyValue ?? empty }
        return entries.withUnsafeBufferPointer { entries in
            var s = UInt64Map.slot(key, mask)
            while true {
                let e = entries[s]
                if e.key == key { return e.value }
                if e.key == 0 { return empty }
                s = (s + 1) & mask
            }
        }
    }

    /// Calls `body` on the value of `key` (added with `empty` when absent) and returns its result.
    @inline(__always)
    mutating func update<R>(_ key: UInt64, _ body: (inout Value) -> R) -> R {
        if key == 0 {
            if zeroKeyValue == nil { count += 1 }
            var v = zeroKeyValue ?? empty
            defer { zeroKeyValue = v }
            return body(&v)
        }
        if (count + 1) * 2 > entries.count { grow() }
        let mask = self.mask
        var added = false
        defer { if added { count += 1 } }
        return entries.withUnsafeMutableBufferPointer { entries in
            var s = UInt64Map.slot(key, mask)
            while entries[s].key != key {
                if entries[s].key == 0 {
                    entries[s].key = key
                    added = true
                    break
                }
                s = (s + 1) & mask
            }
            return body(&entries[s].value)
        }
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, value: empty), count: old.count * 2)
        mask = entries.count - 1
        for e in old where e.key != 0 {
            var s = UInt64Map.slot(e.key, mask)
            while entries[s].key != 0 { s = (s + 1) & mask }
            entries[s] = e
        }
    }

    /// Calls `body(key, value)` for every key, in no particular order.
    func forEach(_ body: (UInt64, Value) -> Void) {
        if let v = zeroKeyValue { body(0, v) }
        for e in entries where e.key != 0 { body(e.key, e.value) }
    }

    /// Memory held by the table, in bytes.
    var byteCount: Int { entries.count * MemoryLayout<Entry>.stride }
}
