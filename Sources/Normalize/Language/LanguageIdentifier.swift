#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of a mixed paragraph (one or more sentences, or a stretch of words, in one language).
/// Offsets count Unicode scalars from the start of the unit's text, `end` exclusive, so
/// `Array(text.unicodeScalars)[start..<end]` is the run; the runs cover the text without gaps.
public struct LanguageSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var code: String
    public var confidence: Double

    public init(start: Int, end: Int, code: String, confidence: Double) {
        self.start = start
        self.end = end
        self.code = code
        self.confidence = confidence
    }
}

/// What `LanguageIdentifier` says about one unit of text.
public struct LanguageDecision: Sendable, Hashable {
    /// ISO 639-1 code, `mixed` (sentences in two languages) or `und` (too little text, or not text at all).
    public var code: String
    /// Probability of `code` after tempering the naive Bayes posterior (0 for `und`).
    public var confidence: Double
    /// The second most likely language and its probability (for `mixed`: the single best language).
    public var runnerUp: String?
    public var runnerUpScore: Double
    /// The runs of a `mixed` unit, in order; empty otherwise.
    public var spans: [LanguageSpan]

    public init(code: String, confidence: Double, runnerUp: String?, runnerUpScore: Double, spans: [LanguageSpan]) {
        self.code = code
        self.confidence = confidence
        self.runnerUp = runnerUp
        self.runnerUpScore = runnerUpScore
        self.spans = spans
    }

    public static let undetermined = LanguageDecision(code: "und", confidence: 0, runnerUp: nil, runnerUpScore: 0, spans: [])
}

/// Labels text with one of the model's languages, `mixed` or `und`.
///
/// The label is the naive Bayes decision over all n-grams of the unit. When that decision is one of the
/// `mixedLanguages` (Kazakh and Russian), a two-state Viterbi pass over the words, with a penalty for every
/// switch, looks for runs in the other one: a Russian quotation inside Kazakh text, a Kazakh sentence after
/// a Russian one. Runs are found at word level, so sentences without final punctuation (verse, headings
/// run into text) split too; the switch penalty keeps a borrowed word or a name from making a run.
/// A run of English words inside Kazakh or Russian text (a quotation, a title) makes it `mixed` too.
public struct LanguageIdentifier: Sendable {
    public let model: LanguageModel
    /// Fewer letters than this: `und`.
    public var minimumLetters = 3
    /// Letters of words (three or more letters in a row) must make up at least this share of the unit's
    /// characters other than spaces, ASCII digits and ASCII punctuation, else it is not text (binary data,
    /// line noise): `und`. Random bytes of 50+ bytes stay below 0.25; the lowest real row of
    /// langid-dev.tsv (figures and units in Belarusian) has 0.52, "1923 – 1927 жылдары, 279.5 %" 0.78.
    public var minimumWordLetterShare = 0.25
    /// Control characters (C0 other than tab and line/page breaks, DEL) above this share of the same
    /// characters mark binary data: `und`.
    public var maximumControlShare = 0.02
    /// The pair of languages whose juxtaposition makes a paragraph `mixed`.
    static let mixedLanguages = ("kk", "ru")
    /// Log-likelihood (nats) a language switch between two words costs. Scaled with the model's cost of
    /// an unseen n-gram (about 17 nats since the smoothing is relative to class size; 80 at about 21.5).
    public var switchPenalty = 64.0
    /// The minority language must cover at least this many letters…
    public var mixedMinorityLetters = 15
    /// …and this share of the paragraph's letters.
    public var mixedMinorityShare = 0.05
    /// A run of the other language inside the paragraph (its own language before and after it) counts only
    /// with this many letters, about a sentence of six or seven words: shorter, it is a quoted phrase
    /// (`… жазыңыз *скачать мой говорящий анжела взлом* деп жазып …`) and the paragraph keeps its label.
    /// A run at the start or the end of the paragraph needs only `mixedMinorityLetters`.
    public var mixedInnerRunLetters = 40
    /// Units longer than this (bytes) are not searched for `mixed` runs: they are not paragraphs.
    static let mixedMaxBytes = 1 << 16
    /// The label of a huge unit is decided on its first million n-grams (the sums cannot overflow).
    static let maxEvidenceNGrams = 1 << 20
    /// Evidence beyond this many n-grams no longer sharpens the confidence (naive Bayes treats
    /// overlapping n-grams as independent and is overconfident on long text).
    static let confidenceNGrams = 24.0

