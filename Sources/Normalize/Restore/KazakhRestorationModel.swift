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
/// Immutable once loaded; safe to share between threads.
public final class KazakhRestorationModel: Sendable {
    static let formsFile = "restore/forms.tsv"
    static let bigramsFile = "restore/bigrams.tsv"
    static let lettersFile = "restore/letters.tsv"
    static let russianFile = "restore/russian.tsv"

    /// Forms grouped by skeleton: `skeletonIndex[hash(skeleton)]` = range into `formStart`/`formCount`.
    private let skeletonIndex: [UInt64: Range<Int32>]
    /// Letter codes of every form, concatenated; form `i` is `letters[formStart[i]..<formStart[i+1]]`.
    private let letters: [UInt8]
    private let formStart: [Int32]
    private let formCount: [Int32]
    private let formHash: [UInt64]
    /// Total count of the forms of each skeleton (by skeleton hash).
    let skeletonTotal: [UInt64: Int32]
    /// Word pairs: `pairKey(.leftSkeleton, hash(skeleton), hash(form))` etc.
    private let pairs: [UInt64: Int32]
    /// Letter n-gram counts, keys packed 6 bits per letter (oldest letter highest).
    private let ngram: [UInt32: Int32]
    /// For each history (packed the same way): how often it was followed by a letter, and by how many
    /// different letters (Witten–Bell smoothing).
    private let history: [UInt32: SIMD2<Int32>]
    private let unigramTotal: Double
    let russian: [UInt64: Int32]
    let russianTotal: Double
    let kazakhTotal: Double

    enum PairSide: UInt64 {
        case leftSkeleton = 1, rightSkeleton = 2, leftTotal = 3, rightTotal = 4
    }

    /// Loads the four files of `Rules/restore/` from a rule store.
    public convenience init(rules: RuleStore) throws {
        try self.init(
            forms: rules.data(Self.formsFile), bigrams: rules.data(Self.bigramsFile),
            letters: rules.data(Self.lettersFile), russian: rules.data(Self.russianFile),
            displayPath: rules.displayPath)
    }

