import CNormData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The data behind Kazakh letter restoration, read from `Rules/restore/` (built by
/// `scripts/build-restore-model.py` from the project corpus; see `Rules/restore/README.md`):
///
/// - a lexicon of attested Kazakh word forms with counts, grouped by skeleton (the form typed on a
///   Russian keyboard: `қазақ` → `казак`);
/// - word-pair counts around ambiguous forms, with the neighbour given as a skeleton;
/// - a letter 5-gram model over word types, for words the lexicon lacks (it carries Kazakh stems,
///   suffix chains and vowel harmony);
/// - Russian word counts, to tell a Russian paragraph from Kazakh typed without its letters.
///
/// The `.bin` files are hash tables generated from the TSV files next to them and used in place, so
/// loading costs a copy, not a parse. Immutable once loaded; safe to share between threads.
public final class KazakhRestorationModel: Sendable {
    static let files = ["lexicon.bin", "pairs.bin", "letters.bin", "russian.bin"].map { "restore/" + $0 }
    /// The TSV files the `.bin` files are generated from (their FNV-1a hash is in every `.bin` header):
    /// three of `Rules/restore/` and the Russian word counts shared with typo repair.
    public static let sourceFiles = ["forms.tsv", "bigrams.tsv", "letters.tsv"].map { "restore/" + $0 } + ["lexicon/ru.tsv"]

    /// Skeleton hash → (first form, number of forms, total count).
    private let skeletons: PackedTable
    /// Per form: where its letters start in `letters` (one more element than forms), and its count.
    /// Copied out of lexicon.bin at load (about 1 MB) into memory the model owns (freed in `deinit`), so
    /// that the hot loops read them with a load and no bounds check: every index into them comes from
    /// the skeleton table, whose entries are checked against the arrays at load.
    nonisolated(unsafe) private let formStart: UnsafeMutablePointer<Int32>
    nonisolated(unsafe) private let formCount: UnsafeMutablePointer<Int32>
    nonisolated(unsafe) private let letters: UnsafeMutablePointer<UInt8>
    private let formTotal: Int
    let kazakhTotal: Double
    /// `pairKey(side, a, b)` → count. Each side of a pair is a skeleton hash (the neighbour, and the
    /// word itself for the `…Total` sides) or the index of an attested form in the lexicon (so scoring
    /// a form needs no hash of its letters).
    private let pairs: PackedTable
    /// Letter n-gram counts, keys packed 6 bits per letter (oldest letter highest), bit 31 set.
    private let ngram: PackedTable
    /// For each history (packed the same way): how often it was followed by a letter, and by how many
    /// different letters (Witten–Bell smoothing).
    private let history: PackedTable
    private let unigramTotal: Double
    private let russian: PackedTable
    let russianTotal: Double
    /// FNV-1a hash of the TSV sources, from the `.bin` headers.
    public let sourceHash: UInt64

    enum PairSide: UInt64 {
        case leftSkeleton = 1, rightSkeleton = 2, leftTotal = 3, rightTotal = 4
    }

    /// Loads the `.bin` files of `Rules/restore/` from a rule store.
    public convenience init(rules: RuleStore) throws {
        try self.init(files: Self.files.map { (rules.displayPath($0), try rules.data($0)) })
    }

    /// `files`: (name for messages, bytes) of lexicon.bin, pairs.bin, letters.bin, russian.bin.
    init(files: [(String, [UInt8])]) throws {
        let lexicon = try PackedFile(files[0].1, path: files[0].0, tables: 1, arrays: 4)
        let pairs = try PackedFile(files[1].1, path: files[1].0, tables: 1, arrays: 0)
        let letters = try PackedFile(files[2].1, path: files[2].0, tables: 2, arrays: 0)
        let russian = try PackedFile(files[3].1, path: files[3].0, tables: 1, arrays: 1)
        for (f, name) in [(pairs, files[1].0), (letters, files[2].0), (russian, files[3].0)] where f.sourceHash != lexicon.sourceHash {
            throw NormalizeError.ruleFile(path: name, line: 1, column: 1,
                                          message: "made from other TSV files than \(files[0].0): run scripts/build-restore-model.py --binary-only")
        }
        sourceHash = lexicon.sourceHash
        skeletons = lexicon.tables[0]
        kazakhTotal = Double(lexicon.arrays[0][0])
        let formStart = lexicon.arrays[1].int32s(), formCount = lexicon.arrays[2].int32s(), letterCodes = lexicon.arrays[3].uint8s()
        self.pairs = pairs.tables[0]
        ngram = letters.tables[0]
        history = letters.tables[1]
        self.russian = russian.tables[0]
        russianTotal = Double(russian.arrays[0][0])
        unigramTotal = Double(history.value(Self.letterKey(0), 0))
        guard skeletons.width == 3, self.pairs.width == 1, ngram.width == 1, history.width == 2, self.russian.width == 1,
              lexicon.arrays[1].elementBytes == 4, lexicon.arrays[2].elementBytes == 4, lexicon.arrays[3].elementBytes == 1,
              formStart.count == formCount.count + 1, formStart[formCount.count] == letterCodes.count,
              formStart[0] == 0, Self.isNonDecreasing(formStart),
              lexicon.tables[0].allSlots({ slot in
                  let table = lexicon.tables[0], first = table.value(slot, 0), count = table.value(slot, 1)
                  return first >= 0 && count >= 1 && Int(first) + Int(count) <= formCount.count
              }) else {
            throw NormalizeError.ruleFile(path: files[0].0, line: 1, column: 1,
                                          message: "inconsistent restoration model: run scripts/build-restore-model.py --binary-only")
        }
        formTotal = formCount.count
        self.formStart = .allocate(capacity: formStart.count)
        self.formStart.initialize(from: formStart, count: formStart.count)
        self.formCount = .allocate(capacity: max(1, formCount.count))
        self.formCount.initialize(from: formCount, count: formCount.count)
        self.letters = .allocate(capacity: max(1, letterCodes.count))
        self.letters.initialize(from: letterCodes, count: letterCodes.count)
    }

    deinit {
        formStart.deallocate()
        formCount.deallocate()
        letters.deallocate()
    }

    static let order = 5

    static func isNonDecreasing(_ a: [Int32]) -> Bool {
        a.withUnsafeBufferPointer { p in
            for k in p.indices.dropFirst() where p[k - 1] > p[k] { return false }
            return true
        }
    }

    // MARK: Lexicon

    /// FNV-1a over letter codes (never 0: 0 marks an empty slot).
    @inline(__always)
    static func hash<C: Collection>(_ codes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in codes { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h == 0 ? 1 : h
    }

    @inline(__always)
    static func pairKey(_ side: PairSide, _ a: UInt64, _ b: UInt64) -> UInt64 {
        let k = ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ side.rawValue &* 0xD6E8_FEB8_6659_FD93)) &* 0xBF58_476D_1CE4_E5B9
        return k == 0 ? 1 : k
    }

    @inline(__always)
    static func letterKey(_ packed: UInt32) -> UInt64 { UInt64(packed | 0x8000_0000) }

    /// The attested forms of the skeleton with hash `hash`: first index, count, and the total count of
    /// the skeleton.
    @inline(__always)
    func forms(skeletonHash hash: UInt64) -> (range: Range<Int>, total: Int32)? {
        guard let slot = skeletons.slot(hash) else { return nil }
        let first = Int(skeletons.value(slot, 0))
        // A match of the 64-bit hash alone is taken as the skeleton: among the table's ~73 k skeletons
        // a word that is not one matches with a chance of about 1 in 10^14, and checking the letters
        // costs two cache misses per word.
        return (first..<first + Int(skeletons.value(slot, 1)), skeletons.value(slot, 2))
    }

    /// Total count of a skeleton's forms (0: unknown).
    @inline(__always)
    func skeletonTotal(_ hash: UInt64) -> Int32 {
        skeletons.slot(hash).map { skeletons.value($0, 2) } ?? 0
    }

    @inline(__always)
    func russianCount(_ hash: UInt64) -> Int32 {
        russian.slot(hash).map { russian.value($0, 0) } ?? 0
    }

    /// Letter codes of form `i`.
    @inline(__always)
    func form(_ i: Int) -> [UInt8] {
        let r = letterRange(i)
        return Array(UnsafeBufferPointer(start: letters + r.lowerBound, count: r.count))
    }
    @inline(__always)
    func count(_ i: Int) -> Int32 { formCount[i] }
    /// Where the letters of form `i` are (see `letter`).
    @inline(__always)
    func letterRange(_ i: Int) -> Range<Int> { Int(formStart[i])..<Int(formStart[i + 1]) }
    @inline(__always)
    func letter(_ j: Int) -> UInt8 { letters[j] }

    /// Whether form `i` is spelled `codes`.
    @inline(__always)
    func form<C: RandomAccessCollection>(_ i: Int, equals codes: C) -> Bool where C.Element == UInt8, C.Index == Int {
        let r = letterRange(i)
        guard r.count == codes.count else { return false }
        for k in 0..<codes.count where letter(r.lowerBound + k) != codes[codes.startIndex + k] { return false }
        return true
    }

    /// Whether form `i` has і at each of `positions`.
    @inline(__always)
    func form(_ i: Int, hasIAt positions: UnsafeBufferPointer<Int>) -> Bool {
        let start = letterRange(i).lowerBound
        for k in positions where letter(start + k) != 42 { return false }
        return true
    }

    /// `hash(form(i))` without building the form.
    @inline(__always)
    func formHash(_ i: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for j in letterRange(i) { h = (h ^ UInt64(letter(j))) &* 0x100_0000_01b3 }
        return h == 0 ? 1 : h
    }

    @inline(__always)
    func pair(_ side: PairSide, _ a: UInt64, _ b: UInt64) -> Int32 {
        pairs.slot(Self.pairKey(side, a, b)).map { pairs.value($0, 0) } ?? 0
    }

    /// Starts loading what `forms` and `russianCount` read for a word (hints only).
    @inline(__always)
    func prefetchWord(skeletonHash: UInt64, codesHash: UInt64) {
        skeletons.prefetch(skeletonHash)
        russian.prefetch(codesHash)
    }

    /// Starts loading the letters and counts of forms `range` (hints only).
    @inline(__always)
    func prefetchForms(_ range: Range<Int>) {
        nz_prefetch(formStart + range.lowerBound)
        nz_prefetch(formCount + range.lowerBound)
    }

    @inline(__always)
    func prefetchLetters(_ i: Int) { nz_prefetch(letters + Int(formStart[i])) }

    @inline(__always)
    func prefetchPair(_ side: PairSide, _ a: UInt64, _ b: UInt64) { pairs.prefetch(Self.pairKey(side, a, b)) }

    // MARK: Letter model

    /// P(letter | history) with Witten–Bell interpolation down to add-one unigrams. `history` holds
    /// `length` letters packed oldest first.
    /// Computed from the shortest history up. A history never seen means no longer one was seen either
    /// (every n-gram's shorter suffixes are counted too), and likewise for a letter never seen after a
    /// history: those lookups are skipped.
    func probability(_ letter: UInt8, history h: UInt32, length: Int) -> Double {
        let unigram = ngramCount(UInt32(letter))
        var p = (Double(unigram) + 1) / (unigramTotal + Double(KazakhLetters.count))
        var seenShorter = unigram != 0
        for k in 0..<length {
            let shortened = h & ((1 << (6 * UInt32(k + 1))) - 1)
            guard let slot = history.slot(Self.letterKey(shortened)) else { break }
            let count = seenShorter ? ngramCount(shortened << 6 | UInt32(letter)) : 0
            seenShorter = count != 0
            let types = Double(history.value(slot, 1))
            p = (Double(count) + types * p) / (Double(history.value(slot, 0)) + types)
        }
        return p
    }

    @inline(__always)
    private func ngramCount(_ packed: UInt32) -> Int32 {
        ngram.slot(Self.letterKey(packed)).map { ngram.value($0, 0) } ?? 0
    }

    /// A memo of `log(probability(letter, history:, length: order - 1))` for the words one restorer
    /// spells (their stems and suffixes recur): a direct-mapped table, so a hit costs one load instead
    /// of up to ten lookups in the letter tables and a logarithm. Filled in lazily.
    struct LetterMemo {
        var keys: [UInt32] = []
        var values: [Double] = []
        static let size = 1 << 15
    }

    /// log P(letter | the four letters of `history`), through `memo`.
    @inline(__always)
    func logProbability(_ letter: UInt8, history h: UInt32, memo: inout LetterMemo) -> Double {
        if memo.keys.isEmpty {
            memo.keys = Array(repeating: 0, count: LetterMemo.size)
            memo.values = Array(repeating: 0, count: LetterMemo.size)
        }
        let key = (h << 6 | UInt32(letter)) | 0x8000_0000
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> UInt32(32 - LetterMemo.size.trailingZeroBitCount))
        if memo.keys[slot] == key { return memo.values[slot] }
        let p = log(probability(letter, history: h, length: Self.order - 1))
        memo.keys[slot] = key
        memo.values[slot] = p
        return p
    }

    /// log P of a whole word (with its end marker) under the letter model.
    func logProbability<C: Collection>(word: C, memo: inout LetterMemo) -> Double where C.Element == UInt8 {
        var h: UInt32 = 0
        for _ in 0..<(Self.order - 1) { h = h << 6 | UInt32(KazakhLetters.wordStart) }
        var total = 0.0
        for c in word {
            total += logProbability(c, history: h, memo: &memo)
            h = (h << 6 | UInt32(c)) & Self.historyMask
        }
        return total + logProbability(KazakhLetters.wordEnd, history: h, memo: &memo)
    }

    static let historyMask: UInt32 = (1 << (6 * UInt32(order - 1))) - 1

    /// The most likely Kazakh spelling of a skeleton under the letter model (beam search over the
    /// letters each skeleton letter may stand for), with its log probability.
    /// The first `fixed.count` letters are taken as given (a stem already decided).
    /// Ties are broken by the letters (lexicographically first); the letters of the hypotheses are
    /// rows of one buffer, so that extending a hypothesis allocates nothing.
    func bestSpelling(skeleton: [UInt8], fixed: [UInt8] = [], ocr: Bool = false, beamWidth: Int = 8,
                      memo: inout LetterMemo) -> (codes: [UInt8], logProbability: Double) {
        let choices = ocr ? Self.ocrChoices : Self.choices
        let n = skeleton.count
        /// `row`: where its letters are, in `rows` (beam) or `nextRows` (next), n letters per row.
        struct Hypothesis { var score: Double; var history: UInt32; var row: Int }
        var start: UInt32 = 0
        for _ in 0..<(Self.order - 1) { start = start << 6 | UInt32(KazakhLetters.wordStart) }
        var beam = [Hypothesis(score: 0, history: start, row: 0)]
        var next: [Hypothesis] = []
        beam.reserveCapacity(beamWidth)
        next.reserveCapacity(beamWidth * Self.maxChoices)
        let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n * beamWidth))
        let nextRows = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n * beamWidth * Self.maxChoices))
        defer {
            rows.deallocate()
            nextRows.deallocate()
        }
        for k in 0..<n {
            next.removeAll(keepingCapacity: true)
            let isFixed = k < fixed.count
            let s = Int(skeleton[k])
            let count = isFixed ? 1 : Int(choices.count[s])
            for hyp in beam {
                for a in 0..<count {
                    let c = isFixed ? fixed[k] : choices.letters[s * Self.maxChoices + a]
                    let logP = logProbability(c, history: hyp.history, memo: &memo)
                    let row = next.count
                    let to = nextRows + row * n, from = rows + hyp.row * n
                    for j in 0..<k { to[j] = from[j] }
                    to[k] = c
                    next.append(Hypothesis(score: hyp.score + logP, history: (hyp.history << 6 | UInt32(c)) & Self.historyMask, row: row))
                }
            }
            if next.count > beamWidth {
                next.sort { a, b in
                    if a.score != b.score { return a.score > b.score }
                    let x = nextRows + a.row * n, y = nextRows + b.row * n
                    for j in 0...k where x[j] != y[j] { return x[j] < y[j] }
                    return false
                }
                next.removeLast(next.count - beamWidth)
            }
            // The kept hypotheses become the beam, their letters rows 0, 1, … of `rows`.
            beam.removeAll(keepingCapacity: true)
            for (i, var hyp) in next.enumerated() {
                let to = rows + i * n, from = nextRows + hyp.row * n
                for j in 0...k { to[j] = from[j] }
                hyp.row = i
                beam.append(hyp)
            }
        }
        @inline(__always) func precedes(_ a: Int, _ b: Int) -> Bool {
            for j in 0..<n where rows[a * n + j] != rows[b * n + j] { return rows[a * n + j] < rows[b * n + j] }
            return false
        }
        var best = (score: -Double.infinity, row: beam[0].row)
        for hyp in beam {
            let score = hyp.score + logProbability(KazakhLetters.wordEnd, history: hyp.history, memo: &memo)
            if score > best.score || (score == best.score && precedes(hyp.row, best.row)) {
                best = (score, hyp.row)
            }
        }
        return (Array(UnsafeBufferPointer(start: rows + best.row * n, count: n)), best.score)
    }

    /// `KazakhLetters.restorations` (and `ocrRestorations`) flattened: for skeleton letter s, its
    /// `count[s]` letters are `letters[s * maxChoices ..< s * maxChoices + count[s]]`, in the same order.
    struct Choices {
        var count: [UInt8]
        var letters: [UInt8]
        init(_ table: [[UInt8]]) {
            count = table.map { UInt8($0.count) }
            letters = Array(repeating: 0, count: table.count * KazakhRestorationModel.maxChoices)
            for (s, list) in table.enumerated() {
                precondition(list.count <= KazakhRestorationModel.maxChoices)
                for (a, c) in list.enumerated() { letters[s * KazakhRestorationModel.maxChoices + a] = c }
            }
        }
    }
    static let maxChoices = 4
    static let choices = Choices(KazakhLetters.restorations)
    static let ocrChoices = Choices(KazakhLetters.ocrRestorations)
}