    /// English runs inside Kazakh or Russian text: at least this many consecutive Latin-script words, with
    /// as many letters as a minority run needs, at most half of them capitalised (names and brands are),
    /// and English ahead of every other Latin-script class (Turkish, Kazakh in Latin) by this many nats.
    public var englishRunWords = 4
    public var englishRunMargin = 10.0

    let mixedColumns: (Int, Int)?
    /// The English column and the other Latin-script columns.
    let latinColumns: (english: Int, others: [Int])?

    public init(model: LanguageModel) {
        self.model = model
        if let a = model.languages.firstIndex(of: Self.mixedLanguages.0),
           let b = model.languages.firstIndex(of: Self.mixedLanguages.1) {
            mixedColumns = (a, b)
        } else {
            mixedColumns = nil
        }
        if let e = model.languages.firstIndex(of: "en") {
            latinColumns = (e, ["tr", "kk-Latn"].compactMap { model.languages.firstIndex(of: $0) })
        } else {
            latinColumns = nil
        }
    }

    /// The identifier with the compiled-in model (or the one in `--rules DIR`).
    public init(rules: RuleStore = .embedded) throws {
        self.init(model: try LanguageModel.load(from: rules))
    }

    public func identify(_ text: String) -> LanguageDecision {
        var copy = text
        return copy.withUTF8 { identify(utf8: $0) }
    }

    /// Per-word evidence kept for the mixed search (24 bytes):
    /// the two languages' costs and where the word is; for a Latin-script word (no evidence between Kazakh
    /// and Russian) its English cost and the lowest cost of the other Latin-script classes instead.
    struct WordEvidence {
        var first: UInt32
        var second: UInt32
        var letters: Int32
        var scalarStart: Int32
        var scalarEnd: Int32
        var capitalized: Bool
        var latin: Bool
    }

    /// What one scan of a unit gathers besides the per-script totals: enough to tell, without keeping the
    /// words, whether the `mixed` search could find anything (most paragraphs: no, and they are decided
    /// with no allocation at all).
    struct MixedCandidates {
        /// The largest gain of a run of Russian words in Kazakh text (`best.0`) and of Kazakh words in Russian
        /// text (`best.1`): the maximum-subarray bound of `kazakhRussianStates`, counting capitalised Cyrillic
        /// words; `best.2` and `best.3` likewise without them.
        var best = (0.0, 0.0, 0.0, 0.0)
        var gain = (0.0, 0.0, 0.0, 0.0)
        var capitalizedCyrillicWords = 0
        var words = 0
        /// The longest stretches of consecutive Latin-script and Cyrillic words.
        var latinRun = 0, longestLatinRun = 0
        var cyrillicRun = 0, longestCyrillicRun = 0

        @inline(__always)
        mutating func add(_ w: NGramScanner.Word, columns: (Int, Int)) {
            words &+= 1
            if w.cyrillic {
                // Constant lanes for the usual model (kk, ru first): a lane picked at run time goes
                // through memory.
                let d = columns == (0, 1) ? Double(Int(w.costs[0]) &- Int(w.costs[1]))
                    : Double(Int(w.costs[columns.0]) &- Int(w.costs[columns.1]))
                gain.0 = max(0, gain.0 + d)
                gain.1 = max(0, gain.1 - d)
                best.0 = max(best.0, gain.0)
                best.1 = max(best.1, gain.1)
                if w.capitalized {
                    capitalizedCyrillicWords &+= 1
                } else {
                    gain.2 = max(0, gain.2 + d)
                    gain.3 = max(0, gain.3 - d)
                    best.2 = max(best.2, gain.2)
                    best.3 = max(best.3, gain.3)
                }
                cyrillicRun &+= 1
                longestCyrillicRun = max(longestCyrillicRun, cyrillicRun)
                latinRun = 0
            } else {
                latinRun &+= 1
                longestLatinRun = max(longestLatinRun, latinRun)
                cyrillicRun = 0
            }
        }

