#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Knows the words of Kazakh and Russian (lexicons, names, morphology) and proposes corrections for
/// non-words: candidates one Damerau-Levenshtein edit away (deletion, insertion, substitution, adjacent
/// transposition), each scored by how often it is seen (corpus, names list, this document) and by how likely
/// the edit is as a typing or OCR error (neighbouring keys, doubled letters, lost Kazakh letters қ→к, і→и…).
///
/// It is conservative by construction: a word known in either language is never a candidate for change, and
/// a correction is returned only when one candidate clearly beats all others.
public struct SpellChecker: Sendable {
    public enum Language: String, Sendable, Hashable {
        case kazakh = "kk"
        case russian = "ru"
    }

    /// A possible correction with its evidence.
    public struct Candidate: Sendable, Hashable {
        /// Lowercase form.
        public var word: String
        /// What kind of error the edit undoes (`transposition`, `deleted letter`, `lost Kazakh letter`…).
        public var error: String
        /// Corpus count (lexicon), names weight, or the count of the stem for forms known by morphology.
        public var frequency: Int
        /// Where the word is known from (`kk lexicon`, `names`, `kk morphology: мемлекет+тік`).
        public var source: String
        /// How often the word occurs in the document being checked.
        public var documentCount: Int
        /// Prior probability weight of the error kind.
        public var errorWeight: Double
        /// Gain in character-model log-probability of the candidate over the unknown word.
        public var plausibility: Double
        /// The combined score used for ranking.
        public var score: Double
    }

    /// A decision about one unknown word.
    public struct Verdict: Sendable, Hashable {
        /// The candidates, best first (at most five).
        public var candidates: [Candidate]
        /// True when the best candidate clearly wins and may be applied.
        public var confident: Bool
        /// Evidence in words, for `Edit.note`.
        public var note: String
    }

    public let kazakh: Lexicon
    public let russian: Lexicon
    public let names: Lexicon
    public let kazakhMorphology: Morphology
    public let russianMorphology: Morphology
    public let kazakhModel: CharModel
    public let russianModel: CharModel

    /// Minimum ratio between the best and the second-best candidate's score for a confident correction.
    public var margin: Double = 4
    /// Minimum score of a confident correction.
    public var minimumScore: Double = 3
    /// A correction is confident when its evidence, the plausibility gain (character-model log-probability
    /// of the candidate minus that of the unknown word) plus `marginWeight` × ln(score ratio to the runner-up,
    /// capped at 10⁴), reaches this threshold. Tuned on shared/typos/dev and two sets built by
    /// shared/typos/build.py from corpus lines held out of the lexicons (see README, "Typo repair"),
    /// for precision first.
    public var minimumEvidence: Double = 14
    /// The same threshold when the candidate is known only through morphology (stem + suffixes).
    public var minimumEvidenceMorphology: Double = 15
    public var marginWeight: Double = 0.5
    /// Words shorter than this (in letters) are never corrected.
    public var minimumLength = 4

    public init(kazakh: Lexicon, russian: Lexicon, names: Lexicon, kazakhMorphology: Morphology, russianMorphology: Morphology,
                kazakhModel: CharModel? = nil, russianModel: CharModel? = nil) {
        self.kazakhModel = kazakhModel ?? CharModel(lexicon: kazakh)
        self.russianModel = russianModel ?? CharModel(lexicon: russian)
        self.kazakh = kazakh
        self.russian = russian
        self.names = names
        self.kazakhMorphology = kazakhMorphology
        self.russianMorphology = russianMorphology
    }

    /// The lexicons and suffix tables of a rule store (compiled-in ones are parsed once per process).
    public init(rules: RuleStore) throws {
        if rules.source == .embedded {
            self = try SpellChecker.embedded.get()
            return
        }
        try self.init(kazakh: Lexicon.load(Lexicon.kazakhFile, from: rules),
                      russian: Lexicon.load(Lexicon.russianFile, from: rules),
                      names: Lexicon.load(Lexicon.namesFile, from: rules),
                      kazakhMorphology: Morphology(rules: rules, name: Morphology.kazakhFile),
                      russianMorphology: Morphology(rules: rules, name: Morphology.russianFile))
    }