/// A `.bin` file of `Rules/restore/`: hash tables and arrays laid out by
/// `scripts/build-restore-model.py` (its docstring describes the layout).
struct PackedFile {
    var sourceHash: UInt64
    var tables: [PackedTable] = []
    var arrays: [PackedArray] = []

    init(_ bytes: [UInt8], path: String, tables: Int, arrays: Int) throws {
        var offset = 0
        func fail(_ message: String) -> NormalizeError {
            .ruleFile(path: path, line: 1, column: 1, message: "byte \(offset): \(message); regenerate with scripts/build-restore-model.py")
        }
        func read(_ width: Int) throws -> UInt64 {
            guard offset + width <= bytes.count else { throw fail("file ends too early") }
            var v: UInt64 = 0
            for k in (0..<width).reversed() { v = v << 8 | UInt64(bytes[offset + k]) }
            offset += width
            return v
        }
        guard bytes.count >= 8, Array(bytes[0..<8]) == Array("NZRESTO1".utf8) else { throw fail("not a restoration model file") }
        offset = 8
        sourceHash = try read(8)
        guard try read(4) == tables else { throw fail("expected \(tables) tables") }
        for _ in 0..<tables {
            let keyBytes = Int(try read(4)), width = Int(try read(4)), capacity = Int(try read(4))
            _ = try read(4)
            guard keyBytes == 4 || keyBytes == 8, width > 0, capacity > 0, capacity & (capacity - 1) == 0 else {
                throw fail("bad table header")
            }
            let slots = offset
            offset += capacity * (keyBytes + width * 4)
            guard offset <= bytes.count else { throw fail("file ends inside a table") }
            self.tables.append(PackedTable(bytes: bytes, keyBytes: keyBytes, width: width, capacity: capacity,
                                           offset: slots))
        }
        guard try read(4) == arrays else { throw fail("expected \(arrays) arrays") }
        for _ in 0..<arrays {
            let elementBytes = Int(try read(4)), count = Int(try read(4))
            guard [1, 4, 8].contains(elementBytes) else { throw fail("bad array header") }
            let start = offset
            offset += elementBytes * count
            guard offset <= bytes.count else { throw fail("file ends inside an array") }
            self.arrays.append(PackedArray(bytes: bytes, elementBytes: elementBytes, count: count, offset: start))
        }
        guard offset == bytes.count else { throw fail("unexpected bytes after the last array") }
    }
}

