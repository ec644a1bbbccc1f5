#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts back the Kazakh letters of a paragraph typed on a Russian keyboard or read by a Russian OCR
/// model (`Акордада олардын кеуделерине` → `Ақордада олардың кеуделеріне`).
///
/// For every word it chooses among the spellings that differ only by ә/а, ғ/г, қ/к, ң/н, ө/о, ұ/у, ү/у,
/// һ/х, і/и:
/// 1. a word whose skeleton is in the lexicon takes the attested form that is most likely given its
///    count, its neighbours (word pairs keyed by the neighbours' skeletons, so earlier mistakes do not
///    spread) and the paragraph's own evidence (forms written with Kazakh letters elsewhere in it);
/// 2. an unseen word is spelled by the letter model (stems, suffix chains and vowel harmony learned
///    from word types), and only changed when that spelling beats the word as typed by a margin.
///
/// OCR with a Russian model writes і as `!` or `1`; between two Cyrillic letters these are read as і.
/// A Latin `i` inside a Cyrillic word stands for і and is kept as typed.
///
/// Never changes: words that already contain a Kazakh letter, words mixing other scripts or digits,
/// anything that is not a letter, letter case.
public struct KazakhLetterRestorer: Sendable {
    public let model: KazakhRestorationModel

    /// How much more likely (natural log) the letter model's spelling of an unseen word must be than
    /// the word as typed before it is changed. Measured on restore-dev and held-apart corpus lines:
    /// 1.25 keeps 0.2 % more plain words than 1.0 for 0.1 % fewer restored words (1.5: 0.2 % fewer;
    /// 2: 0.5 % fewer and no more plain words kept).
    public var unseenWordMargin = 1.25
    /// How much likelier (log score with neighbours and evidence) the best restored form of a word
    /// must be than the word as typed, when the typed form is itself attested (`шешен` / `шешең`).
    /// 0.3 keeps 0.05 % more plain words for 0.03 % fewer restored ones; 1.0 costs 0.3 %.
    public var lexiconMargin = 0.3
    /// Log-bonus for a form the paragraph itself writes with Kazakh letters.
    public var evidenceBonus = 3.0
    /// Smoothing weight of word-pair evidence (higher: trust single counts less).
    public var pairSmoothing = 2.0

    /// Spellings already chosen for unseen words (they do not depend on context), by hash of the word
    /// as typed; cleared when it grows past `cacheLimit`.
    private var unseen: [UInt64: [UInt8]] = [:]
    private static let cacheLimit = 200_000

    public init(model: KazakhRestorationModel) {
        self.model = model
    }

    /// One word changed, with where it starts in the paragraph.
    public struct Change: Sendable, Hashable {
        /// Offset of the word's first Unicode scalar in the paragraph.
        public var scalarOffset: Int
        /// Offset of the word's first byte in the paragraph's UTF-8.
        public var byteOffset: Int
        public var before: String
        public var after: String
        /// How the form was chosen.
        public var reason: Reason
        /// `reason` in words.
        public var note: String { reason.description }
    }

    /// How a word's new spelling was chosen.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The likeliest attested form (its corpus count).
        case lexicon(Int32)
        /// The likeliest attested form when е, э, a final `!` or a dropped і are read the OCR way.
        case ocrReading(Int32)
        /// A word the lexicon lacks, spelled by the letter model.
        case letterModel