    /// The checker of the compiled-in rules, built once per process.
    private static let embedded = Result {
        try SpellChecker(kazakh: Lexicon.load(Lexicon.kazakhFile, from: .embedded),
                         russian: Lexicon.load(Lexicon.russianFile, from: .embedded),
                         names: Lexicon.load(Lexicon.namesFile, from: .embedded),
                         kazakhMorphology: Morphology(rules: .embedded, name: Morphology.kazakhFile),
                         russianMorphology: Morphology(rules: .embedded, name: Morphology.russianFile))
    }

    // MARK: known words

    /// A corpus word seen fewer times than this is not proof that it is spelled right: the corpora have
    /// typos of their own (`екінішісі` is in the Kazakh Wikipedia text once).
    public var knownMinimumCount = 2

    /// Fast path: true if the lowercase UTF-8 word is attested well enough in a lexicon (Kazakh, Russian,
    /// names) to be left alone.
    @inlinable
    public func isListed(_ lowercase: UnsafeBufferPointer<UInt8>) -> Bool {
        kazakh.count(lowercase) >= knownMinimumCount || russian.count(lowercase) >= knownMinimumCount
            || names.count(lowercase) > 0
    }

    /// True if the lowercase word is known in either language: listed, a known stem with Kazakh suffixes, an
    /// inflected name, or a Russian form whose stem is attested with another ending (`сценах` from `сцена`).
    public func isKnown(_ word: [UInt32]) -> Bool {
        if count(word, in: kazakh) >= knownMinimumCount || count(word, in: russian) >= knownMinimumCount
            || count(word, in: names) > 0 {
            return true
        }
        return kazakhAnalysis(word, minimumStemCount: knownMinimumCount) != nil || russianAnalysis(word) != nil
            || russianParadigm(word) != nil || kazakhSibling(word) != nil
    }

    /// A Kazakh analysis of an unknown form through a sibling: the word is a stem (at least four letters) plus
    /// a valid suffix chain, and the Kazakh lexicon has the same stem with another valid chain, seen at least
    /// `knownMinimumCount` times (`жасырақтары` from `жасырағы`). Returns the sibling.
    func kazakhSibling(_ word: [UInt32]) -> String? {
        guard word.count >= 6 else { return nil }
        var prefix: [UInt8] = []
        var p = word.count - 1
        while p >= 4 {
            defer { p -= 1 }
            guard kazakhMorphology.suffixes(of: word, after: p) != nil else { continue }
            prefix.removeAll(keepingCapacity: true)
            for u in word[0..<p] { appendUTF8(u, to: &prefix) }
            for e in kazakh.entries(withPrefix: prefix, limit: 400) where kazakh.count(at: e) >= knownMinimumCount {
                let other = kazakh.word(at: e).unicodeScalars.map(\.value)
                if other != word, kazakhMorphology.suffixes(of: other, after: p) != nil {
                    return String(scalars: other)
                }
            }
        }
        return nil
    }

