/// The word layer of Latin → Cyrillic. The letter rules (`Rules/translit/kk-*-from-latin.txt`) give the
/// native reading of an ambiguous letter (İ/i → И or Й by context, H → Х, ts → ТС, ä → Ә); this layer
/// replaces a whole word by the most frequent Cyrillic word in `Rules/translit/kk-words.tsv` that
/// transliterates to it, when that word differs from what the rules give (Һ in шаһар, Ц in цирк, Я
/// after a consonant in армян, Й at the start of йод).
///
/// It changes only words written in lower case, Title case or ALL CAPS with letters of the scheme's
/// alphabet (CamelCase words get the letter rules alone); it never changes URLs, e-mail addresses, words with letters the rules leave in Latin (c, w, x),
/// words that start in lower case and continue in capitals (iPhone), digits or punctuation.
struct ReverseLexicon: Sendable {
    let scheme: TransliterationScheme
    /// Latin word (lower case) → Cyrillic word (lower case), only where the rules alone are wrong.
    private let exceptions: [String: String]
    /// kk-2018 writes И, Й and І all as capital I: Latin word with i/ı folded → the most frequent
    /// Cyrillic word, for words that contain a capital I.
    private let folded: [String: String]
    /// The first `minimumStem` letters of every exception usable as a stem: most words start with none
    /// of them, and skip the stem search.
    private let stemStarts: Set<String>
    /// Exceptions that come from the Russian spellings (`Source.borrowedOnly`), not from Kazakh forms.
    private let borrowedKeys: Set<String>
    /// Kazakh suffix grammar: a borrowed stem takes only a suffix chain it spells (чемпионат+тың).
    private let morphology: Morphology

    init(words store: RuleStore, forward: ByteTransliterator, rulesOnly: ByteTransliterator,
         scheme: TransliterationScheme) throws {
        self.scheme = scheme
        var best: [String: (word: String, count: Int)] = [:]
        var borrowed: Set<String> = []
        var bestFolded: [String: (word: String, count: Int)] = [:]
        // Kazakh word forms first; then the Russian spellings Kazakh text borrows (объект, съезд, Чехов),
        // for Latin words no Kazakh form claims.
        for source in Self.sources {
            let (words, counts) = try Self.readWords(source, from: store)
            let latin = forward.transliterate(words.joined(separator: "\n")).split(separator: "\n", omittingEmptySubsequences: false)
            guard latin.count == words.count else {
                throw NormalizeError.ruleFile(path: store.displayPath(source.name), line: 0, column: 0,
                                              message: "a word contains a line break")
            }
            var claimed: [String: (word: String, count: Int)] = [:]
            var claimedFolded: [String: (word: String, count: Int)] = [:]
            for (k, l) in latin.enumerated() {
                let key = String(l)
                if best[key] == nil, claimed[key].map({ $0.count < counts[k] }) ?? true { claimed[key] = (words[k], counts[k]) }
                if scheme == .kk2018 {
                    let f = Self.fold(key)
                    if bestFolded[f] == nil, claimedFolded[f].map({ $0.count < counts[k] }) ?? true {
                        claimedFolded[f] = (words[k], counts[k])
                    }
                }
            }
            if source.borrowedOnly {
                // Every word of the list competes for its Latin spelling, but only a winner the letter rules
                // cannot give back is kept (сменить, not сменит, for "smenit").
                claimed = claimed.filter { Self.isBorrowed($0.value.word) }
                claimedFolded = claimedFolded.filter { Self.isBorrowed($0.value.word) }
                borrowed.formUnion(claimed.keys)
            }
            best.merge(claimed) { old, _ in old }
            bestFolded.merge(claimedFolded) { old, _ in old }
        }
        let keys = Array(best.keys)
        let byRules = rulesOnly.transliterate(keys.joined(separator: "\n")).split(separator: "\n", omittingEmptySubsequences: false)
        var exceptions: [String: String] = [:]
        for (k, key) in keys.enumerated() where byRules[k] != best[key]!.word {
            exceptions[key] = best[key]!.word
        }
        self.exceptions = exceptions
        borrowedKeys = borrowed.intersection(exceptions.keys)
        morphology = try Morphology(rules: store, name: Morphology.kazakhFile)
        stemStarts = Set(exceptions.compactMap { key, cyrillic in
            let letters = key.unicodeScalars
            guard letters.count >= Self.minimumStem, cyrillic.last != "ь", cyrillic.last != "ъ" else { return nil }
            return String(String.UnicodeScalarView(letters.prefix(Self.minimumStem)))
        })
        folded = bestFolded.mapValues { $0.word }
    }