        /// Whether `mixedRuns` could return runs for text whose dominant state is `dominant`.
        func possible(dominant: Int, penalty: Double, runWords: Int) -> Bool {
            guard words > 1 else { return false }
            if dominant == 2 { return longestCyrillicRun >= runWords }
            let skipCapitalized = capitalizedCyrillicWords * 2 < words
            let gain = skipCapitalized ? (dominant == 0 ? best.2 : best.3) : (dominant == 0 ? best.0 : best.1)
            return gain > penalty || longestLatinRun >= runWords
        }
    }

    /// Decides the language of UTF-8 text (invalid sequences count as non-letters).
    public func identify(utf8 text: UnsafeBufferPointer<UInt8>) -> LanguageDecision {
        let scanner = NGramScanner(model: model)
        // Evidence per script: a Cyrillic paragraph is decided on its Cyrillic words (an English quotation
        // or a brand name in it would otherwise add the same noise to every Cyrillic class), a Latin one
        // on its Latin words. Cyrillic wins unless the Latin words have more than twice its letters (the
        // tool's text is Kazakh and Russian), not counting capitalised Latin words (names and brands in
        // Cyrillic text: "Google Drive, Microsoft Outlook").
        var cyrillicTotal = SIMD16<UInt32>(), latinTotal = SIMD16<UInt32>()
        var cyrillicNGrams = 0, latinNGrams = 0
        var cyrillicLetters = 0, latinLowercaseLetters = 0
        var letters = 0
        var wordLetters = 0
        var candidates = MixedCandidates()
        let columns = mixedColumns ?? (0, 0)
        let characters = scanner.scan(text) { w in
            letters &+= w.letters
            if w.letters >= 3 { wordLetters &+= w.letters }
            if w.cyrillic {
                cyrillicLetters &+= w.letters
                if cyrillicNGrams < Self.maxEvidenceNGrams {
                    cyrillicTotal &+= SIMD16<UInt32>(truncatingIfNeeded: w.costs)
                    cyrillicNGrams &+= w.ngrams
                }
            } else {
                if !w.capitalized { latinLowercaseLetters &+= w.letters }
                if latinNGrams < Self.maxEvidenceNGrams {
                    latinTotal &+= SIMD16<UInt32>(truncatingIfNeeded: w.costs)
                    latinNGrams &+= w.ngrams
                }
            }
            candidates.add(w, columns: columns)
        }
        let cyrillic = cyrillicLetters > 0 && 2 * cyrillicLetters >= latinLowercaseLetters
        let (total, ngrams) = cyrillic ? (cyrillicTotal, cyrillicNGrams) : (latinTotal, latinNGrams)
        guard letters >= minimumLetters, ngrams > 0, looksLikeText(characters, wordLetters: wordLetters) else {
            return .undetermined
        }
        let ranking = rank(total, ngrams: ngrams)
        var decision = LanguageDecision(code: model.labels[ranking.best], confidence: ranking.confidence,
                                        runnerUp: model.labels[ranking.second], runnerUpScore: ranking.secondScore,
                                        spans: [])
        // Kazakh or Russian text with runs of the other or of English; or English text with Kazakh or
        // Russian runs (dominant 2), when its Cyrillic words read as one of the two.
        var dominant: Int?
        if let (a, b) = mixedColumns, letters >= 2 * mixedMinorityLetters {
            if ranking.best == a || ranking.best == b {
                dominant = ranking.best == a ? 0 : 1
            } else if !cyrillic, ranking.best == latinColumns?.english, cyrillicLetters >= mixedMinorityLetters {
                let cyrillicBest = rank(cyrillicTotal, ngrams: max(1, cyrillicNGrams)).best
                if cyrillicBest == a || cyrillicBest == b { dominant = 2 }
            }
        }
        guard text.count <= Self.mixedMaxBytes, let dominant,
              candidates.possible(dominant: dominant, penalty: switchPenalty * model.unitsPerNat, runWords: englishRunWords)
        else { return decision }
        // A second scan keeps every word's evidence for the search (only for units that may be mixed).
        // A word has at least one letter and one following byte, so bytes / 2 + 1 bounds the word count.
        let mixed = withUnsafeTemporaryAllocation(of: WordEvidence.self, capacity: text.count / 2 + 1) { words in
            let (a, b) = columns
            let (e, others) = latinColumns ?? (0, [])
            var wordCount = 0
            scanner.scan(text) { w in
                // Latin words (names, brands, terms) in Cyrillic text say nothing about Kazakh versus Russian.
                words[wordCount] = WordEvidence(
                    first: UInt32(w.cyrillic ? w.costs[a] : w.costs[e]),
                    second: w.cyrillic ? UInt32(w.costs[b]) : others.reduce(UInt32.max) { min($0, UInt32(w.costs[$1])) },
                    letters: Int32(w.letters), scalarStart: Int32(truncatingIfNeeded: w.scalarStart),
                    scalarEnd: Int32(truncatingIfNeeded: w.scalarEnd), capitalized: w.capitalized, latin: !w.cyrillic)
                wordCount &+= 1
            }
            return mixedRuns(UnsafeBufferPointer(rebasing: words[0..<wordCount]), dominant: dominant, letters: letters,
                             paragraphEnd: scalarCount(text))
        }
        if let mixed {
            decision.runnerUp = decision.code
            decision.runnerUpScore = decision.confidence
            decision.code = "mixed"
            decision.confidence = mixed.confidence
            decision.spans = mixed.spans
        }
        return decision
    }

