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
    /// Buffer sizes of the first phase, each at most 1,024 bytes so that `withUnsafeTemporaryAllocation`
    /// keeps it on the stack (larger ones are heap allocations on Linux: three per paragraph before). A word
    /// longer than `wordCodeCapacity` code points is split into pieces for the per-word totals (its n-grams
    /// stay exact). A block of up to `bucketCapacity` buckets (about five words) still keeps enough cache
    /// misses in flight.
    static let bucketCapacity = 256
    static let wordCapacity = 48
    static let wordCodeCapacity = 32
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
            _ = collect(p) { buckets, _ in out.append(contentsOf: buckets) }
        }
        return out
    }

    /// What the scan saw besides words: characters other than spaces, ASCII digits and ASCII punctuation
    /// (letters, other symbols, undecodable bytes), and among them control characters (C0 other than tab
    /// and line/page breaks, DEL).
    struct Characters {
        var counted = 0
        var controls = 0
    }

    /// Per ASCII code for `Characters`: bit 0 counts a character, bit 1 a control character.
    static let asciiClasses: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x09...0x0D, 0x20...0x40, 0x5B...0x60, 0x7B...0x7E: return 0
        case 0x00...0x1F, 0x7F: return 3
        default: return 1
        }
    }

    /// Calls `onWord` for every word, in order, with its summed costs.
    @inline(__always)
    @discardableResult
    func scan(_ text: UnsafeBufferPointer<UInt8>, onWord: (Word) -> Void) -> Characters {
        let table = model.costs.base + model.costsOffset
        return collect(text) { buckets, words in
            var start = 0
            for w in words {
                let end = Int(w.bucketEnd)
                // 16-bit lanes suffice within a word piece: at most 4 × 32 + 1 n-grams of at most 255 each.
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

    /// The rolling state of the padded word in progress: the FNV-1a hashes of its last one, two and three
    /// codes and of all of it, and how many codes it has so far (0: between words).
    struct Rolling {
        var h1: UInt32 = 0
        var h2: UInt32 = 0
        var h3: UInt32 = 0
        var word: UInt32 = NGramScanner.fnvBasis
        var length = 0
    }

    /// Appends the buckets of the n-grams ending at each of `codes` (orders 1…`maxOrder` within the
    /// padded word, except the lone boundary) at `out`, and returns how many. For each code the hashes of
    /// the n-grams ending at it come from those ending at the previous code with one xor and one multiply
    /// each; all four buckets are stored and the count advances by the number that exist, so there is no
    /// branch per n-gram. `out` needs room for 4 × `codes.count` buckets. Not inlined: on its own it keeps
    /// the rolling hashes in registers (inlined into the scan loop they were spilled; 5 % fewer instructions).
    @inline(never)
    static func hash(_ codes: UnsafeBufferPointer<UInt32>, _ state: inout Rolling, into out: UnsafeMutablePointer<UInt32>,
                     shift: UInt32, maxOrder: Int) -> Int {
        var h1 = state.h1, h2 = state.h2, h3 = state.h3, word = state.word, length = state.length
        var count = 0
        for c in codes {
            let n4 = (h3 ^ c) &* fnvPrime, n3 = (h2 ^ c) &* fnvPrime, n2 = (h1 ^ c) &* fnvPrime
            let n1 = (fnvBasis ^ c) &* fnvPrime
            // The lone boundary is no n-gram: a boundary code stores its orders from 2 up.
            let boundary = c == LetterCode.space ? 1 : 0
            let orders = min(length &+ 1, maxOrder) &- boundary
            let first = boundary == 1 ? n2 : n1, second = boundary == 1 ? n3 : n2, third = boundary == 1 ? n4 : n3
            out[count] = bucket(first, shift: shift)
            out[count &+ 1] = bucket(second, shift: shift)
            out[count &+ 2] = bucket(third, shift: shift)
            out[count &+ 3] = bucket(n4, shift: shift)
            count &+= orders
            h1 = n1
            h2 = n2
            h3 = n3
            word = (word ^ c) &* fnvPrime
            length &+= 1
        }
        state = Rolling(h1: h1, h2: h2, h3: h3, word: word, length: length)
        return count
    }

    /// First phase: the bucket of every n-gram and the extent of every word, handed to `flush` in blocks.
    /// Letters are gathered into a piece of at most `wordCodeCapacity` codes in one pass over the bytes;
    /// a piece is hashed when its word ends or it is full (a very long "word" is reported in pieces, its
    /// n-grams stay exact).
    @inline(__always)
    @discardableResult
    func collect(_ text: UnsafeBufferPointer<UInt8>,
                 flush: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<WordSpan>) -> Void) -> Characters {
        let shift = UInt32(32 - model.log2Buckets)
        let maxOrder = model.maxOrder
        let maxWordOrder = model.maxWordOrder
        let space = LetterCode.space
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.bucketCapacity) { buckets in
        withUnsafeTemporaryAllocation(of: WordSpan.self, capacity: Self.wordCapacity) { words in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.wordCodeCapacity) { codes in
        LetterCode.table.withUnsafeBufferPointer { letterTable in
        Self.asciiClasses.withUnsafeBufferPointer { asciiClasses in
            var characters = Characters()
            let bucketBase = buckets.baseAddress!
            let codeBase = codes.baseAddress!
            var bucketCount = 0
            var wordCount = 0
            var rolling = Rolling()
            var pieceCodes = 0
            var letters = 0
            var cyrillic = false
            var capitalized = false
            var wordScalarStart = 0
            var scalarIndex = 0

            /// Hashes the buffered piece and records it as a word span ending at `scalarEnd`.
            @inline(__always) func closePiece(scalarEnd: Int, wordEnds: Bool) {
                if wordEnds {
                    codeBase[pieceCodes] = space
                    pieceCodes &+= 1
                }
                bucketCount &+= Self.hash(UnsafeBufferPointer(start: codeBase, count: pieceCodes), &rolling,
                                          into: bucketBase + bucketCount, shift: shift, maxOrder: maxOrder)
                pieceCodes = 0
                if wordEnds {
                    if rolling.length > maxOrder && rolling.length <= maxWordOrder {
                        bucketBase[bucketCount] = Self.bucket(rolling.word, shift: shift)
                        bucketCount &+= 1
                    }
                    rolling.length = 0
                }
                words[wordCount] = WordSpan(bucketEnd: Int32(bucketCount), letters: Int32(letters),
                                            scalarStart: Int32(truncatingIfNeeded: wordScalarStart),
                                            scalarEnd: Int32(truncatingIfNeeded: scalarEnd),
                                            cyrillic: cyrillic, capitalized: capitalized)
                wordCount &+= 1
                characters.counted &+= letters
                letters = 0
                // A later piece of a long word is still a Cyrillic word if an earlier one was.
                if wordEnds { cyrillic = false }
                if wordCount == Self.wordCapacity || bucketCount > Self.bucketCapacity - Self.pieceBuckets {
                    flush(UnsafeBufferPointer(rebasing: buckets[0..<bucketCount]), UnsafeBufferPointer(rebasing: words[0..<wordCount]))
                    bucketCount = 0
                    wordCount = 0
                }
            }

            let n = text.count
            let bytes = text.baseAddress!
            /// The code point at `i` and its length in bytes (no validation: a stray continuation byte or a
            /// sequence cut short is U+FFFD, one scalar per byte).
            @inline(__always) func decode(_ i: Int) -> (UInt32, Int) {
                let b0 = bytes[i]
                if b0 < 0x80 { return (UInt32(b0), 1) }
                if b0 >= 0xC0 && b0 < 0xE0 && i + 1 < n {
                    return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
                }
                if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n {
                    return (UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
                }
                if b0 >= 0xF0 && i + 3 < n { return (0x10000, 4) }
                return (0xFFFD, 1)
            }
            @inline(__always) func letterCode(_ cp: UInt32) -> UInt16 {
                cp < LetterCode.tableSize ? letterTable[Int(cp)]
                    : (cp == 0x2019 ? LetterCode.apostropheCandidate : UInt16(space))
            }
            var i = 0
            // Two loops: the outer one skips what is between words (counting it for `Characters`), the inner
            // one gathers the letters of one word; a word's bookkeeping is done once per word.
            while i < n {
                var (cp, len) = decode(i)
                var code = letterCode(cp)
                // An apostrophe is a letter only right after a letter, so never at the start of a word.
                if code == UInt16(space) || code == LetterCode.apostropheCandidate {
                    if cp < 0x80 {
                        let k = asciiClasses[Int(cp)]
                        characters.counted &+= Int(k & 1)
                        characters.controls &+= Int(k >> 1)
                    } else {
                        characters.counted &+= 1
                    }
                    scalarIndex &+= 1
                    i &+= len
                    continue
                }
                rolling.word = Self.fnvBasis
                wordScalarStart = scalarIndex
                capitalized = cp != UInt32(code)
                codeBase[0] = space
                pieceCodes = 1
                var previousWasLetter = true
                while true {
                    if code == LetterCode.apostropheCandidate {
                        codeBase[pieceCodes] = LetterCode.apostrophe
                        previousWasLetter = false
                    } else {
                        codeBase[pieceCodes] = UInt32(code)
                        letters &+= 1
                        if code >= 0x400 { cyrillic = true }
                        previousWasLetter = true
                    }
                    pieceCodes &+= 1
                    scalarIndex &+= 1
                    i &+= len
                    // Room stays for the closing boundary.
                    if pieceCodes == Self.wordCodeCapacity - 1 {
                        closePiece(scalarEnd: scalarIndex, wordEnds: false)
                        wordScalarStart = scalarIndex
                    }
                    guard i < n else { break }
                    (cp, len) = decode(i)
                    code = letterCode(cp)
                    if code == UInt16(space) || (code == LetterCode.apostropheCandidate && !previousWasLetter) { break }
                }
                closePiece(scalarEnd: scalarIndex, wordEnds: true)
            }
            if wordCount > 0 || bucketCount > 0 {
                flush(UnsafeBufferPointer(rebasing: buckets[0..<bucketCount]), UnsafeBufferPointer(rebasing: words[0..<wordCount]))
            }
            return characters
        }
        }
        }
        }
        }
    }
}
