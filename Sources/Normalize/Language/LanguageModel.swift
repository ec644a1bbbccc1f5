import CNormData

/// The language-identification model of `Rules/langid/model.bin`: multinomial naive Bayes over hashed
/// character n-grams (orders 1…`maxOrder`, each word padded with a boundary marker), one cost byte per
/// (bucket, language) = quantised −ln p(n-gram | language).
///
/// `scripts/train-langid.py` writes the file and extracts exactly the same features; `LetterCode` and
/// `NGramScanner` mirror its `lower_and_classify` and `feature_buckets` (a test pins the hashes).
public struct LanguageModel: Sendable {
    /// Class names in the order of the cost columns: ISO 639-1 codes, some with a script subtag
    /// (`kk-Latn`), which are reported as their language.
    public let languages: [String]
    /// The reported label of each column (`kk-Latn` → `kk`).
    public let labels: [String]
    /// For each column, the first column with the same label (compares labels without comparing strings).
    let labelGroups: [Int]
    let log2Buckets: Int
    let maxOrder: Int
    /// Whole padded words up to this length are features too (0: none beyond `maxOrder`).
    let maxWordOrder: Int
    /// Cost units per nat: divide a cost difference by this to get a log-likelihood ratio.
    let unitsPerNat: Double
    /// `bucketCount × 16` bytes; columns past `languages.count` are padding (255).
    let costs: CostTable

    static let fileName = "langid/model.bin"
    static let magic: [UInt8] = Array("NZLANGID".utf8)
    static let headerSize = 32
    /// 2: buckets by Fibonacci hashing (version 1 used a murmur finaliser and a mask).
    static let formatVersion: UInt32 = 2
    static let slots = 16

    /// Parses the binary model; `path` names the file in error messages.
    public init(bytes: [UInt8], path: String) throws {
        let table = CostTable(copying: bytes)
        try self.init(table: table, path: path)
    }

    init(table: CostTable, path: String) throws {
        let bytes = UnsafeBufferPointer(start: table.base.assumingMemoryBound(to: UInt8.self), count: table.count)
        func fail(_ message: String) -> NormalizeError {
            .ruleFile(path: path, line: 1, column: 1, message: message)
        }
        guard bytes.count >= Self.headerSize, Array(bytes[0..<8]) == Self.magic else {
            throw fail("not a language model (expected the NZLANGID header)")
        }
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        let version = u32(8), count = Int(u32(12)), log2 = Int(u32(16)), order = Int(u32(20))
        let scale = Double(Float(bitPattern: u32(24)))
        let wordOrder = Int(u32(28))
        guard version == Self.formatVersion else { throw fail("unsupported model format version \(version)") }
        guard (1...Self.slots).contains(count), (8...24).contains(log2), (1...NGramScanner.maxOrder).contains(order), scale > 0 else {
            throw fail("implausible header (languages \(count), log2 buckets \(log2), order \(order))")
        }
        let namesEnd = Self.headerSize + 8 * count
        let expected = namesEnd + (1 << log2) * Self.slots
        guard bytes.count == expected else {
            throw fail("size \(bytes.count) bytes, expected \(expected) for \(1 << log2) buckets")
        }
        languages = (0..<count).map { i in
            let raw = bytes[(Self.headerSize + 8 * i)..<(Self.headerSize + 8 * i + 8)].prefix { $0 != 0 }
            return String(decoding: raw, as: UTF8.self)
        }
        let names = languages.map { String($0.prefix { $0 != "-" }) }
        labels = names
        labelGroups = names.map { name in names.firstIndex(of: name) ?? 0 }
        log2Buckets = log2
        maxOrder = order
        maxWordOrder = wordOrder
        unitsPerNat = scale
        costs = table
        costsOffset = namesEnd
    }

    /// Where the cost rows start in `costs`.
    let costsOffset: Int

    /// The model compiled into the binary (used in place, not copied), or the one in `--rules DIR`.
    public static func load(from store: RuleStore) throws -> LanguageModel {
        if store.source == .embedded {
            for i in 0..<nz_data_count() where String(cString: nz_data_name(i)) == fileName {
                return try LanguageModel(table: CostTable(static: UnsafeRawPointer(nz_data_bytes(i)), count: nz_data_size(i)),
                                         path: store.displayPath(fileName))
            }
        }
        return try LanguageModel(bytes: store.data(fileName), path: store.displayPath(fileName))
    }
}

/// The model bytes: either the compiled-in array (static, never freed) or a private heap copy.
/// Immutable after creation, hence safe to share across threads.
final class CostTable: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    private let owned: Bool

    init(static base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.count = count
        owned = false
    }

    init(copying bytes: [UInt8]) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: $0.count) } }
        base = UnsafeRawPointer(p)
        count = bytes.count
        owned = true
    }

    deinit {
        if owned { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}

/// Letter classes shared by training and inference: lower-cased Latin and Cyrillic letters keep their
/// code point, everything else is the word boundary (space). Apostrophes inside a word are letters,
/// because the 2018 Kazakh Latin alphabet writes `a'`, `g'`, `s'h`.
enum LetterCode {
    static let space: UInt32 = 0x20
    static let apostrophe: UInt32 = 0x27
    /// Marks an apostrophe-like code point: a letter only right after a letter.
    static let apostropheCandidate: UInt16 = 0xFFFF
    static let tableSize: UInt32 = 0x800

    /// Code for every code point of one or two UTF-8 bytes (below U+0800; none from U+0530 up is a
    /// letter); above it only U+2019 can be a letter (apostrophe).
    static let table: [UInt16] = (0..<tableSize).map { code(for: $0) }

    static func code(for c: UInt32) -> UInt16 {
        if c == 0x27 || c == 0x2BC { return apostropheCandidate }
        var l = c
        switch c {
        case 0x41...0x5A: l = c + 0x20
        case 0xC0...0xDE where c != 0xD7: l = c + 0x20
        case 0x130: l = 0x69
        case 0x100...0x137 where c % 2 == 0, 0x14A...0x177 where c % 2 == 0: l = c + 1
        case 0x139...0x148 where c % 2 == 1, 0x179...0x17E where c % 2 == 1: l = c + 1
        case 0x178: l = 0xFF
        case 0x1F4: l = 0x1F5
        case 0x218...0x21B where c % 2 == 0: l = c + 1
        case 0x400...0x40F: l = c + 0x50
        case 0x410...0x42F: l = c + 0x20
        case 0x460...0x481 where c % 2 == 0, 0x48A...0x4BF where c % 2 == 0, 0x4D0...0x52F where c % 2 == 0: l = c + 1
        case 0x4C1...0x4CE where c % 2 == 1: l = c + 1
        case 0x4C0: l = 0x4CF
        default: break
        }
        let letter = (0x61...0x7A).contains(l) || ((0xDF...0x24F).contains(l) && l != 0xF7) || (0x430...0x52F).contains(l)
        return letter ? UInt16(l) : UInt16(space)
    }
}