    /// Russian inflectional endings (nouns, adjectives, verbs), used to recognise unseen forms of attested stems.
    static let russianEndings: [[UInt32]] = {
        let list = """
            а я о е ё ы и у ю ь й ой ей ий ый ая яя ое ее ые ие ую юю ого его ому ему ым им ых их ыми ими ом ем ам ям \
            ах ях ами ями ов ев ию ия ии ье ья ьи ью ьев ьям ьями ьях ть ться тся л ла ло ли лся лась лось лись ет ют \
            ут ит ят ат ешь ишь ете ите йте ся сь ою ею ен на но ны ен ется ются ится ятся ешься ишься ал ала ало али \
            ил ила ило или ел ела ело ели ув ав ив ая ась ось ись
            """
        var set = Set<[UInt32]>()
        for e in list.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) {
            set.insert(e.unicodeScalars.map(\.value))
        }
        set.insert([])
        return set.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }()

    /// A Russian analysis of an unknown form: a stem of at least four letters that the Russian lexicon has
    /// with a different ending, seen at least `knownMinimumCount` times in all. Returns the attested sibling.
    func russianParadigm(_ word: [UInt32]) -> String? {
        if word.contains(where: { SpellChecker.lostKazakh[$0] != nil }) { return nil }
        for ending in SpellChecker.russianEndings where ending.count < word.count - 3 {
            guard word.suffix(ending.count).elementsEqual(ending) else { continue }
            let stem = Array(word.dropLast(ending.count))
            var total = 0
            var sibling: [UInt32] = []
            for other in SpellChecker.russianEndings where other != ending {
                let c = count(stem + other, in: russian)
                if c > 0 {
                    total += c
                    sibling = stem + other
                }
            }
            if total >= knownMinimumCount { return String(scalars: sibling) }
        }
        return nil
    }

    func count(_ word: [UInt32], in lexicon: Lexicon) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count * 4) { buf in
            var n = 0
            for u in word {
                if u < 0x80 {
                    buf[n] = UInt8(u); n += 1
                } else if u < 0x800 {
                    buf[n] = UInt8(0xC0 | (u >> 6)); buf[n + 1] = UInt8(0x80 | (u & 0x3F)); n += 2
                } else {
                    return 0  // lexicons hold Cyrillic words only
                }
            }
            return lexicon.count(UnsafeBufferPointer(rebasing: buf[0..<n]))
        }
    }

    func kazakhAnalysis(_ word: [UInt32], minimumStemCount: Int = 1) -> Morphology.Analysis? {
        kazakhMorphology.analyze(word, minimumStemCount: minimumStemCount) { stem in
            count(stem, in: kazakh) + count(stem, in: names) + count(stem, in: russian)
        }
    }

    func russianAnalysis(_ word: [UInt32], minimumStemCount: Int = 1) -> Morphology.Analysis? {
        russianMorphology.analyze(word, minimumStemCount: minimumStemCount) { stem in count(stem, in: names) }
    }

    /// How well a candidate form is attested for a language: frequency and where from, or nil if unknown.
    func attestation(_ word: [UInt32], language: Language) -> (Int, String)? {
        let primary = language == .kazakh ? kazakh : russian
        let c = count(word, in: primary)
        let n = count(word, in: names)
        if c > 0 || n > 0 {
            return n >= c ? (n, "names") : (c, language.rawValue + " lexicon")
        }
        let analysis = language == .kazakh ? kazakhAnalysis(word, minimumStemCount: 2) : russianAnalysis(word, minimumStemCount: 2)
        if let a = analysis {
            return (max(1, a.stemCount / 4), "\(language.rawValue) morphology: \(a.stem)+\(a.suffixes.joined(separator: "+"))")
        }
        return nil
    }

    // MARK: candidates

    static let russianLetters: [UInt32] = Array(0x0430...0x044F) + [0x0451]
    static let kazakhLetters: [UInt32] = [0x04D9, 0x0493, 0x049B, 0x04A3, 0x04E9, 0x04B1, 0x04AF, 0x04BB, 0x0456]

    /// Kazakh letters as they are lost in typing with a Russian layout or misread by OCR: the Kazakh letter
    /// and what it becomes.
    static let lostKazakh: [UInt32: [UInt32]] = [
        0x04D9: [0x0430, 0x044D], 0x04E9: [0x043E, 0x0435], 0x04B1: [0x0443], 0x04AF: [0x0443],
        0x049B: [0x043A], 0x0493: [0x0433], 0x04A3: [0x043D], 0x0456: [0x0438], 0x04BB: [0x0445],
    ]

    /// Neighbours on the ЙЦУКЕН keyboard (Russian layout, which Kazakh typists share for most keys).
    static let neighbours: [UInt32: Set<UInt32>] = {
        let rows = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"].map { $0.unicodeScalars.map(\.value) }
        var m: [UInt32: Set<UInt32>] = [:]
        for r in rows {
            for (i, c) in r.enumerated() {
                var s = Set<UInt32>()
                if i > 0 { s.insert(r[i - 1]) }
                if i + 1 < r.count { s.insert(r[i + 1]) }
                m[c] = s
            }
        }
        return m
    }()

    /// Weight of substituting `typed` for `intended` as an error.
    static func substitutionWeight(intended: UInt32, typed: UInt32) -> (Double, String) {
        if lostKazakh[intended]?.contains(typed) == true { return (1.0, "lost Kazakh letter") }
        if neighbours[intended]?.contains(typed) == true { return (0.8, "neighbouring key") }
        return (0.05, "substituted letter")
    }

    /// Ranks corrections for an unknown lowercase word. `documentCount` returns how often a lowercase form
    /// occurs in the document.
    public func verdict(for word: [UInt32], language: Language, alsoOther: Bool,
                        documentCount: (String) -> Int) -> Verdict {
        var best: [String: Candidate] = [:]
        let model = language == .kazakh ? kazakhModel : russianModel
        let base = model.logProbability(word)
        func consider(_ cand: [UInt32], _ weight: Double, _ error: String) {
            let key = String(scalars: cand)
            if let existing = best[key], existing.errorWeight >= weight { return }
            var found: (Int, String, Language)? = attestation(cand, language: language).map { ($0.0, $0.1, language) }
            if found == nil && alsoOther {
                let other: Language = language == .kazakh ? .russian : .kazakh
                found = attestation(cand, language: other).map { ($0.0, $0.1, other) }
            }
            guard let (freq, source, _) = found else { return }
            let doc = documentCount(key)
            let gain = model.logProbability(cand) - base
            let score = weight * (Double(freq) + 50 * Double(doc)) * exp(min(max(gain, -10), 10))
            best[key] = Candidate(word: key, error: error, frequency: freq, source: source, documentCount: doc,
                                  errorWeight: weight, plausibility: gain, score: score)
        }
        let w = word
        let n = w.count
        let alphabet = language == .kazakh || !alsoOther
            ? SpellChecker.russianLetters + SpellChecker.kazakhLetters : SpellChecker.russianLetters
        // the typo inserted a letter: delete it
        // The first letter of a word is rarely mistyped: only Kazakh-letter loss and transposition touch it.
        for i in 1..<n {
            var c = w
            c.remove(at: i)
            let doubled = (i > 0 && w[i - 1] == w[i]) || (i + 1 < n && w[i + 1] == w[i])
            let nearKey = (i > 0 && SpellChecker.neighbours[w[i - 1]]?.contains(w[i]) == true)
                || (i + 1 < n && SpellChecker.neighbours[w[i + 1]]?.contains(w[i]) == true)
            // a stray letter is typed next to its key or doubled; other insertions are too rare to correct
            guard doubled || nearKey else { continue }
            consider(c, doubled ? 1.0 : 0.8, doubled ? "doubled letter" : "inserted letter")
        }
        // the typo swapped two adjacent letters
        for i in 0..<(n - 1) where w[i] != w[i + 1] {
            var c = w
            c.swapAt(i, i + 1)
            consider(c, 1.0, "transposed letters")
        }
        // the typo dropped a letter: insert one
        for i in 1...n {
            for x in alphabet {
                var c = w
                c.insert(x, at: i)
                consider(c, 0.6, "dropped letter")
            }
        }
        // the typo replaced a letter
        for i in 0..<n {
            for x in alphabet where x != w[i] {
                let (weight, kind) = SpellChecker.substitutionWeight(intended: x, typed: w[i])
                // other substitutions are too unlikely to ever win; the first letter only loses Kazakh letters
                if weight < 0.5 || (i == 0 && kind != "lost Kazakh letter") { continue }
                var c = w
                c[i] = x
                consider(c, weight, kind)
            }
        }
        let ranked = best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.word < $1.word }
        guard let top = ranked.first else {
            return Verdict(candidates: [], confident: false, note: "no known word one edit away")
        }
        let second = ranked.count > 1 ? ranked[1].score : 0
        let ratio = second > 0 ? min(top.score / second, 1e4) : 1e4
        let evidence = top.plausibility + marginWeight * log(ratio)
        let needed = top.source.contains("morphology") ? minimumEvidenceMorphology : minimumEvidence
        let confident = n >= minimumLength && top.score >= minimumScore && ratio >= margin && evidence >= needed
        var note = "\(top.error); \(top.source), seen \(top.frequency)×; plausibility \(formatScore(top.plausibility))"
        if top.documentCount > 0 { note += ", \(top.documentCount)× in this document" }
        if ranked.count > 1 {
            note += "; next: " + ranked.dropFirst().prefix(2).map { "\($0.word) (\(formatScore($0.score)))" }.joined(separator: ", ")
        }
        note += "; score \(formatScore(top.score)), evidence \(formatScore(evidence))"
        return Verdict(candidates: Array(ranked.prefix(5)), confident: confident, note: note)
    }
}

func formatScore(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}
