/// Sums the model's n-gram costs over UTF-8 text, one total per word, in a single pass over
/// the bytes (no `Character` iteration, no allocation per n-gram).
///
/// Feature definition (kept identical to `feature_buckets` in scripts/train-langid.py): text is
/// lower-cased, every non-letter is a word boundary, each word is padded with one boundary on both sides,
/// and every substring of the padded word of length 1…maxOrder except the lone boundary is one n-gram,
/// and so is the whole padded word if it is longer than that but at most maxWordOrder; each is hashed
/// with 32-bit FNV-1a over its code points followed by a murmur-style finaliser.
struct NGramScanner {
    static let fnvBasis: UInt32 = 2_166_136_261
    static let fnvPrime: UInt32 = 16_777_619

    @inline(__always)
    static func finalize(_ x: UInt32) -> UInt32 {
        var h = x ^ (x >> 16)
        h = h &* 0x7FEB_352D
        return h ^ (h >> 15)
    }

    /// Costs summed over one word of the input.
    struct Word {
        /// The word's range in Unicode scalars (what a JSONL consumer slices strings with).
        var scalarStart: Int
        var scalarEnd: Int
        var costs: SIMD16<UInt32>
        var ngrams: Int
        var letters: Int
        /// Whether any letter is Cyrillic.
        var cyrillic: Bool
        /// Whether the first letter is upper-case (a name, or the first word of a sentence).
        var capitalized: Bool
    }

    let model: LanguageModel

    /// Every n-gram bucket of `text`, in order (for tests that pin the feature definition).
    func buckets(of text: String) -> [UInt32] {
        var out: [UInt32] = []
        var copy = text
        copy.withUTF8 { p in
            scan(p) { _ in } onBucket: { out.append($0) }
        }
        return out
    }

    /// Calls `onWord` for every word, in order.
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, onWord: (Word) -> Void) {
        scan(text, onWord: onWord) { _ in }
    }

    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, onWord: (Word) -> Void, onBucket: (UInt32) -> Void) {
        let mask = UInt32((1 << model.log2Buckets) - 1)
        let maxOrder = model.maxOrder
        let maxWordOrder = model.maxWordOrder
        let table = UnsafeRawBufferPointer(start: model.costs.base + model.costsOffset, count: model.costs.count - model.costsOffset)
        LetterCode.table.withUnsafeBufferPointer { letterTable in
            var acc = SIMD16<UInt32>()
            var ngrams = 0
            var letters = 0
            // The padded word so far: the last `maxOrder` codes and how many codes it has.
            var window = SIMD8<UInt32>(repeating: LetterCode.space)
            var wordLength = 0
            var wordHash = Self.fnvBasis
            var previousWasLetter = false
            var wordScalarStart = 0
            var cyrillic = false
            var capitalized = false
            var scalarIndex = 0

            @inline(__always) func add(_ bucket: UInt32) {
                onBucket(bucket)
                let v = table.loadUnaligned(fromByteOffset: Int(bucket) &* LanguageModel.slots, as: SIMD16<UInt8>.self)
                acc &+= SIMD16<UInt32>(truncatingIfNeeded: v)
                ngrams &+= 1
            }
            @inline(__always) func emit(from start: Int, count: Int) {
                var h = Self.fnvBasis
                for n in 0..<count {
                    let c = window[start + n]
                    h = (h ^ c) &* Self.fnvPrime
                    if n == 0 && c == LetterCode.space { continue }
                    add(Self.finalize(h) & mask)
                }
            }
            // Appends a code to the padded word; once `maxOrder` codes are in the window, the n-grams
            // starting at the oldest one are complete.
            @inline(__always) func push(_ c: UInt32) {
                wordHash = (wordHash ^ c) &* Self.fnvPrime
                if wordLength >= maxOrder {
                    for k in 0..<(maxOrder - 1) { window[k] = window[k + 1] }
                    window[maxOrder - 1] = c
                } else {
                    window[wordLength] = c
                }
                wordLength &+= 1
                if wordLength >= maxOrder { emit(from: 0, count: maxOrder) }
            }
            @inline(__always) func letter(_ c: UInt32, raw: UInt32) {
                if wordLength == 0 {
                    wordHash = Self.fnvBasis
                    wordScalarStart = scalarIndex
                    capitalized = raw != c
                    push(LetterCode.space)
                }
                push(c)
                letters &+= 1
                if c >= 0x400 { cyrillic = true }
            }
            @inline(__always) func endWord() {
                guard wordLength > 0 else { return }
                push(LetterCode.space)
                let filled = min(wordLength, maxOrder)
                // Starts not yet emitted: the last maxOrder - 1 positions (the final lone space emits nothing).
                for s in max(0, filled - (maxOrder - 1))..<filled {
                    emit(from: s, count: filled - s)
                }
                if wordLength > maxOrder && wordLength <= maxWordOrder { add(Self.finalize(wordHash) & mask) }
                wordLength = 0
                onWord(Word(scalarStart: wordScalarStart, scalarEnd: scalarIndex, costs: acc, ngrams: ngrams, letters: letters,
                            cyrillic: cyrillic, capitalized: capitalized))
                cyrillic = false
                acc = SIMD16<UInt32>()
                ngrams = 0
                letters = 0
            }

            let n = text.count
            var i = 0
            while i < n {
                let b0 = text[i]
                var cp: UInt32
                var len = 1
                if b0 < 0x80 {
                    cp = UInt32(b0)
                } else if b0 >= 0xC0 && b0 < 0xE0 && i + 1 < n {
                    cp = UInt32(b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F)
                    len = 2
                } else if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n {
                    cp = UInt32(b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F)
                    len = 3
                } else if b0 >= 0xF0 && i + 3 < n {
                    cp = 0x10000
                    len = 4
                } else {
                    cp = 0xFFFD
                }
                let code: UInt16 = cp < LetterCode.tableSize ? letterTable[Int(cp)]
                    : (cp == 0x2019 ? LetterCode.apostropheCandidate : UInt16(LetterCode.space))
                if code == LetterCode.apostropheCandidate {
                    if previousWasLetter { push(LetterCode.apostrophe) } else { endWord() }
                    previousWasLetter = false
                } else if code != UInt16(LetterCode.space) {
                    letter(UInt32(code), raw: cp)
                    previousWasLetter = true
                } else {
                    endWord()
                    previousWasLetter = false
                }
                scalarIndex &+= 1
                i &+= len
            }
            endWord()
        }
    }
}