/// An open-addressing hash table stored in a byte array: slots of a key (0: empty) and its values,
/// linear probing.
struct PackedTable: Sendable {
    let bytes: [UInt8]
    let keyBytes: Int
    let width: Int
    let capacity: Int
    let offset: Int
    let stride: Int
    /// `64 - log2(capacity)`, and `capacity - 1`.
    private let shift: UInt64
    private let mask: Int

    init(bytes: [UInt8], keyBytes: Int, width: Int, capacity: Int, offset: Int) {
        self.bytes = bytes
        self.keyBytes = keyBytes
        self.width = width
        self.capacity = capacity
        self.offset = offset
        stride = keyBytes + width * 4
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        mask = capacity - 1
    }

    /// Whether `check` holds for every filled slot (given its index, for `value`).
    func allSlots(_ check: (Int) -> Bool) -> Bool {
        bytes.withUnsafeBytes { raw in
            for slot in 0..<capacity {
                let at = offset + slot * stride
                let key: UInt64 = keyBytes == 8 ? raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                    : UInt64(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
                if key != 0 && !check(slot) { return false }
            }
            return true
        }
    }

    /// The slot holding `key`, if any.
    @inline(__always)
    func slot(_ key: UInt64) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            var i = capacity == 1 ? 0 : Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let at = offset + i * stride
                let k: UInt64 = keyBytes == 8
                    ? raw.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
                    : UInt64(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
                if k == key { return i }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    func value(_ slot: Int, _ k: Int) -> Int32 {
        bytes.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: offset + slot * stride + keyBytes + k * 4, as: Int32.self).littleEndian
        }
    }