    init(forms: [UInt8], bigrams: [UInt8], letters lettersData: [UInt8], russian russianData: [UInt8],
         displayPath: (String) -> String) throws {
        // Lexicon.
        var entries: [(skeleton: UInt64, codes: [UInt8], count: Int32)] = []
        try TSV.forEachRow(forms, columns: 2, path: displayPath(Self.formsFile)) { fields, line in
            guard let codes = KazakhLetters.codes(utf8: fields[0]), !codes.isEmpty else {
                throw NormalizeError.ruleFile(path: displayPath(Self.formsFile), line: line, column: 1,
                                              message: "not a Cyrillic word: \(TSV.text(fields[0]))")
            }
            let count = try TSV.count(fields[1], path: displayPath(Self.formsFile), line: line)
            entries.append((Self.hash(codes.map(KazakhLetters.skeleton)), codes, count))
        }
        entries.sort { $0.skeleton != $1.skeleton ? $0.skeleton < $1.skeleton : $0.codes.lexicographicallyPrecedes($1.codes) }
        var index: [UInt64: Range<Int32>] = [:]
        var totals: [UInt64: Int32] = [:]
        var letters: [UInt8] = []
        var starts: [Int32] = [], counts: [Int32] = [], hashes: [UInt64] = []
        var kazakhTotal = 0.0
        var i = 0
        while i < entries.count {
            var j = i
            var total: Int32 = 0
            while j < entries.count && entries[j].skeleton == entries[i].skeleton {
                starts.append(Int32(letters.count))
                letters.append(contentsOf: entries[j].codes)
                counts.append(entries[j].count)
                hashes.append(Self.hash(entries[j].codes))
                total &+= entries[j].count
                j += 1
            }
            index[entries[i].skeleton] = Int32(i)..<Int32(j)
            totals[entries[i].skeleton] = total
            kazakhTotal += Double(total)
            i = j
        }
        starts.append(Int32(letters.count))
        skeletonIndex = index
        skeletonTotal = totals
        self.letters = letters
        formStart = starts
        formCount = counts
        formHash = hashes
        self.kazakhTotal = kazakhTotal

        // Word pairs, and their totals per (skeleton, skeleton) so that counts become probabilities.
        var pairs: [UInt64: Int32] = [:]
        try TSV.forEachRow(bigrams, columns: 3, path: displayPath(Self.bigramsFile)) { fields, line in
            let count = try TSV.count(fields[2], path: displayPath(Self.bigramsFile), line: line)
            let leftIsSkeleton = fields[0].first == 0x7E
            guard leftIsSkeleton != (fields[1].first == 0x7E),
                  let left = KazakhLetters.codes(utf8: leftIsSkeleton ? fields[0].dropFirst() : fields[0]),
                  let right = KazakhLetters.codes(utf8: leftIsSkeleton ? fields[1] : fields[1].dropFirst()) else {
                throw NormalizeError.ruleFile(path: displayPath(Self.bigramsFile), line: line, column: 1,
                                              message: "expected FORM<TAB>~SKELETON or ~SKELETON<TAB>FORM")
            }
            if leftIsSkeleton {
                pairs[Self.pairKey(.leftSkeleton, Self.hash(left), Self.hash(right)), default: 0] += count
                pairs[Self.pairKey(.leftTotal, Self.hash(left), Self.hash(right.map(KazakhLetters.skeleton))), default: 0] += count
            } else {
                pairs[Self.pairKey(.rightSkeleton, Self.hash(left), Self.hash(right)), default: 0] += count
                pairs[Self.pairKey(.rightTotal, Self.hash(left.map(KazakhLetters.skeleton)), Self.hash(right)), default: 0] += count
            }
        }
        self.pairs = pairs

        // Letter n-grams.
        var ngram: [UInt32: Int32] = [:]
        var history: [UInt32: SIMD2<Int32>] = [:]
        try TSV.forEachRow(lettersData, columns: 2, path: displayPath(Self.lettersFile)) { fields, line in
            guard let codes = KazakhLetters.codes(utf8: fields[0], markers: true), (1...Self.order).contains(codes.count) else {
                throw NormalizeError.ruleFile(path: displayPath(Self.lettersFile), line: line, column: 1,
                                              message: "not a letter n-gram of 1 to \(Self.order) letters: \(TSV.text(fields[0]))")
            }
            var key: UInt32 = 0
            for c in codes { key = key << 6 | UInt32(c) }
            let count = try TSV.count(fields[1], path: displayPath(Self.lettersFile), line: line)
            ngram[key, default: 0] += count
            history[key >> 6, default: .zero] &+= SIMD2(count, 1)
        }
        self.ngram = ngram
        self.history = history
        unigramTotal = Double(history[0]?[0] ?? 0)

        var russian: [UInt64: Int32] = [:]
        var russianTotal = 0.0
        try TSV.forEachRow(russianData, columns: 2, path: displayPath(Self.russianFile)) { fields, line in
            guard let codes = KazakhLetters.codes(utf8: fields[0]) else {
                throw NormalizeError.ruleFile(path: displayPath(Self.russianFile), line: line, column: 1,
                                              message: "not a Cyrillic word: \(TSV.text(fields[0]))")
            }
            let count = try TSV.count(fields[1], path: displayPath(Self.russianFile), line: line)
            russian[Self.hash(codes), default: 0] += count
            russianTotal += Double(count)
        }
        self.russian = russian
        self.russianTotal = russianTotal
    }

    static let order = 5

    // MARK: Lexicon

