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
        /// 16-bit lanes suffice: a word piece has at most 4 × 32 + 1 n-grams of at most 255 each.
        var costs: SIMD16<UInt16>
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
                var acc = SIMD16<UInt16>()
                var k = start
                while k < end {
                    let row = table.loadUnaligned(fromByteOffset: Int(buckets[k]) &<< 4, as: SIMD16<UInt8>.self)
                    acc &+= SIMD16<UInt16>(truncatingIfNeeded: row)
                    k &+= 1
                }
                onWord(Word(scalarStart: Int(w.scalarStart), scalarEnd: Int(w.scalarEnd), costs: acc,
                            ngrams: end &- start, letters: Int(w.letters), cyrillic: w.cyrillic,
                            capitalized: w.capitalized))
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

    /// The rolling state at the start of a word: its opening boundary read (which is no n-gram itself).
    static let wordStart = Rolling(h1: (fnvBasis ^ LetterCode.space) &* fnvPrime, h2: 0, h3: 0,
                                   word: (fnvBasis ^ LetterCode.space) &* fnvPrime, length: 1)

    /// Appends the buckets of the n-grams ending at each of the `count` letter codes at `codes` (orders
    /// 1…`maxOrder` within the padded word) and, if `wordEnds`, at the closing boundary (orders 2 up: the
    /// lone boundary is no n-gram), at `out`, and returns how many. For each code the hashes of the n-grams
    /// ending at it come from those ending at the previous code with one xor and one multiply each (the
    /// highest order, which no later n-gram extends, multiplies by the FNV prime and the Fibonacci constant
    /// at once); all four buckets are stored and the count advances by the number that exist, so there is no
    /// branch per n-gram. Hashes of orders the word is too short for are never counted, so the state at
    /// `wordStart` leaves them unset. `out` needs room for 4 × `count` + 3 buckets. Not inlined: on its own
    /// it keeps the rolling hashes in registers (inlined into the scan loop they were spilled). The shift of
    /// the shipped model's 2^17 buckets is a constant in its own copy: a shift by a register ties up `cl`
    /// on x86-64, and the moves around it cost more registers than the loop has.
    static func hash(_ codes: UnsafePointer<UInt32>, count: Int, _ state: inout Rolling,
                     into out: UnsafeMutablePointer<UInt32>, shift: UInt32, maxOrder: Int, wordEnds: Bool) -> Int {
        shift == 15 ? hash15(codes, count: count, &state, into: out, maxOrder: maxOrder, wordEnds: wordEnds)
            : hashAnyShift(codes, count: count, &state, into: out, shift: shift, maxOrder: maxOrder, wordEnds: wordEnds)
    }

    @inline(never)
    static func hash15(_ codes: UnsafePointer<UInt32>, count: Int, _ state: inout Rolling,
                       into out: UnsafeMutablePointer<UInt32>, maxOrder: Int, wordEnds: Bool) -> Int {
        rollingHash(codes, count: count, &state, into: out, shift: 15, maxOrder: maxOrder, wordEnds: wordEnds)
    }

    @inline(never)
    static func hashAnyShift(_ codes: UnsafePointer<UInt32>, count: Int, _ state: inout Rolling,
                             into out: UnsafeMutablePointer<UInt32>, shift: UInt32, maxOrder: Int, wordEnds: Bool) -> Int {
        rollingHash(codes, count: count, &state, into: out, shift: shift, maxOrder: maxOrder, wordEnds: wordEnds)
    }

    @inline(__always)
    static func rollingHash(_ codes: UnsafePointer<UInt32>, count: Int, _ state: inout Rolling,
                            into out: UnsafeMutablePointer<UInt32>, shift: UInt32, maxOrder: Int, wordEnds: Bool) -> Int {
        var h1 = state.h1, h2 = state.h2, h3 = state.h3, word = state.word, length = state.length
        let primeTimesFibonacci = fnvPrime &* fibonacci
        var stored = 0
        var k = 0
        while k < count {
            let c = codes[k]
            let n1 = (fnvBasis ^ c) &* fnvPrime, n2 = (h1 ^ c) &* fnvPrime, n3 = (h2 ^ c) &* fnvPrime
            out[stored] = bucket(n1, shift: shift)
            out[stored &+ 1] = bucket(n2, shift: shift)
            out[stored &+ 2] = bucket(n3, shift: shift)
            out[stored &+ 3] = ((h3 ^ c) &* primeTimesFibonacci) &>> shift
            length &+= 1
            stored &+= min(length, maxOrder)
            h1 = n1
            h2 = n2
            h3 = n3
            word = (word ^ c) &* fnvPrime
            k &+= 1
        }
        if wordEnds {
            let c = LetterCode.space
            out[stored] = ((h1 ^ c) &* primeTimesFibonacci) &>> shift
            out[stored &+ 1] = ((h2 ^ c) &* primeTimesFibonacci) &>> shift
            out[stored &+ 2] = ((h3 ^ c) &* primeTimesFibonacci) &>> shift
            length &+= 1
            stored &+= min(length, maxOrder) &- 1
            word = (word ^ c) &* fnvPrime
        }
        state = Rolling(h1: h1, h2: h2, h3: h3, word: word, length: length)
        return stored
    }

    /// First phase: the bucket of every n-gram and the extent of every word, handed to `flush` in blocks.
    /// Letters are gathered into a piece of at most `wordCodeCapacity` codes in one pass over the bytes;
    /// a piece is hashed when its word ends or it is full (a very long "word" is reported in pieces, its
    /// n-grams stay exact). The loop over a word's letters does only what each letter needs (decode, class,
    /// store); its letters, scalars and script are derived when the piece closes.
    @inline(__always)
    @discardableResult
    func collect(_ text: UnsafeBufferPointer<UInt8>,
                 flush: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<WordSpan>) -> Void) -> Characters {
        let shift = UInt32(32 - model.log2Buckets)
        let maxOrder = model.maxOrder
        let maxWordOrder = model.maxWordOrder
        let space = LetterCode.space
        let apostropheCandidate = UInt32(LetterCode.apostropheCandidate)
        let wordStart = Self.wordStart
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.bucketCapacity) { buckets in
        withUnsafeTemporaryAllocation(of: WordSpan.self, capacity: Self.wordCapacity) { words in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.wordCodeCapacity) { codes in
        LetterCode.table.withUnsafeBufferPointer { letterTable in
        Self.asciiClasses.withUnsafeBufferPointer { asciiClasses in
            var characters = Characters()
            let bucketBase = buckets.baseAddress!
            let codeBase = codes.baseAddress!
            let classOf = letterTable.baseAddress!
            var bucketCount = 0
            var wordCount = 0
            var rolling = Rolling()
            var scalarIndex = 0

            /// Hashes the piece of `count` codes in `codeBase` (plus the closing boundary if the word ends
            /// there) and records it as a word span of `letters` letters from `scalarStart` to `scalarEnd`.
            @inline(__always) func closePiece(count: Int, letters: Int, scalarStart: Int, scalarEnd: Int,
                                              cyrillic: Bool, capitalized: Bool, wordEnds: Bool) {
                bucketCount &+= Self.hash(codeBase, count: count, &rolling, into: bucketBase + bucketCount,
                                          shift: shift, maxOrder: maxOrder, wordEnds: wordEnds)
                if wordEnds {
                    if rolling.length > maxOrder && rolling.length <= maxWordOrder {
                        bucketBase[bucketCount] = Self.bucket(rolling.word, shift: shift)
                        bucketCount &+= 1
                    }
                    rolling.length = 0
                }
                words[wordCount] = WordSpan(bucketEnd: Int32(truncatingIfNeeded: bucketCount),
                                            letters: Int32(truncatingIfNeeded: letters),
                                            scalarStart: Int32(truncatingIfNeeded: scalarStart),
                                            scalarEnd: Int32(truncatingIfNeeded: scalarEnd),
                                            cyrillic: cyrillic, capitalized: capitalized)
                wordCount &+= 1
                characters.counted &+= letters
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
            @inline(__always) func letterCode(_ cp: UInt32) -> UInt32 {
                cp < LetterCode.tableSize ? UInt32(classOf[Int(cp)])
                    : (cp == 0x2019 ? apostropheCandidate : space)
            }
            var i = 0
            // Two loops: the outer one skips what is between words (counting it for `Characters`), the inner
            // one gathers the letters of one word; a word's bookkeeping is done once per word.
            while i < n {
                var (cp, len) = decode(i)
                var code = letterCode(cp)
                // An apostrophe is a letter only right after a letter, so never at the start of a word.
                if code == space || code == apostropheCandidate {
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
                rolling = wordStart
                let capitalized = cp != code
                // The piece in progress: `count` codes in `codeBase`, `apostrophes` of them apostrophes. The
                // first piece of a word holds up to 30 codes, later ones 31 (as when the opening boundary was
                // a code of the first piece: the same pieces, hence the same per-word evidence).
                var pieceStart = scalarIndex
                var pieceLimit = Self.wordCodeCapacity - 2
                var apostrophes = 0
                // Every letter code of the word or'ed together: Cyrillic letters (U+0430…U+052F) all have
                // bit 0x400, Latin ones (below U+0250) and the apostrophe none.
                var allCodes: UInt32 = 0
                var count = 0
                while true {
                    codeBase[count] = code
                    count &+= 1
                    allCodes |= code
                    i &+= len
                    if count == pieceLimit {
                        closePiece(count: count, letters: count &- apostrophes, scalarStart: pieceStart,
                                   scalarEnd: pieceStart &+ count, cyrillic: allCodes & 0x400 != 0,
                                   capitalized: capitalized, wordEnds: false)
                        pieceStart &+= count
                        pieceLimit = Self.wordCodeCapacity - 1
                        apostrophes = 0
                        count = 0
                    }
                    guard i < n else { break }
                    // UTF-8 of one or two bytes (all Latin and Cyrillic letters) straight through the table.
                    let b0 = bytes[i]
                    var next: UInt32
                    if b0 < 0x80 {
                        next = UInt32(classOf[Int(b0)])
                        len = 1
                    } else if b0 & 0xE0 == 0xC0 && i &+ 1 < n {
                        next = UInt32(classOf[Int(b0 & 0x1F) &<< 6 | Int(bytes[i &+ 1] & 0x3F)])
                        len = 2
                    } else {
                        (cp, len) = decode(i)
                        next = letterCode(cp)
                    }
                    if next == space { break }
                    if next == apostropheCandidate {
                        if code == LetterCode.apostrophe { break }
                        next = LetterCode.apostrophe
                        apostrophes &+= 1
                    }
                    code = next
                }
                closePiece(count: count, letters: count &- apostrophes, scalarStart: pieceStart,
                           scalarEnd: pieceStart &+ count, cyrillic: allCodes & 0x400 != 0, capitalized: capitalized,
                           wordEnds: true)
                scalarIndex = pieceStart &+ count
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
