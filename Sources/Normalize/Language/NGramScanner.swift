/// Sums the model's n-gram costs over UTF-8 text, one total per word, without `Character` iteration
/// and without allocation per n-gram.
///
/// Feature definition (kept identical to `feature_buckets` in scripts/train-langid.py): text is
/// lower-cased, every non-letter is a word boundary, each word is padded with one boundary on both sides,
/// and every substring of the padded word of length 1…maxOrder except the lone boundary is one n-gram,
/// and so is the whole padded word if it is longer than that but at most maxWordOrder; each is hashed
/// with 32-bit FNV-1a over its code points, and the bucket is the top `log2Buckets` bits of that hash times
/// 0x9E3779B1 (Fibonacci hashing: one multiply and one shift, where a finaliser took five operations).
///
/// Two phases per block of text: first every bucket index is computed into a buffer, then the cost rows
/// are summed in a tight loop. The table does not fit in L2, and without branches between the loads the
/// processor keeps many cache misses in flight (measured about 3× faster than summing while hashing).
struct NGramScanner {
    static let fnvBasis: UInt32 = 2_166_136_261
    static let fnvPrime: UInt32 = 16_777_619
    /// Buffer sizes of the first phase; a word longer than `wordCodeCapacity` code points is split into
    /// pieces for the per-word totals (its n-grams stay exact).
    static let bucketCapacity = 8192
    static let wordCapacity = 1024
    static let wordCodeCapacity = 64
    /// Buckets one piece of a word can add (4 n-grams per code, the whole word, and 3 stored ahead).
    static let pieceBuckets = 4 * wordCodeCapacity + 8

    static let fibonacci: UInt32 = 0x9E37_79B1
    /// The longest n-grams the rolling hashes produce (models with a higher order are rejected).
    static let maxOrder = 4

    /// The bucket of an n-gram's FNV-1a hash `h`: the top 32 − `shift` bits of `h` × 0x9E3779B1.
    @inline(__always)
    static func bucket(_ h: UInt32, shift: UInt32) -> UInt32 {
        (h &* fibonacci) &>> shift
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

    /// A word as the first phase records it: where its buckets end in the bucket buffer.
    struct WordSpan {
        var bucketEnd: Int32
        var letters: Int32
        var scalarStart: Int32
        var scalarEnd: Int32
        var cyrillic: Bool
        var capitalized: Bool
    }

    let model: LanguageModel

    /// Every n-gram bucket of `text`, in order (for tests that pin the feature definition).
    func buckets(of text: String) -> [UInt32] {
        var out: [UInt32] = []
        var copy = text
        copy.withUTF8 { p in
            collect(p) { buckets, _ in out.append(contentsOf: buckets) }
        }
        return out
    }

    /// Calls `onWord` for every word, in order, with its summed costs.
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, onWord: (Word) -> Void) {
        let table = model.costs.base + model.costsOffset
        collect(text) { buckets, words in
            var start = 0
            for w in words {
                let end = Int(w.bucketEnd)
                // 16-bit lanes suffice within a word: at most 4 × 64 + 1 n-grams of at most 255 each.
                var acc = SIMD16<UInt16>()
                var k = start
                while k < end {
                    let row = table.loadUnaligned(fromByteOffset: Int(buckets[k]) &<< 4, as: SIMD16<UInt8>.self)
                    acc &+= SIMD16<UInt16>(truncatingIfNeeded: row)
                    k &+= 1
                }
                onWord(Word(scalarStart: Int(w.scalarStart), scalarEnd: Int(w.scalarEnd),
                            costs: SIMD16<UInt32>(truncatingIfNeeded: acc), ngrams: end - start,
                            letters: Int(w.letters), cyrillic: w.cyrillic, capitalized: w.capitalized))
                start = end
            }
        }
    }