    /// The value of `key` (0 when absent).
    @inline(__always)
    func value(_ key: UInt64, _ k: Int) -> Int32 { slot(key).map { value($0, k) } ?? 0 }

    /// Starts loading the slots where a lookup of `key` begins (hints only): two cache lines, since at
    /// a load of 0.75 a key that is absent (most word pairs) is looked for over about eight slots.
    @inline(__always)
    func prefetch(_ key: UInt64) {
        let i = capacity == 1 ? 0 : Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        bytes.withUnsafeBytes {
            let at = offset + i * stride
            nz_prefetch($0.baseAddress! + at)
            if at + 64 < $0.count { nz_prefetch($0.baseAddress! + at + 64) }
        }
    }
}

/// A little-endian array of 1-, 4- or 8-byte integers stored in a byte array.
struct PackedArray: Sendable {
    let bytes: [UInt8]
    let elementBytes: Int
    let count: Int
    let offset: Int

    @inline(__always)
    subscript(i: Int) -> Int64 {
        bytes.withUnsafeBytes { raw in
            switch elementBytes {
            case 1: return Int64(raw[offset + i])
            case 4: return Int64(raw.loadUnaligned(fromByteOffset: offset + i * 4, as: Int32.self).littleEndian)
            default: return raw.loadUnaligned(fromByteOffset: offset + i * 8, as: Int64.self).littleEndian
            }
        }
    }

    /// The elements of an array of 4-byte integers, as `Int32`s.
    func int32s() -> [Int32] { (0..<count).map { Int32(truncatingIfNeeded: self[$0]) } }

    /// The elements of an array of bytes.
    func uint8s() -> [UInt8] { Array(bytes[offset..<offset + count]) }
}