        public var description: String {
            switch self {
            case .lexicon(let n): "lexicon: \(n)× in the corpus"
            case .ocrReading(let n): "lexicon (OCR reading): \(n)× in the corpus"
            case .letterModel: "letter model: unseen word, likelier Kazakh spelling"
            }
        }
    }

    /// A word of the paragraph: where it is and what the scan learnt about it. Plain values only, so
    /// that reading one costs no reference counting.
    struct Word {
        var byteStart: Int
        var byteEnd: Int
        var scalarOffset: Int
        /// Index of the word's first letter in `Paragraph.letterByte` / `letterValue` / `codes` / `skeletons`.
        var firstLetter: Int
        var letterCount: Int
        /// Where the word's codes are in `Paragraph.codes` and `skeletons`.
        var letters: Range<Int> { firstLetter..<firstLetter + letterCount }
        var skeletonHash: UInt64
        /// `KazakhRestorationModel.hash(codes)`.
        var codesHash: UInt64
        /// Where the word's fixed-і positions are in `Paragraph.fixedI`.
        var firstFixed: Int
        var fixedCount: Int
        /// The word already has a Cyrillic Kazakh letter.
        var hasKazakhLetter: Bool
        /// `!` or `1` must become і.
        var hasOCRDigit: Bool
        /// The word is followed by `!` or `1` and then no letter or digit: in OCR text that may be a
        /// final і (`берд!.`, `келед1.`).
        var trailingBang: Bool
        /// …and right after it comes `.`, `,`, `;` or `:`, where a real `!` is rare.
        var bangBeforePunctuation: Bool
        /// Some letter has more than one possible Kazakh spelling.
        var isAmbiguous: Bool
        var allUppercase: Bool
    }

    /// A word being restored: its `Word` with its letters, read in place in the paragraph's storage.
    @dynamicMemberLookup
    struct WordLetters {
        var word: Word
        /// Lowercase codes; `!`, `1` and Latin `i` read as і.
        var codes: UnsafeBufferPointer<UInt8>
        var skeleton: UnsafeBufferPointer<UInt8>
        /// Positions that must be і whatever the skeleton says (`!`, `1`, Latin `i`).
        var fixedI: UnsafeBufferPointer<Int>

        subscript<T>(dynamicMember key: KeyPath<Word, T>) -> T { word[keyPath: key] }
    }

    /// The words of a paragraph and, for each of their letters, its byte offset and scalar.
    struct Paragraph {
        var words: [Word] = []
        /// Per letter of a word: its byte offset, scalar, code and skeleton letter. Only the first
        /// `letterCount` elements belong to this paragraph: the arrays keep their size between
        /// paragraphs and only grow, so that the scan writes them in place.
        var letterByte: [Int] = []
        var letterValue: [UInt32] = []
        var codes: [UInt8] = []
        var skeletons: [UInt8] = []
        var letterCount = 0
        /// The fixed-і positions of all words (each word's are `Word.firstFixed`, `fixedCount`).
        var fixedI: [Int] = []
    }

    /// Bit k set: skeleton letter k may stand for more than one letter (а г к н о у х и).
    static let ambiguousSkeletonLetters: UInt64 = (1 << 1) | (1 << 4) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 20) | (1 << 22) | (1 << 9)

    /// Per scalar U+0400…U+04FF, what the scan needs of a Cyrillic letter in one load: its code (bits
    /// 0–5; 0: no code), skeleton letter (bits 6–11), `upperBit`, `kazakhBit` (one of ә ғ қ ң ө ұ ү һ і)
    /// and `ambiguousBit` (the skeleton letter may stand for several letters). Made from `KazakhLetters`.
    static let cyrillicInfo: [UInt16] = (0..<0x100).map { offset -> UInt16 in
        let v = UInt32(0x400 + offset)
        let c = KazakhLetters.code(v)
        guard c != 0 else { return 0 }
        let k = KazakhLetters.skeleton(c)
        var f = UInt16(c) | UInt16(k) << 6
        if KazakhLetters.isUppercase(v) { f |= upperBit }
        if KazakhLetters.isKazakhSpecific(c) { f |= kazakhBit }
        if (1 << UInt64(k)) & ambiguousSkeletonLetters != 0 { f |= ambiguousBit }
        return f
    }
    static let upperBit: UInt16 = 1 << 12, kazakhBit: UInt16 = 1 << 13, ambiguousBit: UInt16 = 1 << 14

    /// Words of a paragraph given as UTF-8: maximal runs of letters and digits; a run is a word to
    /// restore only when it is Cyrillic (Latin `i`, and `!`/`1` between Cyrillic letters, allowed).
    static func scan(_ p: UnsafeBufferPointer<UInt8>) -> Paragraph {
        var para = Paragraph()
        scan(p, into: &para)
        return para
    }

    /// `scan`, reusing the storage of `para` (its previous contents are dropped). The paragraph must
    /// be valid UTF-8.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, into para: inout Paragraph) {
        para.words.removeAll(keepingCapacity: true)
        para.fixedI.removeAll(keepingCapacity: true)
        let n = p.count
        // A paragraph has at most one letter per byte: make room for all, then write them in place.
        if para.codes.count < n {
            let size = max(n, 2 * para.codes.count)
            para.letterByte = Array(repeating: 0, count: size)
            para.letterValue = Array(repeating: 0, count: size)
            para.codes = Array(repeating: 0, count: size)
            para.skeletons = Array(repeating: 0, count: size)
        }
        var letterByte: [Int] = [], letterValue: [UInt32] = [], codes: [UInt8] = [], skeletons: [UInt8] = []
        swap(&letterByte, &para.letterByte)
        swap(&letterValue, &para.letterValue)
        swap(&codes, &para.codes)
        swap(&skeletons, &para.skeletons)
        defer {
            swap(&letterByte, &para.letterByte)
            swap(&letterValue, &para.letterValue)
            swap(&codes, &para.codes)
            swap(&skeletons, &para.skeletons)
        }
        para.letterCount = letterByte.withUnsafeMutableBufferPointer { letterByte in
            letterValue.withUnsafeMutableBufferPointer { letterValue in
                codes.withUnsafeMutableBufferPointer { codes in
                    skeletons.withUnsafeMutableBufferPointer { skeletons in
                        Self.cyrillicInfo.withUnsafeBufferPointer { info in
                            scanWords(p, words: &para.words, fixedI: &para.fixedI, letterByte: letterByte.baseAddress!,
                                      letterValue: letterValue.baseAddress!, codes: codes.baseAddress!, skeletons: skeletons.baseAddress!,
                                      info: info.baseAddress!)
                        }
                    }
                }
            }
        }
    }

    /// The body of `scan`: appends the words, writes their letters from index 0 on, and returns how
    /// many letters it wrote.
    private static func scanWords(_ p: UnsafeBufferPointer<UInt8>, words: inout [Word], fixedI: inout [Int],
                                  letterByte: UnsafeMutablePointer<Int>, letterValue: UnsafeMutablePointer<UInt32>,
                                  codes: UnsafeMutablePointer<UInt8>, skeletons: UnsafeMutablePointer<UInt8>,
                                  info: UnsafePointer<UInt16>) -> Int {
        let n = p.count
        /// `cyrillicInfo` of a scalar (0: not a Cyrillic letter with a code).
        @inline(__always) func letterInfo(_ v: UInt32) -> UInt16 { v &- 0x400 < 0x100 ? info[Int(v &- 0x400)] : 0 }
        let iInfo = info[0x456 - 0x400]
        @inline(__always) func decode(_ i: Int) -> (value: UInt32, width: Int) {
            let b = p[i]
            if b < 0x80 { return (UInt32(b), 1) }
            if b < 0xE0 { return (UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
            if b < 0xF0 { return (UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3) }
            return (UInt32(b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
        }
        /// `!` or `1` after a Cyrillic letter and before a lowercase Cyrillic letter: OCR's і.
        @inline(__always) func isInnerI(_ v: UInt32, previous: UInt32, at i: Int) -> Bool {
            guard v == 0x21 || v == 0x31, letterInfo(previous) != 0, i + 1 < n else { return false }
            let next = letterInfo(decode(i + 1).value)
            return next != 0 && next & Self.upperBit == 0
        }
        @inline(__always) func isWordScalar(_ v: UInt32, previous: UInt32, at i: Int) -> Bool {
            if letterInfo(v) != 0 { return true }
            if v < 0x80 {
                if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) { return true }
                return v == 0x21 && isInnerI(v, previous: previous, at: i)
            }
            // General punctuation (dashes, quotes, spaces) has no letters: no property lookup.
            if v >= 0x2000 && v <= 0x206F { return false }
            return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
        }
        var letterCount = 0
        var i = 0
        var scalar = 0
        var previous: UInt32 = 0
        /// `fixedI.count`, kept here.
        var fixedTotal = fixedI.count
        while i < n {
            var (v, width) = decode(i)
            guard isWordScalar(v, previous: previous, at: i) else {
                previous = v
                i += width
                scalar += 1
                continue
            }
            let start = i, startScalar = scalar, firstLetter = letterCount, firstFixed = fixedTotal
            var count = 0
            var codesHash: UInt64 = 0xcbf2_9ce4_8422_2325, skeletonHash = codesHash
            var ok = true, hasKazakh = false, hasDigitI = false, hasCyrillic = false, allUpper = true, ambiguous = false
            while true {
                if ok && letterInfo(v) != 0 {
                    // A run of Cyrillic letters (two bytes each, U+0400…U+04FF): the common case, in registers.
                    var j = i, lc = letterCount, ch = codesHash, sh = skeletonHash
                    var any: UInt16 = 0, all: UInt16 = 0xFFFF
                    var value = v, f = letterInfo(v)
                    while true {
                        let c = UInt8(truncatingIfNeeded: f & 63), k = UInt8(truncatingIfNeeded: (f >> 6) & 63)
                        letterByte[lc] = j
                        letterValue[lc] = value
                        codes[lc] = c
                        skeletons[lc] = k
                        lc &+= 1
                        ch = (ch ^ UInt64(c)) &* 0x100_0000_01b3
                        sh = (sh ^ UInt64(k)) &* 0x100_0000_01b3
                        any |= f
                        all &= f
                        j &+= 2
                        previous = value
                        guard j &+ 1 < n, p[j] & 0xFC == 0xD0 else { break }
                        value = UInt32(p[j] & 0x1F) << 6 | UInt32(p[j &+ 1] & 0x3F)
                        f = info[Int(value &- 0x400)]
                        if f == 0 { break }
                    }
                    count &+= lc &- letterCount
                    scalar &+= lc &- letterCount
                    letterCount = lc
                    codesHash = ch
                    skeletonHash = sh
                    hasCyrillic = true
                    if any & Self.kazakhBit != 0 { hasKazakh = true }
                    if any & Self.ambiguousBit != 0 { ambiguous = true }
                    if all & Self.upperBit == 0 { allUpper = false }
                    i = j
                    guard i < n else { break }
                    (v, width) = decode(i)
                    guard isWordScalar(v, previous: previous, at: i) else { break }
                }
                var f = letterInfo(v)
                var c = UInt8(truncatingIfNeeded: f & 63)
                if c != 0 {
                    hasCyrillic = true
                    if f & Self.kazakhBit != 0 { hasKazakh = true }
                    if f & Self.upperBit == 0 { allUpper = false }
                } else if v == 0x69 || v == 0x49 {
                    fixedI.append(count)
                    fixedTotal += 1
                    c = 42
                    f = iInfo
                    if v == 0x69 { allUpper = false }
                } else if isInnerI(v, previous: previous, at: i) {
                    fixedI.append(count)
                    fixedTotal += 1
                    c = 42
                    f = iInfo
                    hasDigitI = true
                } else {
                    ok = false
                }
                if ok {
                    letterByte[letterCount] = i
                    letterValue[letterCount] = v
                    codes[letterCount] = c
                    let k = UInt8(truncatingIfNeeded: (f >> 6) & 63)
                    skeletons[letterCount] = k
                    letterCount += 1
                    codesHash = (codesHash ^ UInt64(c)) &* 0x100_0000_01b3
                    skeletonHash = (skeletonHash ^ UInt64(k)) &* 0x100_0000_01b3
                    if f & Self.ambiguousBit != 0 { ambiguous = true }
                    count += 1
                }
                previous = v
                i += width
                scalar += 1
                guard i < n else { break }
                (v, width) = decode(i)
                guard isWordScalar(v, previous: previous, at: i) else { break }
            }
            guard ok && hasCyrillic else {
                letterCount = firstLetter
                fixedI.removeLast(fixedTotal - firstFixed)
                fixedTotal = firstFixed
                continue
            }
            let bangMark = i < n && (p[i] == 0x21 || p[i] == 0x31)
            let after = bangMark && i + 1 < n ? decode(i + 1).value : 0x20
            let bang = bangMark && KazakhLetters.code(after) == 0
                && !(after >= 0x30 && after <= 0x39) && !(Unicode.Scalar(after)?.properties.isAlphabetic ?? false)
            words.append(Word(byteStart: start, byteEnd: i, scalarOffset: startScalar, firstLetter: firstLetter,
                              letterCount: count, skeletonHash: skeletonHash == 0 ? 1 : skeletonHash,
                              codesHash: codesHash == 0 ? 1 : codesHash,
                              firstFixed: firstFixed, fixedCount: fixedTotal - firstFixed,
                              hasKazakhLetter: hasKazakh, hasOCRDigit: hasDigitI, trailingBang: bang,
                              bangBeforePunctuation: bang && (after == 0x2E || after == 0x2C || after == 0x3B || after == 0x3A),
                              isAmbiguous: ambiguous, allUppercase: allUpper))
        }
        return letterCount
    }
    static func scan(_ text: String) -> Paragraph {
        var t = text
        return t.withUTF8 { scan($0) }
    }

    /// Whether a paragraph is Kazakh that lost its letters: at most one word in ten keeps a Kazakh
    /// letter, and its words are more likely Kazakh skeletons than Russian words (word counts of
    /// both corpora, naive Bayes). Used until language ID marks blocks.
    public func needsRestoration(_ text: String) -> Bool {
        let para = Self.scan(text)
        return needsRestoration(para.words, facts: para.words.map { facts($0) })
    }

    /// The odds are multiplied rather than their logarithms added (a logarithm only when the product
    /// leaves a safe range), so that the check costs no `log` per word.
    func needsRestoration(_ words: [Word], facts: [WordFacts], ocr: Bool = false) -> Bool {
        guard Self.mayNeedRestoration(words, ocr: ocr) else { return false }
        var evidence = 0.0, odds = 1.0
        let scale = model.russianTotal / model.kazakhTotal
        for (w, f) in zip(words, facts) {
            let k = Double(f.skeletonTotal)
            let r = Double(w.hasOCRDigit ? 0 : f.russian)
            if k == 0 && r == 0 { continue }
            odds *= (k + 0.5) * scale / (r + 0.5)
            if odds > 1e200 || odds < 1e-200 {
                evidence += log(odds)
                odds = 1
            }
        }
        return evidence + log(odds) > 0
    }

    /// At most one word in ten keeps a Kazakh letter; in text from OCR with a Russian model, one in
    /// three (there, passes before this one, such as typo repair, may already have put back some letters).
    static func mayNeedRestoration(_ words: [Word], ocr: Bool = false) -> Bool {
        var withKazakh = 0
        for w in words where w.hasKazakhLetter { withKazakh += 1 }
        return !words.isEmpty && withKazakh * (ocr ? 3 : 10) <= words.count
    }

    /// What the model says about a word as typed: its skeleton's attested forms and the word's count as
    /// a Russian word.
    struct WordFacts {
        var key: UInt64 = 0
        var skeletonTotal: Int32 = 0
        var russian: Int32 = 0
        /// First attested form of the skeleton and how many there are (0: the skeleton is unknown).
        var first: Int32 = 0
        var forms: Int32 = 0
    }

    func facts(_ w: Word) -> WordFacts {
        var f = WordFacts(key: w.codesHash, russian: model.russianCount(w.codesHash))
        if let (range, total) = model.forms(skeletonHash: w.skeletonHash) {
            f.skeletonTotal = total
            f.first = Int32(range.lowerBound)
            f.forms = Int32(range.count)
        }
        return f
    }

    /// `facts`, memoised in a small direct-mapped table: frequent words then cost no lookups in the
    /// large model tables (which miss the CPU caches).
    mutating func cachedFacts(_ w: Word) -> WordFacts {
        if factCache.isEmpty { factCache = Array(repeating: WordFacts(), count: Self.factCacheSize) }
        let slot = factSlot(w)
        if factCache[slot].key == w.codesHash { return factCache[slot] }
        let f = facts(w)
        factCache[slot] = f
        return f
    }

    @inline(__always)
    func isCached(_ w: Word) -> Bool {
        !factCache.isEmpty && factCache[factSlot(w)].key == w.codesHash
    }

    @inline(__always)
    func factSlot(_ w: Word) -> Int {
        Int(truncatingIfNeeded: (w.codesHash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.factCacheSize.trailingZeroBitCount))
    }

    /// Words are restored in blocks: the forms and word pairs of the next block are requested from
    /// memory before this block's words are scored, so that their cache misses overlap with the work.
    static let prefetchBlock = 32

    /// Starts loading the counts and letters of the forms of ambiguous words `from..<from + prefetchBlock`.
    func prefetchForms(_ words: [Word], _ facts: [WordFacts], _ from: Int) {
        guard from < words.count else { return }
        for j in from..<min(words.count, from + Self.prefetchBlock) where facts[j].forms > 0 && !words[j].hasKazakhLetter {
            let range = Int(facts[j].first)..<Int(facts[j].first + facts[j].forms)
            for i in range { model.prefetchLetters(i) }
        }
    }

    /// Starts loading the word-pair counts that scoring words `from..<from + prefetchBlock` reads.
    func prefetchPairs(_ words: [Word], _ facts: [WordFacts], _ from: Int) {
        guard from < words.count else { return }
        for j in from..<min(words.count, from + Self.prefetchBlock) where facts[j].forms > 1 && !words[j].hasKazakhLetter {
            let left = j > 0 ? words[j - 1].skeletonHash : nil
            let right = j + 1 < words.count ? words[j + 1].skeletonHash : nil
            if let left { model.prefetchPair(.leftTotal, left, words[j].skeletonHash) }
            if let right { model.prefetchPair(.rightTotal, words[j].skeletonHash, right) }
            for i in Int(facts[j].first)..<Int(facts[j].first + facts[j].forms) {
                if let left { model.prefetchPair(.leftSkeleton, left, UInt64(i)) }
                if let right { model.prefetchPair(.rightSkeleton, UInt64(i), right) }
            }
        }
    }

    private var factCache: [WordFacts] = []
    /// Buffers of the last paragraph, kept for their capacity.
    private var scratch = Paragraph()
    private var scratchFacts: [WordFacts] = []
    private var letterMemo = KazakhRestorationModel.LetterMemo()
    private static let factCacheSize = 1 << 15

    /// Whether a paragraph shows the marks of OCR with a Russian model: і read as `!` or `1` inside a word.
    public func looksLikeRussianOCR(_ text: String) -> Bool {
        Self.scan(text).words.contains { $0.hasOCRDigit }
    }

    /// Hashes of the forms a paragraph writes with Kazakh letters: evidence for the same forms where
    /// their letters were lost.
    public func evidence(in text: String) -> Set<UInt64> {
        var set = Set<UInt64>()
        for w in Self.scan(text).words where w.hasKazakhLetter {
            set.insert(w.codesHash)
        }
        return set
    }

    /// The paragraph with Kazakh letters restored (when it needs it, or always with `force`), and every
    /// word changed. `ocr`: the text comes from OCR with a Russian model (also implied by `б!р`-like
    /// words), so е may stand for ө, э for ә, a final `!` for і, and an і may be missing. Without
    /// `recordChanges` only the text is made (`changes` stays empty).
    public mutating func restore(_ text: String, evidence extra: Set<UInt64> = [], force: Bool = false,
                                 ocr ocrHint: Bool = false, recordChanges: Bool = true) -> (text: String, changes: [Change]) {
        var input = text
        var output: [UInt8] = [], changes: [Change] = []
        let changed = input.withUTF8 { bytes in
            restore(bytes, appendingTo: &output, changes: &changes, recordChanges: recordChanges,
                    evidence: extra, force: force, ocr: ocrHint, appendUnchanged: false)
        }
        return changed ? (String(decoding: output, as: UTF8.self), changes) : (text, [])
    }

    /// `restore` on a paragraph given as UTF-8 (it must be valid UTF-8): appends the paragraph, restored
    /// or as it is, to `output`, and (with `recordChanges`) every word changed to `changes`. Returns
    /// whether a word changed. What `normtool restore` calls: no `String` is made per line.
    public mutating func restore(utf8 bytes: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8],
                                 changes: inout [Change], recordChanges: Bool = true, evidence extra: Set<UInt64> = [],
                                 force: Bool = false, ocr ocrHint: Bool = false) -> Bool {
        restore(bytes, appendingTo: &output, changes: &changes, recordChanges: recordChanges, evidence: extra,
                force: force, ocr: ocrHint, appendUnchanged: true)
    }

    /// `appendUnchanged`: whether a paragraph left as it is goes to `output` (false: only a changed one).
    private mutating func restore(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8],
                                  changes: inout [Change], recordChanges: Bool, evidence extra: Set<UInt64>,
                                  force: Bool, ocr ocrHint: Bool, appendUnchanged: Bool) -> Bool {
        // Reuse the buffers of the previous paragraph.
        var para = Paragraph(), facts: [WordFacts] = []
        swap(&para, &scratch)
        swap(&facts, &scratchFacts)
        defer {
            swap(&para, &scratch)
            swap(&facts, &scratchFacts)
        }
        Self.scan(bytes, into: &para)
        let ocr = ocrHint || para.words.contains { $0.hasOCRDigit }
        guard force || Self.mayNeedRestoration(para.words, ocr: ocr) else {
            if appendUnchanged { output.append(contentsOf: bytes) }
            return false
        }
        facts.removeAll(keepingCapacity: true)
        // Start every word's table lookups before waiting for any (they miss the CPU caches).
        for j in para.words.indices where !isCached(para.words[j]) {
            model.prefetchWord(skeletonHash: para.words[j].skeletonHash, codesHash: para.words[j].codesHash)
        }
        for j in para.words.indices { facts.append(cachedFacts(para.words[j])) }
        // The words' form entries next (independent addresses), so that reading their letters does not wait.
        for f in facts where f.forms > 0 { model.prefetchForms(Int(f.first)..<Int(f.first + f.forms)) }
        guard force || needsRestoration(para.words, facts: facts, ocr: ocr) else {
            if appendUnchanged { output.append(contentsOf: bytes) }
            return false
        }
        var evidence = extra
        for w in para.words where w.hasKazakhLetter { evidence.insert(w.codesHash) }

        let changed = para.codes.withUnsafeBufferPointer { codes in
            para.skeletons.withUnsafeBufferPointer { skeletons in
                para.fixedI.withUnsafeBufferPointer { fixedI in
                    para.letterByte.withUnsafeBufferPointer { letterByte in
                        para.letterValue.withUnsafeBufferPointer { letterValue in
                            restoreWords(bytes, para.words, facts,
                                         Letters(codes: codes, skeletons: skeletons, fixedI: fixedI, byte: letterByte, value: letterValue),
                                         evidence: evidence, ocr: ocr, output: &output, changes: &changes, recordChanges: recordChanges)
                        }
                    }
                }
            }
        }
        if !changed && appendUnchanged { output.append(contentsOf: bytes) }
        return changed
    }

    /// A paragraph's letters (`Paragraph`'s storage), read in place while its words are restored.
    struct Letters {
        var codes: UnsafeBufferPointer<UInt8>
        var skeletons: UnsafeBufferPointer<UInt8>
        var fixedI: UnsafeBufferPointer<Int>
        var byte: UnsafeBufferPointer<Int>
        var value: UnsafeBufferPointer<UInt32>
    }

    /// The words of a paragraph that needs restoring, restored: the paragraph goes to `output` whole at
    /// its first change, and each changed word is then written over its own bytes there (at `outBase +
    /// shift + its offset`; `shift` grows when a new spelling is longer, as when OCR's `!` becomes і).
    /// Returns whether a word changed (nothing is appended otherwise).
    private mutating func restoreWords(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [Word], _ facts: [WordFacts], _ para: Letters,
                                       evidence: Set<UInt64>, ocr: Bool, output: inout [UInt8], changes: inout [Change],
                                       recordChanges: Bool) -> Bool {
        var outBase = -1, shift = 0
        var changed = false
        var chosen: [UInt8] = []
        var spelling: [UInt8] = []
        for j in words.indices {
            if j % Self.prefetchBlock == 0 {
                if j == 0 {
                    prefetchForms(words, facts, 0)
                    prefetchPairs(words, facts, 0)
                }
                prefetchForms(words, facts, j + Self.prefetchBlock)
                prefetchPairs(words, facts, j + Self.prefetchBlock)
            }
            let word = words[j]
            guard !word.hasKazakhLetter && (word.isAmbiguous || word.hasOCRDigit || ocr) else { continue }
            var end = word.byteEnd
            let note: Reason
            // The letters chosen: those of lexicon form `form`, or (when it is -1) `chosen`.
            var form = -1
            // The whole word is spelled anew from `chosen` (OCR: letters added).
            var spelled = false
            let codes = UnsafeBufferPointer(rebasing: para.codes[word.letters])
            if !ocr && facts[j].forms == 1 && !word.hasOCRDigit && word.fixedCount == 0 {
                // The only attested spelling (what `choose` finds, without looking at the word's letters twice).
                let i = Int(facts[j].first)
                if model.form(i, equals: codes) { continue }
                form = i
                note = .lexicon(model.count(i))
            } else {
                let w = WordLetters(word: word, codes: codes, skeleton: UnsafeBufferPointer(rebasing: para.skeletons[word.letters]),
                                    fixedI: UnsafeBufferPointer(rebasing: para.fixedI[word.firstFixed..<word.firstFixed + word.fixedCount]))
                let left = j > 0 ? words[j - 1].skeletonHash : nil
                let right = j + 1 < words.count ? words[j + 1].skeletonHash : nil
                if ocr, let (newCodes, bang, why) = chooseOCR(w, left: left, right: right, evidence: evidence) {
                    chosen = newCodes
                    note = why
                    if bang || newCodes.count != codes.count {
                        spelled = true
                        if bang { end += 1 }
                    }
                } else if let (why, i) = choose(w, facts: facts[j], left: left, right: right, evidence: evidence, ocr: ocr, into: &chosen) {
                    note = why
                    form = i
                } else {
                    continue
                }
            }
            let letters = form >= 0 ? model.letterRange(form) : 0..<chosen.count
            let at: Int, newLength: Int
            if spelled || word.hasOCRDigit {
                // The new spelling may be longer: build it, then put it in place of the word's bytes.
                spelling.removeAll(keepingCapacity: true)
                if spelled {
                    // Letters added: spell the whole word, keeping its capitalisation.
                    let capital = KazakhLetters.isUppercase(para.value[word.firstLetter])
                    for (k, c) in chosen.enumerated() {
                        let v = KazakhLetters.scalar(c, uppercase: word.allUppercase || (k == 0 && capital))
                        spelling.append(UInt8(0xC0 | v >> 6))
                        spelling.append(UInt8(0x80 | v & 0x3F))
                    }
                } else {
                    var from = word.byteStart
                    for k in 0..<letters.count {
                        let c = form >= 0 ? model.letter(letters.lowerBound + k) : chosen[k]
                        let original = para.value[word.firstLetter + k]
                        let isDigitI = original == 0x21 || original == 0x31
                        guard c != codes[k] || isDigitI else { continue }
                        let at = para.byte[word.firstLetter + k]
                        spelling.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<at]))
                        let upper = KazakhLetters.isUppercase(original) || (word.allUppercase && isDigitI)
                        let v = KazakhLetters.scalar(c, uppercase: upper)
                        spelling.append(UInt8(0xC0 | v >> 6))
                        spelling.append(UInt8(0x80 | v & 0x3F))
                        from = at + (original < 0x80 ? 1 : 2)
                    }
                    // No letter differs: the word stays.
                    if from == word.byteStart { continue }
                    spelling.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<end]))
                }
                if outBase < 0 {
                    outBase = output.count
                    output.append(contentsOf: bytes)
                }
                at = outBase + shift + word.byteStart
                output.replaceSubrange(at..<at + (end - word.byteStart), with: spelling)
                shift += spelling.count - (end - word.byteStart)
                newLength = spelling.count
            } else {
                // Every letter keeps its length (two bytes): write the changed ones over the old.
                var first = -1
                for k in 0..<letters.count where (form >= 0 ? model.letter(letters.lowerBound + k) : chosen[k]) != codes[k] {
                    first = k
                    break
                }
                if first < 0 { continue }
                if outBase < 0 {
                    outBase = output.count
                    output.append(contentsOf: bytes)
                }
                at = outBase + shift + word.byteStart
                newLength = word.byteEnd - word.byteStart
                for k in first..<letters.count {
                    let c = form >= 0 ? model.letter(letters.lowerBound + k) : chosen[k]
                    guard c != codes[k] else { continue }
                    let v = KazakhLetters.scalar(c, uppercase: KazakhLetters.isUppercase(para.value[word.firstLetter + k]))
                    let b = outBase + shift + para.byte[word.firstLetter + k]
                    output[b] = UInt8(0xC0 | v >> 6)
                    output[b + 1] = UInt8(0x80 | v & 0x3F)
                }
            }
            changed = true
            guard recordChanges else { continue }
            changes.append(Change(scalarOffset: word.scalarOffset, byteOffset: word.byteStart,
                                  before: String(decoding: UnsafeBufferPointer(rebasing: bytes[word.byteStart..<end]), as: UTF8.self),
                                  after: String(decoding: output[at..<at + newLength], as: UTF8.self), reason: note))
        }
        return changed
    }

    /// The spelling of one word, and why: lexicon form `form`, or (`form` -1) the letters written to
    /// `chosen`; nil when the word stays as typed.
    mutating func choose(_ w: WordLetters, facts: WordFacts, left: UInt64?, right: UInt64?, evidence: Set<UInt64>,
                         ocr: Bool = false, into chosen: inout [UInt8]) -> (reason: Reason, form: Int)? {
        if facts.forms > 0 {
            let range = Int(facts.first)..<Int(facts.first + facts.forms), count = facts.skeletonTotal
            if range.count == 1 {
                // The only attested spelling: context cannot change the choice.
                let i = range.lowerBound
                if model.form(i, equals: w.codes) { return w.hasOCRDigit ? (.lexicon(model.count(i)), i) : nil }
                if model.form(i, hasIAt: w.fixedI) { return (.lexicon(model.count(i)), i) }
            } else if let best = bestForm(w, range: range, total: Double(count), left: left, right: right, evidence: evidence) {
                if best == -1 { return nil }
                return (.lexicon(model.count(best)), best)
            }
        }
        let key = w.codesHash ^ (w.hasOCRDigit ? 0x5555_5555 : 0) ^ (ocr ? 0xAAAA_0000 : 0)
        let codes: [UInt8]
        if let cached = unseen[key] {
            codes = cached
        } else {
            var skeleton = Array(w.skeleton)
            for k in w.fixedI { skeleton[k] = 42 }
            let (best, score) = model.bestSpelling(skeleton: skeleton, fixed: unseenStem(w, russian: facts.russian, ocr: ocr), ocr: ocr,
                                                   memo: &letterMemo)
            let keep = !w.hasOCRDigit && score < model.logProbability(word: w.codes, memo: &letterMemo) + unseenWordMargin
            codes = keep ? Array(w.codes) : best
            if unseen.count >= Self.cacheLimit { unseen.removeAll(keepingCapacity: true) }
            unseen[key] = codes
        }
        if codes.elementsEqual(w.codes) && !w.hasOCRDigit { return nil }
        chosen = codes
        return (.letterModel, -1)
    }

    /// Among several attested forms of a skeleton, the index of the likeliest given its count, its
    /// neighbours and the paragraph's evidence; -1 when the word stays as typed; nil when no form keeps
    /// the word's fixed і. Scores are products of probabilities (no logarithms in the hot path).
    private func bestForm(_ w: WordLetters, range: Range<Int>, total: Double, left: UInt64?, right: UInt64?,
                          evidence: Set<UInt64>) -> Int? {
        // A neighbour that never occurs next to this skeleton says nothing: skip its per-form lookups.
        let leftTotal = left.map { Double(model.pair(.leftTotal, $0, w.skeletonHash)) } ?? 0
        let rightTotal = right.map { Double(model.pair(.rightTotal, w.skeletonHash, $0)) } ?? 0
        let bonus = evidence.isEmpty ? 1 : exp(evidenceBonus)
        var best: (score: Double, index: Int)? = nil
        var typed: Double? = nil
        for i in range where model.form(i, hasIAt: w.fixedI) {
            let p = Double(model.count(i)) / total
            var score = p
            if leftTotal > 0, let left {
                let pair = Double(model.pair(.leftSkeleton, left, UInt64(i)))
                score *= (pair + pairSmoothing * p) / ((leftTotal + pairSmoothing) * p)
            }
            if rightTotal > 0, let right {
                let pair = Double(model.pair(.rightSkeleton, UInt64(i), right))
                score *= (pair + pairSmoothing * p) / ((rightTotal + pairSmoothing) * p)
            }
            if !evidence.isEmpty && evidence.contains(model.formHash(i)) { score *= bonus }
            if model.form(i, equals: w.codes) { typed = score }
            if best == nil || score > best!.score { best = (score, i) }
        }
        guard let best else { return nil }
        if !w.hasOCRDigit {
            if let typed, best.score <= typed * exp(lexiconMargin) { return -1 }
        }
        return best.index
    }

    /// The letters of an unseen word that are taken as typed: all of a Russian word (`поляк`); in a
    /// loanword (a letter native Kazakh words never have), everything but the Kazakh suffixes, i.e. up to
    /// its last foreign letter and at least up to the last `loanwordSuffixLetters` (`Фадлан`,
    /// `коалиция|нын` → `коалицияның`). In the corpus, 90 % of the Kazakh letters of loanwords are
    /// after their last foreign letter, 86 % in their last four letters.
    func unseenStem(_ w: WordLetters, russian: Int32, ocr: Bool) -> [UInt8] {
        if w.hasOCRDigit { return [] }
        if russian > 0 { return Array(w.codes) }
        guard let last = w.codes.lastIndex(where: { Self.isForeign($0, ocr: ocr) }) else { return [] }
        return Array(w.codes[..<max(last + 1, w.codes.count - Self.loanwordSuffixLetters)])
    }

    static let loanwordSuffixLetters = 4

    /// Letters of Russian loanwords that native Kazakh words never have (ф ц ч щ ъ ь ё, and э outside OCR
    /// text, where it may stand for ә).
    @inline(__always)
    static func isForeign(_ c: UInt8, ocr: Bool) -> Bool {
        switch c {
        case 21, 23, 24, 26, 27, 29, 33: return true
        case 30: return !ocr
        default: return false
        }
    }

    /// OCR with a Russian model: the attested forms the word may stand for when е may be ө, э may be ә,
    /// a final `!` may be і and (for a word the lexicon lacks) one і may have been dropped. The best by
    /// corpus count and neighbours, whether it took the `!`, and why; nil when nothing is attested.
    mutating func chooseOCR(_ w: WordLetters, left: UInt64?, right: UInt64?, evidence: Set<UInt64>) -> (codes: [UInt8], bang: Bool, note: Reason)? {
        struct Candidate { var form: [UInt8]; var index: Int; var count: Int32; var skeletonHash: UInt64; var bang: Bool }
        var candidates: [Candidate] = []
        // Skeleton letters with the letter each position must have (0: any with that skeleton).
        func collect(_ skeleton: [UInt8], _ required: [UInt8], bang: Bool) {
            let hash = KazakhRestorationModel.hash(skeleton)
            guard let (range, _) = model.forms(skeletonHash: hash) else { return }
            for i in range {
                let form = model.form(i)
                var ok = true
                for k in 0..<form.count where required[k] != 0 && form[k] != required[k] { ok = false; break }
                if ok { candidates.append(Candidate(form: form, index: i, count: model.count(i), skeletonHash: hash, bang: bang)) }
            }
        }
        let vowels = Array(w.codes.indices.filter { w.codes[$0] == 6 || w.codes[$0] == 30 }.prefix(4))
        var base = [UInt8](repeating: 0, count: w.codes.count)
        for k in w.fixedI { base[k] = 42 }
        func variants(_ body: ([UInt8], [UInt8]) -> Void) {
            for mask in 0..<(1 << vowels.count) {
                var skeleton = Array(w.skeleton), required = base
                for (b, k) in vowels.enumerated() {
                    if mask & (1 << b) != 0 {
                        skeleton[k] = w.codes[k] == 6 ? 15 : 1
                        required[k] = w.codes[k] == 6 ? 38 : 34
                    } else {
                        required[k] = w.codes[k]
                    }
                }
                body(skeleton, required)
            }
        }
        variants { skeleton, required in
            collect(skeleton, required, bang: false)
            if w.trailingBang { collect(skeleton + [9], required + [42], bang: true) }
        }
        if candidates.isEmpty && w.codes.count >= 3 {
            variants { skeleton, required in
                for p in 1..<skeleton.count where skeleton[p - 1] != 9 && skeleton[p] != 9 {
                    var s = skeleton, r = required
                    s.insert(9, at: p)
                    r.insert(42, at: p)
                    collect(s, r, bang: false)
                }
            }
        }
        guard !candidates.isEmpty else { return nil }
        let total = Double(candidates.reduce(0) { $0 + Int($1.count) })
        var best: (score: Double, candidate: Candidate)? = nil
        for c in candidates {
            let p = Double(c.count) / total
            var score = log(p)
            if let left {
                let pair = Double(model.pair(.leftSkeleton, left, UInt64(c.index))), all = Double(model.pair(.leftTotal, left, c.skeletonHash))
                score += log((pair + pairSmoothing * p) / (all + pairSmoothing)) - log(p)
            }
            if let right {
                let pair = Double(model.pair(.rightSkeleton, UInt64(c.index), right)), all = Double(model.pair(.rightTotal, c.skeletonHash, right))
                score += log((pair + pairSmoothing * p) / (all + pairSmoothing)) - log(p)
            }
            if !evidence.isEmpty && evidence.contains(KazakhRestorationModel.hash(c.form)) { score += evidenceBonus }
            if c.bang && w.bangBeforePunctuation { score += evidenceBonus }
            if best == nil || score > best!.score { best = (score, c) }
        }
        guard let c = best?.candidate else { return nil }
        if c.form.elementsEqual(w.codes) && !c.bang && !w.hasOCRDigit { return nil }
        return (c.form, c.bang, .ocrReading(c.count))
    }
}