    /// First phase: the bucket of every n-gram and the extent of every word, handed to `flush` in blocks.
    ///
    /// Rolling hashes: for each code of a padded word, the FNV-1a hashes of the n-grams ending at it
    /// (orders 1…4) come from those ending at the previous code with one xor and one multiply each; all
    /// four buckets are stored and the count advances by the number that exist (`min(position + 1,
    /// maxOrder)`, less the lone boundary), so there is no branch per n-gram.
    @inline(__always)
    func collect(_ text: UnsafeBufferPointer<UInt8>,
                 flush: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<WordSpan>) -> Void) {
        let shift = UInt32(32 - model.log2Buckets)
        let maxOrder = model.maxOrder
        let maxWordOrder = model.maxWordOrder
        let space = LetterCode.space
        let prime = Self.fnvPrime, basis = Self.fnvBasis
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.bucketCapacity) { buckets in
        withUnsafeTemporaryAllocation(of: WordSpan.self, capacity: Self.wordCapacity) { words in
        LetterCode.table.withUnsafeBufferPointer { letterTable in
            var bucketCount = 0
            var wordCount = 0
            // The padded word in progress: `wordLength` codes so far (0: between words); `h1`…`h3` hash the
            // last one to three codes, `wordHash` all of them; `pieceCodes` counts the codes of the current
            // piece of a very long word.
            var wordLength = 0
            var h1: UInt32 = 0, h2: UInt32 = 0, h3: UInt32 = 0
            var wordHash = basis
            var pieceCodes = 0
            var letters = 0
            var cyrillic = false
            var capitalized = false
            var previousWasLetter = false
            var wordScalarStart = 0
            var scalarIndex = 0

            @inline(__always) func flushBuffers() {
                flush(UnsafeBufferPointer(rebasing: buckets[0..<bucketCount]), UnsafeBufferPointer(rebasing: words[0..<wordCount]))
                bucketCount = 0
                wordCount = 0
            }
            @inline(__always) func closeWordSpan(scalarEnd: Int) {
                words[wordCount] = WordSpan(bucketEnd: Int32(bucketCount), letters: Int32(letters),
                                            scalarStart: Int32(truncatingIfNeeded: wordScalarStart),
                                            scalarEnd: Int32(truncatingIfNeeded: scalarEnd),
                                            cyrillic: cyrillic, capitalized: capitalized)
                wordCount &+= 1
                letters = 0
                cyrillic = false
                if wordCount == Self.wordCapacity || bucketCount > Self.bucketCapacity - Self.pieceBuckets {
                    flushBuffers()
                }
            }
            /// Appends code `c` to the padded word: the n-grams ending at it, except the lone boundary.
            @inline(__always) func push(_ c: UInt32) {
                let n4 = (h3 ^ c) &* prime, n3 = (h2 ^ c) &* prime, n2 = (h1 ^ c) &* prime
                let n1 = (basis ^ c) &* prime
                let orders = min(wordLength &+ 1, maxOrder)
                if c == space {
                    buckets[bucketCount] = Self.bucket(n2, shift: shift)
                    buckets[bucketCount &+ 1] = Self.bucket(n3, shift: shift)
                    buckets[bucketCount &+ 2] = Self.bucket(n4, shift: shift)
                    bucketCount &+= orders &- 1
                } else {
                    buckets[bucketCount] = Self.bucket(n1, shift: shift)
                    buckets[bucketCount &+ 1] = Self.bucket(n2, shift: shift)
                    buckets[bucketCount &+ 2] = Self.bucket(n3, shift: shift)
                    buckets[bucketCount &+ 3] = Self.bucket(n4, shift: shift)
                    bucketCount &+= orders
                }
                h1 = n1
                h2 = n2
                h3 = n3
                wordHash = (wordHash ^ c) &* prime
                wordLength &+= 1
                pieceCodes &+= 1
                if pieceCodes == Self.wordCodeCapacity {
                    // A very long "word": its per-word totals go out in pieces (its n-grams stay exact).
                    closeWordSpan(scalarEnd: scalarIndex)
                    wordScalarStart = scalarIndex
                    pieceCodes = 0
                }
            }
            @inline(__always) func letter(_ c: UInt32, raw: UInt32) {
                if wordLength == 0 {
                    wordHash = basis
                    wordScalarStart = scalarIndex
                    capitalized = raw != c
                    push(space)
                }
                push(c)
                letters &+= 1
                if c >= 0x400 { cyrillic = true }
            }
            @inline(__always) func endWord() {
                guard wordLength > 0 else { return }
                push(space)
                if wordLength > maxOrder && wordLength <= maxWordOrder {
                    buckets[bucketCount] = Self.bucket(wordHash, shift: shift)
                    bucketCount &+= 1
                }
                wordLength = 0
                pieceCodes = 0
                closeWordSpan(scalarEnd: scalarIndex)
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
                    : (cp == 0x2019 ? LetterCode.apostropheCandidate : UInt16(space))
                if code == LetterCode.apostropheCandidate {
                    if previousWasLetter { push(LetterCode.apostrophe) } else { endWord() }
                    previousWasLetter = false
                } else if code != UInt16(space) {
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
            if wordCount > 0 || bucketCount > 0 { flushBuffers() }
        }
        }
        }
    }
}
