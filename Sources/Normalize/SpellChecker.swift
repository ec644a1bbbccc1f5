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
        /// P(typed word | this word): the error model's probability of the edit.
        public var channel: Double
        /// P(this word): corpus frequency (morphology-discounted) plus document frequency.
        public var prior: Double
        /// log(prior × channel), used for ranking.
        public var score: Double
        /// True when the form is known only through morphology or a paradigm, not listed.
        public var derived: Bool
        /// For a derived form: other words of the document start with its stem (`тұлғаларымен` for
        /// `тұлғалары+ның`).
        public var stemInDocument = false
    }

    /// A decision about one unknown word.
    public struct Verdict: Sendable, Hashable {
        /// The candidates, best first (at most five).
        public var candidates: [Candidate]
        /// True when the best candidate clearly wins and may be applied.
        public var confident: Bool
        /// Confidence in the best candidate, 0…1 (0 when there is none).
        public var confidence: Double = 0
        /// Evidence in words, for `Edit.note`.
        public var note: String
        /// The word itself is attested (a rare corpus word, a known stem with valid suffixes, a Russian stem
        /// with another ending): most likely right as written.
        public var selfAttested = false
    }

    public let kazakh: Lexicon
    public let russian: Lexicon
    public let names: Lexicon
    public let kazakhMorphology: Morphology
    public let russianMorphology: Morphology
    public let kazakhModel: CharModel
    public let russianModel: CharModel
    /// Russian stems with the total count of their forms (see `russianParadigm`).
    let russianStems: UInt64Map<Int32>
    /// Kazakh stems that no lexicon lists but that at least `inducedStemMinimumForms` listed Kazakh forms share,
    /// each as the stem plus a valid suffix chain (`алқап` from `алқапта`, `алқаптары`, `алқаптың`), with the
    /// total count of those forms (see `inducedKazakhStems`).
    let inducedStems: UInt64Map<StemTally>
    /// Which candidates may be attested (see `AttestationIndex`), so that most are never built or looked up.
    let attestationIndex: AttestationIndex

    /// A correction is confident when the logit of its confidence (see `Features`) reaches this. Chosen on the
    /// fitting sets (build.py sets of corpus text held out of the lexicons, see README, "Typo repair") for a
    /// precision of about 0.98 there, not on shared/typos/dev.
    public var minimumLogit = 1.0
    /// Share of a stem's frequency given to a form known only through morphology or a paradigm, per suffix.
    public var morphologyPrior = 0.1
    /// Weight of the in-document frequency of a candidate, relative to its corpus frequency.
    public var documentWeight = 0.05
    /// Prior factor of a candidate of the other language (a Russian word in a Kazakh paragraph).
    public var otherLanguagePrior = 0.3
    /// Words shorter than this (in letters) are never corrected.
    public var minimumLength = 4

    public init(kazakh: Lexicon, russian: Lexicon, names: Lexicon, kazakhMorphology: Morphology, russianMorphology: Morphology,
                kazakhModel: CharModel? = nil, russianModel: CharModel? = nil) {
        self.kazakhModel = kazakhModel ?? CharModel(lexicon: kazakh)
        self.russianModel = russianModel ?? CharModel(lexicon: russian)
        self.russianStems = SpellChecker.russianStems(russian)
        let (induced, inducedList) = SpellChecker.inducedKazakhStems(kazakh: kazakh, russian: russian, names: names,
                                                                     morphology: kazakhMorphology)
        self.inducedStems = induced
        self.attestationIndex = AttestationIndex(kazakh: kazakh, russian: russian, names: names, kazakhMorphology: kazakhMorphology,
                                                 russianMorphology: russianMorphology, russianEndings: SpellChecker.russianEndings,
                                                 inducedKazakhStems: inducedList)
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

    /// `russianEndings` that can end a word ending in `last`, in the same order: those ending in that letter,
    /// then the empty ending.
    static func russianEndings(endingWith last: UInt32?) -> [[UInt32]] {
        guard let last, let list = russianEndingsByLast[last] else { return [[]] }
        return list
    }

    private static let russianEndingsByLast: [UInt32: [[UInt32]]] = {
        var m: [UInt32: [[UInt32]]] = [:]
        for e in russianEndings {
            if let last = e.last { m[last, default: []].append(e) }
        }
        return m.mapValues { $0 + [[]] }
    }()

    /// Hash of a letter sequence (for `russianStems`).
    @inline(__always)
    static func stemKey(_ s: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in s { h = (h ^ UInt64(u)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 31)
    }

    /// Every Russian stem of at least four letters (a lexicon word minus one of `russianEndings`, by hash)
    /// with the total count of the words it stems.
    static func russianStems(_ lexicon: Lexicon) -> UInt64Map<Int32> {
        var stems = UInt64Map<Int32>(capacity: lexicon.wordCount * 4, empty: 0)
        var w: [UInt32] = []
        lexicon.forEachEntry { bytes, count in
            w.removeAll(keepingCapacity: true)
            for s in String(decoding: bytes, as: UTF8.self).unicodeScalars { w.append(s.value) }
            for ending in russianEndings(endingWith: w.last) where ending.count < w.count - 3 && w.suffix(ending.count).elementsEqual(ending) {
                stems.update(stemKey(w.dropLast(ending.count))) { $0 += Int32(clamping: count) }
            }
        }
        return stems
    }

    /// A Russian analysis of an unknown form: a stem of at least four letters that the Russian lexicon has
    /// with other endings, seen at least `knownMinimumCount` times in all. Returns the stem and that count.
    func russianParadigm(_ word: [UInt32]) -> (stem: String, count: Int)? {
        if word.contains(where: { SpellChecker.lostKazakh[$0] != nil }) { return nil }
        let own = count(word, in: russian)
        for ending in SpellChecker.russianEndings(endingWith: word.last) where ending.count < word.count - 3 {
            guard word.suffix(ending.count).elementsEqual(ending) else { continue }
            let stem = word.dropLast(ending.count)
            let total = Int(russianStems[SpellChecker.stemKey(stem)]) - own
            if total >= knownMinimumCount { return (String(scalars: stem), total) }
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
            let listed = count(stem, in: kazakh) + count(stem, in: names) + count(stem, in: russian)
            return listed > 0 ? listed : inducedCount(stem[...])
        }
    }

    /// How many listed Kazakh forms (stem plus a valid suffix chain) must share an unlisted stem for it to count.
    static let inducedStemMinimumForms: Int32 = 2
    /// Shortest induced stem (letters).
    static let inducedStemMinimumLength = 4

    /// The total count of the listed forms of an induced stem, or 0.
    func inducedCount(_ stem: ArraySlice<UInt32>) -> Int {
        let t = inducedStems[SpellChecker.stemKey(stem)]
        return t.forms >= SpellChecker.inducedStemMinimumForms ? Int(t.count) : 0
    }

    /// Every unlisted stem of at least `inducedStemMinimumLength` letters that is the start of a listed Kazakh word
    /// followed by a valid suffix chain, with how many listed words it starts that way and their total count; and
    /// the stems with at least `inducedStemMinimumForms` such words (for the attestation index). Real stems come in
    /// families (`алқапта`, `алқаптары`, `алқаптың`); a typo of the corpus rarely has two inflected forms.
    static func inducedKazakhStems(kazakh: Lexicon, russian: Lexicon, names: Lexicon,
                                   morphology: Morphology) -> (UInt64Map<StemTally>, [[UInt32]]) {
        var tally = UInt64Map<StemTally>(capacity: kazakh.wordCount * 2, empty: StemTally(forms: 0, count: 0))
        var found: [[UInt32]] = []
        var w: [UInt32] = []
        var buf: [UInt8] = []
        kazakh.forEachEntry { bytes, count in
            w.removeAll(keepingCapacity: true)
            for s in String(decoding: bytes, as: UTF8.self).unicodeScalars { w.append(s.value) }
            guard w.count > inducedStemMinimumLength else { return }
            let end = w.withUnsafeBufferPointer { b in (inducedStemMinimumLength..<w.count).map { morphology.readableEnd(b, stemLength: $0) } }
            for p in inducedStemMinimumLength..<w.count where end[p - inducedStemMinimumLength] == w.count {
                guard morphology.suffixes(of: w, after: p) != nil else { continue }
                buf.removeAll(keepingCapacity: true)
                for u in w[0..<p] { appendUTF8(u, to: &buf) }
                let listed = buf.withUnsafeBufferPointer { kazakh.count($0) + russian.count($0) + names.count($0) }
                guard listed == 0 else { continue }
                let added = tally.update(stemKey(w[0..<p])) { t -> Bool in
                    t.forms += 1
                    t.count &+= Int32(clamping: count)
                    return t.forms == inducedStemMinimumForms
                }
                if added { found.append(Array(w[0..<p])) }
            }
        }
        return (tally, found)
    }

    func russianAnalysis(_ word: [UInt32], minimumStemCount: Int = 1) -> Morphology.Analysis? {
        russianMorphology.analyze(word, minimumStemCount: minimumStemCount) { stem in count(stem, in: names) }
    }

    /// How a form is attested for a language.
    struct Attestation {
        /// Corpus count or names weight of the form, or of its stem or sibling.
        var frequency: Int
        /// Where it is known from (`kk lexicon`, `names`, `kk morphology: мемлекет+тік`, `ru paradigm: like …`).
        var source: String
        /// Its prior probability: relative frequency, times `morphologyPrior` per suffix for forms known only
        /// through morphology or a paradigm.
        var prior: Double
        var derived: Bool
        /// For derived forms: the stem as spelled at the start of the form (in letters).
        var stemLength = 0
    }

    /// How well a candidate form is attested for a language, or nil if unknown.
    /// `derived`: also forms known through morphology or a paradigm; `siblings`: also Kazakh forms whose stem is
    /// attested with another suffix chain (costly, used for the checked word itself).
    func attestation(_ word: [UInt32], language: Language, derived: Bool = true, siblings: Bool = false) -> Attestation? {
        let primary = language == .kazakh ? kazakh : russian
        let total = Double(max(1, primary.totalCount))
        let c = count(word, in: primary)
        let n = count(word, in: names)
        if c > 0 || n > 0 {
            let f = max(c, n)
            return Attestation(frequency: f, source: n >= c ? "names" : language.rawValue + " lexicon",
                               prior: Double(f) / total, derived: false)
        }
        guard derived else { return nil }
        let analysis = language == .kazakh ? kazakhAnalysis(word, minimumStemCount: 2) : russianAnalysis(word, minimumStemCount: 2)
        if let a = analysis {
            return Attestation(frequency: a.stemCount,
                               source: "\(language.rawValue) morphology: \(a.stem)+\(a.suffixes.joined(separator: "+"))",
                               prior: Double(a.stemCount) / total * pow(morphologyPrior, Double(a.suffixes.count)), derived: true,
                               stemLength: a.stemLength)
        }
        if language == .russian, let (stem, f) = russianParadigm(word) {
            return Attestation(frequency: f, source: "ru paradigm: \(stem)-", prior: Double(f) / total * morphologyPrior,
                               derived: true, stemLength: stem.unicodeScalars.count)
        }
        if language == .kazakh, siblings, let sibling = kazakhSibling(word) {
            let f = count(sibling.unicodeScalars.map(\.value), in: kazakh)
            return Attestation(frequency: f, source: "kk sibling: like \(sibling)", prior: Double(f) / total * morphologyPrior * morphologyPrior,
                               derived: true)
        }
        return nil
    }

    /// True when a lexicon (Kazakh or Russian) lists another word that shares all but the last two letters of
    /// `word`: an inflected or derived relative.
    func hasRelatives(_ word: [UInt32]) -> Bool {
        var prefix: [UInt8] = []
        for u in word.dropLast(2) { appendUTF8(u, to: &prefix) }
        var own: [UInt8] = []
        for u in word { appendUTF8(u, to: &own) }
        for lexicon in [kazakh, russian] {
            for e in lexicon.entries(withPrefix: prefix, limit: 2) where Array(lexicon.word(at: e).utf8) != own {
                return true
            }
        }
        return false
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

    /// Letters a typist inserts next to a letter with no neighbouring key (the Kazakh letters on their own
    /// keys): the commonest vowels and sonorants.
    static let strayLetters: [UInt32] = "аоеин".unicodeScalars.map(\.value)

    /// Kazakh letters by the Russian letter they become when lost (к → қ, и → і…), and OCR misreadings
    /// (э → ә, е → ө).
    static let restoredKazakh: [UInt32: [UInt32]] = {
        var m: [UInt32: [UInt32]] = [:]
        for (kazakh, lost) in lostKazakh {
            for l in lost { m[l, default: []].append(kazakh) }
        }
        return m.mapValues { $0.sorted() }
    }()

    /// The error model (noisy channel): P(typed word | intended word) for one edit of a given kind. It follows
    /// the error kinds of typed and OCR'd text (and of shared/typos/build.py): an adjacent transposition, a
    /// deleted letter, a stray letter inserted before a letter whose key it neighbours (or a common vowel before
    /// a Kazakh letter), a doubled letter, a neighbouring-key substitution, a lost Kazakh letter. Each kind is
    /// equally likely; within a kind, positions (and letters) are uniform. The first and last letters are
    /// rarely mistyped: edits there get `edgeFactor` of the in-word probability.
    struct Channel {
        let kinds: Double
        static let edgeFactor = 0.01
        /// Weight of a spurious reduced vowel (і, ы) against a stray key.
        static let reducedVowel = 0.3
        /// A positional probability 1/slots for an edit inside the word, `edgeFactor`/slots at its ends.
        @inline(__always)
        static func position(_ inside: Bool, slots: Int) -> Double {
            (inside ? 1 : edgeFactor) / Double(max(1, slots))
        }
    }

    /// Positions 1…m-1 of `c` whose letter has keyboard neighbours (where a substitution can happen).
    static func substitutionSlots(_ c: [UInt32]) -> Int {
        var k = 0
        for i in 1..<max(1, c.count) where neighbours[c[i]] != nil { k += 1 }
        return k
    }

    /// Kazakh letters of `c` (where a letter can be lost).
    static func kazakhSlots(_ c: [UInt32]) -> Int {
        c.reduce(0) { $0 + (lostKazakh[$1] != nil ? 1 : 0) }
    }

    /// What the decision to apply a correction rests on: the noisy-channel scores of the best candidate
    /// against the alternatives (the word is a novel word of the language, the word is an attested rare or
    /// derived form, another candidate), and properties of the word and the edit.
    struct Features: CustomStringConvertible {
        var overCharModel: Double, overOthers: Double, overSelf: Double, selfAttested: Double
        var logPrior: Double, logChannel: Double, titleCase: Double, length: Double, derived: Double
        var inDocument: Double, lostKazakh: Double, dropped: Double, transposed: Double, short: Double
        var stemInDocument: Double
        /// A derived candidate with a large lead over both the novel-word reading and the other candidates: such
        /// candidates are as reliable as listed ones (the model is linear, so it needs the conjunction spelled out).
        var derivedStrong: Double
        /// The word itself is attested only once in a corpus (the corpora have typos of their own).
        var selfHapax: Double
        /// `overOthers` capped at 8 (it is 30 when there is no other candidate).
        var overOthersCapped: Double
        /// Another candidate is nearly as good (lead under one nat): the commonest cause of wrong corrections.
        var closeRival: Double
        /// The candidate is listed but seen only once: it may itself be a corpus typo or a rare form.
        var candidateHapax: Double
        /// The candidate is known only as a Russian stem with another ending (the weakest attestation).
        var russianParadigm: Double
        /// `overCharModel` capped at 20.
        var overCharModelCapped: Double
        /// How much more the character model likes the candidate than the word, per letter: a derived candidate
        /// such as `литературй` is no more word-like than the typo.
        var charGain: Double

        var values: [Double] {
            [overCharModel, overOthers, overSelf, selfAttested, logPrior, logChannel, titleCase, length, derived,
             inDocument, lostKazakh, dropped, transposed, short, stemInDocument, derivedStrong, selfHapax,
             overOthersCapped, closeRival, candidateHapax, russianParadigm, overCharModelCapped, charGain]
        }

        /// Logistic-regression weights of `values` and the intercept, fitted by scripts/fit-typos.py on build.py
        /// sets made from corpus text the lexicons did not see (scripts/typo-tuning-sets.sh: three folds of
        /// whole held-out articles and stories, and the every-20th-line set with seed 7); shared/typos/dev and
        /// seed 23 were not used for fitting.
        static let weights: [Double] = [-0.0650, 0.0195, 0.0614, -1.2411, 0.0510, 1.0625, -0.9077, 2.5800, -2.9290,
                                        1.4156, -2.0515, -0.6563, -0.5649, -0.6735, 0.0657, 1.4583, -5.0835,
                                        0.0702, -0.3555, -1.0284, -0.3192, 0.1748, 1.1920]
        static let intercept = 2.6755

        var logit: Double {
            zip(values, Features.weights).reduce(Features.intercept) { $0 + $1.0 * $1.1 }
        }

        var description: String { values.map { String(format2($0)) }.joined(separator: " ") }
    }

    /// Ranks corrections for an unknown lowercase word with a noisy-channel model and decides whether the
    /// best one is safe to apply.
    ///
    /// Every candidate c one edit away that is attested (lexicon, names, Kazakh morphology, a Russian
    /// paradigm) gets the score log(P(c) × P(word | c)): P(c) is its corpus frequency (forms known only by
    /// morphology get `morphologyPrior` per suffix of their stem's frequency) plus `documentWeight` × its
    /// frequency in this document; P(word | c) is the error model (`Channel`). The best candidate is applied
    /// when a logistic model of its evidence (`Features`: its score against the character model's
    /// probability of the word as a novel word, against the word's own attestation and against the other
    /// candidates, and the kind of edit) reaches `minimumLogit`. `titleCase` tells that the word was
    /// capitalised, `documentTokens` is the number of words of the document, `documentPrefix` how many
    /// distinct lowercase words of it start with a prefix, `documentCount` how often a lowercase form occurs in it.
    public func verdict(for word: [UInt32], language: Language, alsoOther: Bool, titleCase: Bool = false,
                        documentTokens: Int = 0, documentPrefix: (String) -> Int = { _ in 0 },
                        documentCount: (String) -> Int) -> Verdict {
        var best: [String: Candidate] = [:]
        var channelOf: [[UInt32]: (Double, String, Double)] = [:]  // candidate → (P(word|c), kind, best part)
        func add(_ c: [UInt32], _ p: Double, _ kind: String) {
            guard p > 0 else { return }
            if let old = channelOf[c] {
                channelOf[c] = (old.0 + p, p > old.2 ? kind : old.1, max(p, old.2))
            } else {
                channelOf[c] = (p, kind, p)
            }
        }
        let w = word
        let n = w.count
        guard n >= 2 else { return Verdict(candidates: [], confident: false, note: "too short") }
        let kazakhText = language == .kazakh || !alsoOther
        let alphabet = kazakhText ? SpellChecker.russianLetters + SpellChecker.kazakhLetters : SpellChecker.russianLetters
        let kinds = kazakhText ? 6.0 : 5.0
        let docTokens = Double(max(1, documentTokens))
        // The word itself may be a rare form, an unseen form of a known stem, or a name. When it is listed, only
        // listed words compete with it; when it is known only by morphology, derived candidates compete too
        // (`алтынен` as алты+нен against алтын+мен) and the confidence model weighs the two readings.
        var selfAttestation = attestation(word, language: language, siblings: true)
        if alsoOther, let other = attestation(word, language: language == .kazakh ? .russian : .kazakh, siblings: true),
           other.prior > selfAttestation?.prior ?? 0 {
            selfAttestation = other
        }
        let selfPrior = selfAttestation?.prior ?? 0
        let selfHapax = selfAttestation.map { !$0.derived && $0.frequency == 1 } ?? false
        let logSelf = selfPrior > 0 ? log(selfPrior) : -Double.infinity
        let derived = selfPrior == 0 || selfAttestation?.derived == true
        // Candidates are spelled one at a time into `scratch`; only those the attestation index cannot
        // rule out are built as arrays and scored (the others would find no attestation below).
        let filter = CandidateFilter(word: w, index: attestationIndex, kazakhMorphology: kazakhMorphology,
                                     russianMorphology: russianMorphology, kazakh: language == .kazakh || alsoOther,
                                     russian: language == .russian || alsoOther, derived: derived)
        var scratch = w + [0]
        func survives(_ length: Int, _ start: Int) -> Bool {
            scratch.withUnsafeBufferPointer { filter.mayBeAttested(UnsafeBufferPointer(rebasing: $0[0..<length]), start: start) }
        }
        // transposition of c[i], c[i+1] (inside: 1 ≤ i ≤ m-3)
        for i in 0..<(n - 1) where w[i] != w[i + 1] && filter.isLive(i) {
            scratch.swapAt(i, i + 1)
            if survives(n, i) {
                add(Array(scratch[0..<n]), Channel.position(i >= 1 && i <= n - 3, slots: n - 3), "transposed letters")
            }
            scratch.swapAt(i, i + 1)
        }
        // a letter of c was deleted: insert one (c has m = n+1 letters; inside: 1 ≤ i ≤ m-2)
        for i in 0...n where filter.isLive(i) {
            let p = Channel.position(i >= 1 && i <= n - 1, slots: n - 1)
            for k in i..<n { scratch[k + 1] = w[k] }
            for x in alphabet {
                scratch[i] = x
                if survives(n + 1, i) {
                    add(Array(scratch[0..<(n + 1)]), p, "dropped letter")
                }
            }
            for k in i..<n { scratch[k] = w[k] }
        }
        // a stray or doubled letter was inserted at i: remove it (c has m = n-1 letters; inside: 1 ≤ i ≤ m-2)
        if n >= 4 {
            for i in 0..<n where filter.isLive(i) {
                let next: UInt32? = i + 1 < n ? w[i + 1] : nil
                let inside = i >= 1 && i <= n - 3
                for k in i..<(n - 1) { scratch[k] = w[k + 1] }
                defer { for k in i..<n { scratch[k] = w[k] } }
                guard survives(n - 1, i) else { continue }
                let c = Array(scratch[0..<(n - 1)])
                if let next, w[i] == next {
                    add(c, Channel.position(inside, slots: n - 3), "doubled letter")
                }
                guard let next else { continue }
                let pool = SpellChecker.neighbours[next].map { Array($0) } ?? SpellChecker.strayLetters
                if pool.contains(w[i]) {
                    add(c, Channel.position(inside, slots: n - 3) / Double(pool.count), "inserted letter")
                } else if kazakhText && (w[i] == 0x0456 || w[i] == 0x044B) {
                    // a reduced vowel і/ы written where Kazakh pronounces one (`екінішісі` for `екіншісі`)
                    add(c, Channel.reducedVowel * Channel.position(inside, slots: n - 3), "inserted vowel")
                }
            }
        }
        // substitutions: a neighbouring key (inside: i ≥ 1) or a lost Kazakh letter (anywhere)
        for i in 0..<n where filter.isLive(i) {
            defer { scratch[i] = w[i] }
            if let keys = SpellChecker.neighbours[w[i]] {
                for x in keys {
                    scratch[i] = x
                    guard survives(n, i) else { continue }
                    let c = Array(scratch[0..<n])
                    let slots = SpellChecker.substitutionSlots(c)
                    let fan = Double(SpellChecker.neighbours[x]?.count ?? 1)
                    add(c, Channel.position(i >= 1, slots: slots) / fan, "neighbouring key")
                }
            }
            if kazakhText, let restored = SpellChecker.restoredKazakh[w[i]] {
                for x in restored {
                    scratch[i] = x
                    guard survives(n, i) else { continue }
                    let c = Array(scratch[0..<n])
                    let ocr = SpellChecker.lostKazakh[x]?.first != w[i]
                    add(c, (ocr ? 0.3 : 1) / Double(max(1, SpellChecker.kazakhSlots(c))),
                        ocr ? "OCR-confused Kazakh letter" : "lost Kazakh letter")
                }
            }
        }
        for (c, (channel, kind, _)) in channelOf {
            var found = attestation(c, language: language, derived: derived).map { ($0, language) }
            if found == nil && alsoOther {
                let other: Language = language == .kazakh ? .russian : .kazakh
                found = attestation(c, language: other, derived: derived).map { ($0, other) }
            }
            guard let (a, lang) = found else { continue }
            let key = String(scalars: c)
            let doc = documentCount(key)
            let prior = a.prior * (lang == language ? 1 : otherLanguagePrior) + documentWeight * Double(doc) / docTokens
            let joint = prior * channel / kinds
            best[key] = Candidate(word: key, error: kind, frequency: a.frequency, source: a.source, documentCount: doc,
                                  channel: channel / kinds, prior: prior, score: log(joint), derived: a.derived)
            if a.derived && a.stemLength >= 4 {
                let stem = String(scalars: c[0..<a.stemLength])
                let own = w.count >= a.stemLength && w[0..<a.stemLength].elementsEqual(c[0..<a.stemLength]) ? 1 : 0
                best[key]!.stemInDocument = documentPrefix(stem) - own > 0
            }
        }
        let ranked = best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.word < $1.word }
        guard let top = ranked.first else {
            return Verdict(candidates: [], confident: false, confidence: 0, note: "no known word one edit away")
        }
        var charLP = (language == .kazakh ? kazakhModel : russianModel).logProbability(word)
        if alsoOther {
            charLP = max(charLP, (language == .kazakh ? russianModel : kazakhModel).logProbability(word))
        }
        let logOthers = max(logSumExp(ranked.dropFirst().map(\.score)), top.score - 30)
        // A corpus hapax with no relatives, one edit from a common word, is more likely a typo of the corpus
        // (`екінішісі`, once in Kazakh Wikipedia, beside `екіншісі` 20×) than a rare form: real word forms come
        // in families. Then the word counts as unattested.
        let weakHapax = selfHapax && n >= 8 && !top.derived && top.frequency >= 10 && !hasRelatives(word)
        let attested = selfPrior > 0 && !weakHapax
        let topScalars = top.word.unicodeScalars.map(\.value)
        var candidateLP = (language == .kazakh ? kazakhModel : russianModel).logProbability(topScalars)
        if alsoOther {
            candidateLP = max(candidateLP, (language == .kazakh ? russianModel : kazakhModel).logProbability(topScalars))
        }
        let features = Features(
            overCharModel: top.score - charLP, overOthers: top.score - logOthers,
            overSelf: attested ? top.score - logSelf : 0, selfAttested: attested ? 1 : 0,
            logPrior: log(top.prior), logChannel: log(top.channel), titleCase: titleCase ? 1 : 0,
            length: Double(min(n, 12)) / 10, derived: top.derived ? 1 : 0, inDocument: top.documentCount > 0 ? 1 : 0,
            lostKazakh: top.error == "lost Kazakh letter" ? 1 : 0, dropped: top.error == "dropped letter" ? 1 : 0,
            transposed: top.error == "transposed letters" ? 1 : 0, short: n <= 5 ? 1 : 0,
            stemInDocument: top.stemInDocument ? 1 : 0,
            derivedStrong: top.derived && top.score - charLP >= 12 && top.score - logOthers >= 4 ? 1 : 0,
            selfHapax: selfHapax && !weakHapax ? 1 : 0, overOthersCapped: min(top.score - logOthers, 8),
            closeRival: top.score - logOthers < 1 ? 1 : 0, candidateHapax: !top.derived && top.frequency == 1 ? 1 : 0,
            russianParadigm: top.source.hasPrefix("ru paradigm") ? 1 : 0, overCharModelCapped: min(top.score - charLP, 20),
            charGain: (candidateLP - charLP) / Double(n))
        let z = features.logit
        let posterior = 1 / (1 + exp(-z))
        let confident = n >= minimumLength && z >= minimumLogit
        var note = "\(top.error); \(top.source), seen \(top.frequency)×"
        if top.documentCount > 0 { note += ", \(top.documentCount)× in this document" }
        if ranked.count > 1 {
            note += "; next: " + ranked.dropFirst().prefix(2).map { "\($0.word) (\(formatScore($0.score - top.score)))" }
                .joined(separator: ", ")
        }
        note += "; confidence \(formatScore(posterior * 100))% [\(features.description)]"
        return Verdict(candidates: Array(ranked.prefix(5)), confident: confident, confidence: posterior, note: note,
                       selfAttested: attested)
    }
}

/// Listed forms of a stem and their total corpus count.
struct StemTally: BitwiseCopyable, Sendable {
    var forms: Int32
    var count: Int32
}

/// log(Σ eˣ) without overflow.
func logSumExp(_ xs: [Double]) -> Double {
    guard let m = xs.max(), m > -Double.infinity else { return -Double.infinity }
    return m + log(xs.reduce(0) { $0 + exp($1 - m) })
}

/// A number with two decimals (for feature dumps in notes).
func format2(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    return r == r.rounded() ? String(Int(r)) : String(r)
}

func formatScore(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}