    /// FNV-1a over letter codes.
    @inline(__always)
    static func hash<C: Collection>(_ codes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in codes { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h
    }

    @inline(__always)
    static func pairKey(_ side: PairSide, _ a: UInt64, _ b: UInt64) -> UInt64 {
        ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ side.rawValue &* 0xD6E8_FEB8_6659_FD93)) &* 0xBF58_476D_1CE4_E5B9
    }

    /// Indices of the attested forms whose skeleton is `skeleton` (and has hash `hash`).
    @inline(__always)
    func forms(skeleton: [UInt8], hash: UInt64) -> Range<Int32>? {
        guard let range = skeletonIndex[hash] else { return nil }
        // Guard against a hash collision: the first form must have this skeleton.
        let f = form(Int(range.lowerBound))
        guard f.count == skeleton.count else { return nil }
        for (k, c) in f.enumerated() where KazakhLetters.skeleton(c) != skeleton[k] { return nil }
        return range
    }

    @inline(__always)
    func form(_ i: Int) -> ArraySlice<UInt8> { letters[Int(formStart[i])..<Int(formStart[i + 1])] }
    @inline(__always)
    func count(_ i: Int) -> Int32 { formCount[i] }
    @inline(__always)
    func formHash(_ i: Int) -> UInt64 { formHash[i] }

    @inline(__always)
    func pair(_ side: PairSide, _ a: UInt64, _ b: UInt64) -> Int32 { pairs[Self.pairKey(side, a, b)] ?? 0 }

    // MARK: Letter model

    /// P(letter | history) with Witten–Bell interpolation down to add-one unigrams. `history` holds
    /// `length` letters packed oldest first.
    func probability(_ letter: UInt8, history h: UInt32, length: Int) -> Double {
        if length == 0 {
            return (Double(ngram[UInt32(letter)] ?? 0) + 1) / (unigramTotal + Double(KazakhLetters.count))
        }
        let lower = probability(letter, history: h & ((1 << (6 * UInt32(length - 1))) - 1), length: length - 1)
        guard let stats = history[h] else { return lower }
        let seen = Double(ngram[h << 6 | UInt32(letter)] ?? 0)
        let types = Double(stats[1])
        return (seen + types * lower) / (Double(stats[0]) + types)
    }

    /// log P of a whole word (with its end marker) under the letter model.
    func logProbability<C: Collection>(word: C) -> Double where C.Element == UInt8 {
        var h: UInt32 = 0
        for _ in 0..<(Self.order - 1) { h = h << 6 | UInt32(KazakhLetters.wordStart) }
        var total = 0.0
        for c in word {
            total += log(probability(c, history: h, length: Self.order - 1))
            h = (h << 6 | UInt32(c)) & Self.historyMask
        }
        return total + log(probability(KazakhLetters.wordEnd, history: h, length: Self.order - 1))
    }

    static let historyMask: UInt32 = (1 << (6 * UInt32(order - 1))) - 1

    /// The most likely Kazakh spelling of a skeleton under the letter model (beam search over the
    /// letters each skeleton letter may stand for), with its log probability.
    func bestSpelling(skeleton: [UInt8], beamWidth: Int = 8) -> (codes: [UInt8], logProbability: Double) {
        struct Hypothesis { var score: Double; var history: UInt32; var codes: [UInt8] }
        var start: UInt32 = 0
        for _ in 0..<(Self.order - 1) { start = start << 6 | UInt32(KazakhLetters.wordStart) }
        var beam = [Hypothesis(score: 0, history: start, codes: [])]
        var next: [Hypothesis] = []
        for s in skeleton {
            next.removeAll(keepingCapacity: true)
            for hyp in beam {
                for c in KazakhLetters.restorations[Int(s)] {
                    let p = probability(c, history: hyp.history, length: Self.order - 1)
                    var codes = hyp.codes
                    codes.append(c)
                    next.append(Hypothesis(score: hyp.score + log(p), history: (hyp.history << 6 | UInt32(c)) & Self.historyMask, codes: codes))
                }
            }
            if next.count > beamWidth {
                next.sort { $0.score != $1.score ? $0.score > $1.score : $0.codes.lexicographicallyPrecedes($1.codes) }
                next.removeLast(next.count - beamWidth)
            }
            swap(&beam, &next)
        }
        var best = beam[0]
        best.score = -Double.infinity
        for hyp in beam {
            let score = hyp.score + log(probability(KazakhLetters.wordEnd, history: hyp.history, length: Self.order - 1))
            if score > best.score || (score == best.score && hyp.codes.lexicographicallyPrecedes(best.codes)) {
                best = Hypothesis(score: score, history: hyp.history, codes: hyp.codes)
            }
        }
        return (best.codes, best.score)
    }
}

/// Tab-separated rule files: one row per line, `#` comments and blank lines skipped. Fields are handed
/// out as byte slices: the model files hold hundreds of thousands of rows.
enum TSV {
    static func forEachRow(_ bytes: [UInt8], columns: Int, path: String,
                           _ body: ([ArraySlice<UInt8>], Int) throws -> Void) throws {
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw NormalizeError.ruleFile(path: path, line: lineOf(offset: bad, in: bytes), column: 1,
                                          message: "invalid UTF-8 at byte \(bad)")
        }
        var line = 0
        var start = 0
        var fields: [ArraySlice<UInt8>] = []
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if end > start && bytes[start] != 0x23 {
                fields.removeAll(keepingCapacity: true)
                var f = start
                for k in start..<end where bytes[k] == 0x09 {
                    fields.append(bytes[f..<k])
                    f = k + 1
                }
                fields.append(bytes[f..<end])
                guard fields.count == columns else {
                    throw NormalizeError.ruleFile(path: path, line: line, column: 1,
                                                  message: "expected \(columns) tab-separated fields, found \(fields.count)")
                }
                try body(fields, line)
            }
            start = end + 1
        }
    }

    static func count(_ field: ArraySlice<UInt8>, path: String, line: Int) throws -> Int32 {
        var n: Int32 = 0
        for b in field {
            guard b >= 0x30 && b <= 0x39, n < Int32.max / 10 else { n = 0; break }
            n = n * 10 + Int32(b - 0x30)
        }
        guard n > 0 else {
            throw NormalizeError.ruleFile(path: path, line: line, column: 1,
                                          message: "not a positive count: \(String(decoding: field, as: UTF8.self))")
        }
        return n
    }

    static func text(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
}