    /// A word list the reverse direction reads. `borrowedOnly`: keep only words with a letter the
    /// letter rules cannot give back (Ц Ч Щ Ъ Ь Э Ё Ю Я), i.e. Russian spellings, so a Russian form never
    /// replaces a native Kazakh reading of the same Latin word.
    private struct Source {
        let name: String
        let borrowedOnly: Bool
    }

    private static let sources = [
        Source(name: "translit/kk-words.tsv", borrowedOnly: false),
        Source(name: "lexicon/ru.tsv", borrowedOnly: true),
    ]

    private static let minimumBorrowedCount = 2

    private static let borrowedLetters: Set<Unicode.Scalar> = ["ц", "ч", "щ", "ъ", "ь", "э", "ё", "ю", "я"]

    static func isBorrowed(_ word: String) -> Bool {
        word.unicodeScalars.contains { borrowedLetters.contains($0) }
    }

    /// `word<TAB>count` lines (`#` comments); with `borrowedOnly`, only single lowercase words of
    /// Cyrillic letters are kept.
    private static func readWords(_ source: Source, from store: RuleStore) throws -> ([String], [Int]) {
        let text = try store.text(source.name)
        var words: [String] = []
        var counts: [Int] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let count = Int(parts[1]) else {
                throw NormalizeError.ruleFile(path: store.displayPath(source.name), line: n + 1, column: 1,
                                              message: "expected 'word<TAB>count'")
            }
            let word = String(parts[0])
            if source.borrowedOnly {
                // The lexicon is lowercased by its build script; anything else (capitals, hyphens) is skipped.
                let letters = Array(word.unicodeScalars)
                guard letters.allSatisfy({ (0x430...0x4FF).contains($0.value) }) else { continue }
                // A short word or one with a silent letter inside, seen once, may be a misprint or an archaism
                // (тать, синь, мильон) that takes the place of a Kazakh word: not evidence enough.
                let silentInside = letters.dropLast().contains { $0 == "ь" || $0 == "ъ" }
                if count < Self.minimumBorrowedCount && (letters.count <= 4 || silentInside) { continue }
            }
            words.append(word)
            counts.append(count)
        }
        return (words, counts)
    }

    private static func fold(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "ı" ? "i" : $0 }))
    }

    /// Lower case in the scheme's alphabet: kk-2021 İ → i, I → ı (never a locale's i/I); kk-2018 I → i
    /// (callers fold i/ı for kk-2018 words with a capital I).
    private func lowercased(_ word: Substring.UnicodeScalarView) -> String {
        var out = String.UnicodeScalarView()
        for s in word {
            switch (scheme, s) {
            case (.kk2021, "İ"): out.append("i")
            case (.kk2021, "I"): out.append("ı")
            default: out.append(contentsOf: String(s).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// Kazakh adds suffixes to loanwords (элемент-тері, Моцарт-тың, концентрация-ның): when the word
    /// itself is not listed, the longest listed exception it starts with (at least `minimumStem` letters)
    /// gives the stem, and the rules give the rest, provided the rules spell the stem the same way inside
    /// the word as alone (no rule straddles the boundary).
    private func stemmed(_ lower: String, engine: ByteTransliterator) -> String? {
        let letters = Array(lower.unicodeScalars)
        guard letters.count > Self.minimumStem,
              stemStarts.contains(String(String.UnicodeScalarView(letters.prefix(Self.minimumStem)))) else { return nil }
        for end in stride(from: letters.count - 1, through: Self.minimumStem, by: -1) {
            let stem = String(String.UnicodeScalarView(letters[..<end]))
            // A stem ending in Ь or Ъ loses it before a suffix (модель, моделі): not a usable stem.
            guard let cyrillicStem = exceptions[stem], let last = cyrillicStem.unicodeScalars.last,
                  last != "ь", last != "ъ" else { continue }
            let whole = engine.transliterate(lower)
            let stemByRules = engine.transliterate(stem)
            guard whole.hasPrefix(stemByRules) else { return nil }
            let result = cyrillicStem + whole.dropFirst(stemByRules.count)
            if borrowedKeys.contains(stem) {
                // A Russian stem: no dropped Ь/Ъ inside it (статьи+стикалық is статистикалық misread), and the
                // rest must be a Kazakh suffix chain after it.
                guard !cyrillicStem.unicodeScalars.contains(where: { $0 == "ь" || $0 == "ъ" }) else { continue }
                let scalars = result.unicodeScalars.map(\.value)
                let stemLength = cyrillicStem.unicodeScalars.count
                // A one-letter rest is too often the stem's own ending (заявлени|е read as заявлений+е).
                guard scalars.count - stemLength >= 2,
                      morphology.suffixes(of: scalars, after: stemLength) != nil else { continue }
            }
            return result
        }
        return nil
    }

    private static let minimumStem = 5

    /// Latin → Cyrillic of valid UTF-8 `input` into `output`; returns the bytes written.
    func transliterate(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                       engine: ByteTransliterator) -> Int {
        var written = 0
        func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let b = bytes.baseAddress else { return }
            (output + written).update(from: b, count: bytes.count)
            written += bytes.count
        }
        func emit(_ s: String) {
            var t = s
            t.withUTF8 { emit($0) }
        }
        let text = String(decoding: input, as: UTF8.self)
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            // A whitespace-separated chunk that looks like a URL or an e-mail address is copied whole.
            var chunkEnd = i
            while chunkEnd < scalars.endIndex && !scalars[chunkEnd].properties.isWhitespace { scalars.formIndex(after: &chunkEnd) }
            let chunk = Substring(text.unicodeScalars[i..<chunkEnd])
            if chunk.contains("@") || chunk.contains("://") || chunk.hasPrefix("www.") {
                emit(String(chunk))
                i = chunkEnd
                continue
            }
            var j = i
            while j < chunkEnd {
                var k = j
                if scalars[j].properties.isAlphabetic {
                    while k < chunkEnd && scalars[k].properties.isAlphabetic { scalars.formIndex(after: &k) }
                    emit(convertWord(Substring(text.unicodeScalars[j..<k]), engine: engine))
                } else {
                    while k < chunkEnd && !scalars[k].properties.isAlphabetic { scalars.formIndex(after: &k) }
                    emit(String(text.unicodeScalars[j..<k]))
                }
                j = k
            }
            var w = chunkEnd
            while w < scalars.endIndex && scalars[w].properties.isWhitespace { scalars.formIndex(after: &w) }
            emit(String(text.unicodeScalars[chunkEnd..<w]))
            i = w
        }
        return written
    }

    private enum Shape { case lower, title, upper }

    private func convertWord(_ word: Substring, engine: ByteTransliterator) -> String {
        let scalars = word.unicodeScalars
        let uppers = scalars.map { $0.properties.isUppercase }
        let shape: Shape
        if !uppers.contains(true) {
            shape = .lower
        } else if !uppers.contains(false) {
            shape = uppers.count > 1 ? .upper : .title
        } else if uppers[0] && !uppers.dropFirst().contains(true) {
            shape = .title
        } else if uppers[0] {
            // CamelCase (ҚазАгро): the rules alone, letter by letter.
            return engine.transliterate(String(word))
        } else {
            // Lower case then capitals (iPhone, eBay): a brand name, kept.
            return String(word)
        }
        let lower = shape == .lower ? String(word) : lowercased(scalars)
        var found: String?
        if scheme == .kk2018 && shape != .lower && scalars.contains("I") {
            found = folded[Self.fold(lower)]
        } else {
            found = exceptions[lower]
        }
        if found == nil && shape != .upper { found = stemmed(lower, engine: engine) }
        guard let cyrillic = found else {
            // Letters the rules leave in Latin (c without h, w, x) mark a foreign word: keep it whole.
            let byRules = engine.transliterate(String(word))
            return byRules.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic } ? String(word) : byRules
        }
        switch shape {
        case .lower: return cyrillic
        case .upper: return cyrillic.uppercased()
        case .title: return cyrillic.prefix(1).uppercased() + cyrillic.dropFirst()
        }
    }
}