    /// Whether enough of the characters the scan counted are letters of words and few are control
    /// characters.
    func looksLikeText(_ characters: NGramScanner.Characters, wordLetters: Int) -> Bool {
        Double(wordLetters) >= minimumWordLetterShare * Double(characters.counted)
            && Double(characters.controls) <= maximumControlShare * Double(characters.counted)
    }

    func scalarCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for byte in text where byte & 0xC0 != 0x80 { n &+= 1 }
        return n
    }

    struct Ranking {
        var best: Int
        var second: Int
        var confidence: Double
        var secondScore: Double
    }

    /// The best class, its label's probability (summed over the label's classes) and the best class
    /// with another label.
    func rank(_ costs: SIMD16<UInt32>, ngrams: Int) -> Ranking {
        let count = model.languages.count
        let groups = model.labelGroups
        var best = 0
        for j in 1..<count where costs[j] < costs[best] { best = j }
        var second = -1
        for j in 0..<count where groups[j] != groups[best] && (second < 0 || costs[j] < costs[second]) { second = j }
        let temper = min(1.0, Self.confidenceNGrams / Double(ngrams)) / model.unitsPerNat
        var sum = 0.0, bestMass = 0.0, secondMass = 0.0
        for j in 0..<count {
            let x = Double(costs[j] - costs[best]) * temper
            // e^-40 is below the last digit of any sum that already holds the best class's 1.
            guard x < 40 else { continue }
            let p = exp(-x)
            sum += p
            if groups[j] == groups[best] { bestMass += p }
            if second >= 0 && groups[j] == groups[second] { secondMass += p }
        }
        return Ranking(best: best, second: max(second, 0), confidence: bestMass / sum, secondScore: secondMass / sum)
    }

    /// Runs of the two mixed languages if both are substantial, or English runs inside the paragraph, else
    /// nil. Kazakh against Russian: two-state Viterbi over the words, staying costs the word's cost in that
    /// language, switching adds `switchPenalty`; English runs (see `englishRunWords`) are laid over that.
    /// `dominant` 2: English text, searched for Kazakh or Russian runs instead (`cyrillicRuns`).
    func mixedRuns(_ words: UnsafeBufferPointer<WordEvidence>, dominant: Int, letters: Int, paragraphEnd: Int)
        -> (spans: [LanguageSpan], confidence: Double)?
    {
        guard let (a, b) = mixedColumns, words.count > 1 else { return nil }
        let minimum = max(mixedMinorityLetters, Int((Double(letters) * mixedMinorityShare).rounded(.up)))
        // Capitalised words are mostly names, and Russian names inside Kazakh text (and the reverse) are not
        // a change of language: they count only in text that is mostly capitalised (ALL-CAPS headings).
        var capitalizedCount = 0
        for w in words where w.capitalized && !w.latin { capitalizedCount += 1 }
        let skipCapitalized = capitalizedCount * 2 < words.count
        @inline(__always) func evidence(_ k: Int) -> (Double, Double, Int) {
            let w = words[k]
            if w.latin { return (0, 0, 0) }
            if skipCapitalized && w.capitalized { return (0, 0, Int(w.letters)) }
            return (Double(w.first), Double(w.second), Int(w.letters))
        }
        var states: [UInt8]
        if dominant == 2 {
            guard let runs = cyrillicRuns(words, minimum: minimum) else { return nil }
            states = runs
        } else {
            let english = englishRuns(words, minimum: minimum)
            guard let kazakhRussian = kazakhRussianStates(words, dominant: dominant, minimum: minimum, evidence: evidence)
                ?? (english.isEmpty ? nil : [UInt8](repeating: UInt8(dominant), count: words.count)) else { return nil }
            states = kazakhRussian
            for run in english {
                for k in run { states[k] = 2 }
            }
        }
        var spans: [LanguageSpan] = []
        var lowest = 1.0
        var runStart = 0
        for k in 1...words.count where k == words.count || states[k] != states[runStart] {
            var first = 0.0, second = 0.0, ngramsApprox = 0
            let state = states[runStart]
            for w in runStart..<k {
                if state == 2 {
                    first += Double(words[w].first)
                    second += Double(words[w].second)
                    ngramsApprox += Int(words[w].letters) * model.maxOrder
                } else {
                    let (f, s, l) = evidence(w)
                    first += state == 0 ? f : s
                    second += state == 0 ? s : f
                    ngramsApprox += l * model.maxOrder
                }
            }
            let temper = min(1.0, Self.confidenceNGrams / Double(max(1, ngramsApprox))) / model.unitsPerNat
            let confidence = 1 / (1 + exp(-(second - first) * temper))
            lowest = min(lowest, confidence)
            let start = spans.isEmpty ? 0 : Int(words[runStart].scalarStart)
            let end = k == words.count ? paragraphEnd : Int(words[k].scalarStart)
            let column = state == 0 ? a : state == 1 ? b : latinColumns?.english ?? a
            spans.append(LanguageSpan(start: start, end: end, code: model.labels[column], confidence: confidence))
            runStart = k
        }
        return (spans, lowest)
    }

    /// Kazakh (0) or Russian (1) per word when a run of the other language than `dominant` gains more than
    /// a switch and both cover `minimum` letters, else nil.
    func kazakhRussianStates(_ words: UnsafeBufferPointer<WordEvidence>, dominant: Int, minimum: Int,
                             evidence: (Int) -> (Double, Double, Int)) -> [UInt8]? {
        let penalty = switchPenalty * model.unitsPerNat
        // A run of the other language must gain more than one switch penalty: if no stretch of words does
        // (maximum subarray of the per-word advantage), there is nothing to find.
        var bestGain = 0.0, gain = 0.0
        for k in 0..<words.count {
            let (first, second, _) = evidence(k)
            gain = max(0, gain + (dominant == 0 ? first - second : second - first))
            bestGain = max(bestGain, gain)
        }
        guard bestGain > penalty else { return nil }
        // back[k]: bit 0 set if state 0 at word k came from state 1; bit 1 likewise for state 1.
        var back = [UInt8](repeating: 0, count: words.count)
        // The paragraph starts in its own language: a run of the other one costs a switch at either end,
        // and words without evidence (names) never start one.
        var cost0 = evidence(0).0 + (dominant == 0 ? 0 : penalty)
        var cost1 = evidence(0).1 + (dominant == 1 ? 0 : penalty)
        for k in 1..<words.count {
            let stay0 = cost0, switch0 = cost1 + penalty
            let stay1 = cost1, switch1 = cost0 + penalty
            var flags: UInt8 = 0
            if switch0 < stay0 { flags |= 1 }
            if switch1 < stay1 { flags |= 2 }
            back[k] = flags
            let (first, second, _) = evidence(k)
            cost0 = min(stay0, switch0) + first
            cost1 = min(stay1, switch1) + second
        }
        var state = cost0 < cost1 ? 0 : cost1 < cost0 ? 1 : dominant
        var states = [UInt8](repeating: 0, count: words.count)
        for k in stride(from: words.count - 1, through: 0, by: -1) {
            states[k] = UInt8(state)
            if k > 0, back[k] & (state == 0 ? 1 : 2) != 0 { state = 1 - state }
        }
        // A run of the other language with the paragraph's own language on both sides (at least
        // `mixedMinorityLetters` letters each: one word of it, e.g. a Russian word starting an ALL-CAPS
        // Kazakh sentence, is not a side) is a quotation or an inserted phrase (a search query, a title)
        // unless it is as long as a real sentence.
        // Runs are judged with their neighbours as the search found them (the two before this one in
        // `before`, `previous`), without a list of runs (no allocation).
        typealias Run = (start: Int, end: Int, letters: Int)
        var before: Run?, previous: Run?
        var k = 0
        while k < words.count {
            let state = states[k]
            var end = k, runLetters = 0
            while end < words.count && states[end] == state {
                runLetters += evidence(end).2
                end += 1
            }
            if let inner = previous, let left = before, Int(states[inner.start]) != dominant,
               inner.letters < mixedInnerRunLetters, left.letters >= mixedMinorityLetters,
               runLetters >= mixedMinorityLetters {
                for w in inner.start..<inner.end { states[w] = UInt8(dominant) }
            }
            before = previous
            previous = (k, end, runLetters)
            k = end
        }
        var lettersIn = (0, 0)
        for k in 0..<words.count {
            if states[k] == 0 { lettersIn.0 += evidence(k).2 } else { lettersIn.1 += evidence(k).2 }
        }
        return min(lettersIn.0, lettersIn.1) >= minimum ? states : nil
    }

    /// In English text: 2 (English) per word, except runs of at least `englishRunWords` Cyrillic words with
    /// `minimum` letters, which are Kazakh (0) or Russian (1) by their summed costs; nil if there is none.
    func cyrillicRuns(_ words: UnsafeBufferPointer<WordEvidence>, minimum: Int) -> [UInt8]? {
        var states: [UInt8]?
        var k = 0
        while k < words.count {
            guard !words[k].latin else {
                k += 1
                continue
            }
            var end = k, letters = 0, first = 0.0, second = 0.0
            while end < words.count && !words[end].latin {
                letters += Int(words[end].letters)
                first += Double(words[end].first)
                second += Double(words[end].second)
                end += 1
            }
            if end - k >= englishRunWords, letters >= minimum {
                if states == nil { states = [UInt8](repeating: 2, count: words.count) }
                for w in k..<end { states?[w] = first <= second ? 0 : 1 }
            }
            k = end
        }
        return states
    }

    /// Maximal runs of consecutive Latin-script words that read as English (see `englishRunWords`).
    func englishRuns(_ words: UnsafeBufferPointer<WordEvidence>, minimum: Int) -> [Range<Int>] {
        guard latinColumns != nil else { return [] }
        let margin = englishRunMargin * model.unitsPerNat
        var runs: [Range<Int>] = []
        var k = 0
        while k < words.count {
            guard words[k].latin else {
                k += 1
                continue
            }
            var end = k, letters = 0, capitalized = 0
            var english = 0.0, other = 0.0
            while end < words.count && words[end].latin {
                let w = words[end]
                letters += Int(w.letters)
                if w.capitalized { capitalized += 1 }
                english += Double(w.first)
                other += Double(w.second)
                end += 1
            }
            if end - k >= englishRunWords, letters >= minimum, capitalized * 2 <= end - k, other - english > margin {
                runs.append(k..<end)
            }
            k = end
        }
        return runs
    }
}
