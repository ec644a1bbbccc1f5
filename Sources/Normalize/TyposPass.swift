/// Repairs non-word typos in Kazakh and Russian running text (or, in `suggest` mode, only reports them).
///
/// Changes: a word that is not listed in the Kazakh, Russian or names lexicons and occurs once in the
/// document, when a candidate one edit away wins under the noisy-channel model and the confidence model of
/// `SpellChecker` (corpus frequency, document counts, error likelihood, the word's own attestation by
/// morphology). The candidate takes the word's case (lower or Title); surrounding punctuation is kept. Every
/// change is an `Edit` (`typo.lexicon`, `typo.names`, `typo.morphology`, `typo.document`) whose note gives the
/// evidence.
///
/// Never changes: known words of either language, words with digits or Latin letters, words with two or more
/// capitals (abbreviations, all-caps headings), blocks labelled with another language, hyphenated words and line-end hyphen fragments, words shorter
/// than four letters, words seen twice or more in the document, and anything that is not running text.
///
/// In `suggest` mode it reports the confident corrections ("would fix"), words spelled otherwise elsewhere in
/// the document (context), and uncertain candidates with at least even odds for attested words
/// (`attestedSuggestionFloor`) or `unattestedSuggestionFloor` for non-words; `suggestAll` lists every
/// candidate with its features (for fitting the confidence model).
public struct TyposPass: Pass {
    public let name = "typos"
    public var mode: Configuration.TypoMode
    /// Suggest mode: also list low-confidence candidates (every unknown word with a candidate).
    public var suggestAll: Bool
    /// Suggest mode: the least confidence at which an uncertain candidate for an attested word is listed.
    public var attestedSuggestionFloor = 0.5
    /// Suggest mode: the least confidence at which an uncertain candidate for a non-word is listed.
    public var unattestedSuggestionFloor = 0.1

    public init(mode: Configuration.TypoMode, suggestAll: Bool = false) {
        self.mode = mode
        self.suggestAll = suggestAll
    }

    /// Block languages the pass works on (`mixed` and `und` are decided word by word from the letters).
    static let languages: Set<String> = ["kk", "ru", "mixed", "und"]

    /// One unknown word found in a block.
    struct Unknown {
        var block: Int
        var start: Int      // byte range of the core word in the block's UTF-8
        var end: Int
        var column: Int     // 1-based scalar column
        var lower: [UInt32]
        var titleCase: Bool
        var language: SpellChecker.Language
        var alsoOther: Bool
    }

    public func apply(to document: inout Document, context: PassContext) throws {
        guard mode != .off else { return }
        let checker = try SpellChecker(rules: context.rules)
        var unknowns: [Unknown] = []
        var previousEndedWithHyphen = false
        for (bi, block) in document.blocks.enumerated() where block.isRunningText {
            if let code = block.language?.code, !TyposPass.languages.contains(code) {
                previousEndedWithHyphen = false
                continue  // another language: never touched
            }
            var text = block.text
            text.withUTF8 { bytes in
                scan(bytes, block: bi, language: block.language?.code, skipFirst: previousEndedWithHyphen,
                     checker: checker, into: &unknowns)
            }
            previousEndedWithHyphen = block.text.last(where: { $0 != " " }) == "-"
        }
        guard !unknowns.isEmpty else { return }
        let counts = documentCounts(document)
        let documentTokens = counts.total
        var order: [Int32]?
        /// Number of distinct words of the document that start with `prefix`.
        func documentPrefix(_ prefix: String) -> Int {
            if order == nil { order = counts.byteOrder() }
            return counts.wordsStarting(with: prefix, order: order!)
        }
        let context = DocumentNeighbours(counts: mode == .suggest ? counts.dictionary : [:], checker: checker)
        var replacements: [Int: [(Int, Int, String)]] = [:]
        for u in unknowns {
            let key = String(scalars: u.lower)
            if counts.count(key) >= 2 { continue }
            // The word as written, sliced from the block's UTF-8 without copying the block (no
            // blocks × words cost on a document that is one huge paragraph).
            let blockText = document.blocks[u.block].text.utf8
            let original = String(Substring(blockText[blockText.index(blockText.startIndex, offsetBy: u.start)
                                                      ..< blockText.index(blockText.startIndex, offsetBy: u.end)]))
            let verdict = checker.verdict(for: u.lower, language: u.language, alsoOther: u.alsoOther,
                                          titleCase: u.titleCase, documentTokens: documentTokens,
                                          documentPrefix: documentPrefix) { counts.count($0) }
            let location = SourceLocation(line: document.blocks[u.block].line, column: u.column, byteOffset: u.start)
            if mode == .suggest, !verdict.confident, let (word, count, distance) = context.neighbour(of: u.lower) {
                var note = "uncertain: context: \(word) occurs \(count)× in this document, \(distance) edit\(distance > 1 ? "s" : "") away"
                if let top = verdict.candidates.first { note += "; one edit away: \(top.word): " + verdict.note }
                document.edits.append(Edit(rule: "typo.suggest", location: location, before: original,
                                           after: u.titleCase ? titleCased(word) : word, note: note))
                continue
            }
            guard let top = verdict.candidates.first else { continue }
            let replacement = u.titleCase ? titleCased(top.word) : top.word
            if mode == .suggest {
                let floor = verdict.selfAttested ? attestedSuggestionFloor : unattestedSuggestionFloor
                guard verdict.confident || suggestAll || verdict.confidence >= floor else { continue }
                document.edits.append(Edit(rule: "typo.suggest", location: location, before: original, after: replacement,
                                           note: (verdict.confident ? "would fix: " : "uncertain: ") + verdict.note))
                continue
            }
            guard verdict.confident else { continue }
            let rule = top.documentCount > 0 ? "typo.document"
                : top.source == "names" ? "typo.names"
                : top.source.contains("morphology") ? "typo.morphology" : "typo.lexicon"
            document.edits.append(Edit(rule: rule, location: location, before: original, after: replacement, note: verdict.note))
            replacements[u.block, default: []].append((u.start, u.end, replacement))
        }
        for (bi, list) in replacements {
            var bytes = Array(document.blocks[bi].text.utf8)
            for (start, end, word) in list.sorted(by: { $0.0 > $1.0 }) {
                bytes.replaceSubrange(start..<end, with: Array(word.utf8))
            }
            document.blocks[bi].text = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Finds the words of a block that no lexicon lists and morphology cannot analyse.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, block: Int, language: String?, skipFirst: Bool,
              checker: SpellChecker, into unknowns: inout [Unknown]) {
        let hasKazakh = containsKazakhLetter(bytes)
        let blockLanguage: SpellChecker.Language = language == "kk" ? .kazakh : language == "ru" ? .russian
            : hasKazakh ? .kazakh : .russian
        var lower: [UInt8] = []
        var first = true
        forEachToken(bytes) { start, end, column in
            defer { first = false }
            if skipFirst && first { return }
            guard let core = coreWord(bytes, start, end) else { return }
            lower.removeAll(keepingCapacity: true)
            CyrillicCase.appendLowercased(UnsafeBufferPointer(rebasing: bytes[core.start..<core.end]), to: &lower)
            if lower.withUnsafeBufferPointer({ checker.isListed($0) }) { return }
            let scalars = String(decoding: lower, as: UTF8.self).unicodeScalars.map(\.value)
            if scalars.count < checker.minimumLength { return }
            let wordHasKazakh = scalars.contains { SpellChecker.lostKazakh[$0] != nil }
            let lang: SpellChecker.Language = wordHasKazakh ? .kazakh : blockLanguage
            unknowns.append(Unknown(block: block, start: core.start, end: core.end,
                                    column: column + core.leadingScalars, lower: scalars, titleCase: core.titleCase,
                                    language: lang, alsoOther: !wordHasKazakh))
        }
    }

    /// Counts of every lowercase Cyrillic word of the running text.
    func documentCounts(_ document: Document) -> WordCounts {
        var counts = WordCounts()
        var lower: [UInt8] = []
        for block in document.blocks where block.isRunningText {
            var text = block.text
            text.withUTF8 { bytes in
                forEachToken(bytes) { start, end, _ in
                    guard let core = coreWord(bytes, start, end, allowCapitals: true) else { return }
                    lower.removeAll(keepingCapacity: true)
                    CyrillicCase.appendLowercased(UnsafeBufferPointer(rebasing: bytes[core.start..<core.end]), to: &lower)
                    lower.withUnsafeBufferPointer { counts.add($0) }
                }
            }
        }
        return counts
    }
}

/// Words of a document near an unknown word, for suggestions from context: the document spells a word once
/// as `Абдолла` and elsewhere `Абдулла`, or uses `ынтымақтастың` once and `ынтымақтастықтың` seven times.
struct DocumentNeighbours {
    /// Document words (lowercase scalars, count) by their first two letters.
    private var byStart: [UInt64: [([UInt32], Int)]] = [:]

    init(counts: [String: Int], checker: SpellChecker) {
        for (word, count) in counts {
            let scalars = word.unicodeScalars.map(\.value)
            guard scalars.count >= 5 else { continue }
            // evidence: seen twice here, or a listed word seen here
            let listed = checker.count(scalars, in: checker.kazakh) >= 2 || checker.count(scalars, in: checker.russian) >= 2
                || checker.count(scalars, in: checker.names) > 0
            guard count >= 2 || listed else { continue }
            byStart[DocumentNeighbours.start(scalars), default: []].append((scalars, count))
        }
    }

    static func start(_ w: [UInt32]) -> UInt64 { UInt64(w[0]) << 32 | UInt64(w[1]) }

    /// True when the two words share their first three and last three letters, so that they differ inside
    /// the stem rather than by another ending (`ынтымақтас·тың` / `ынтымақтасық·тың`, not `күштер` / `күштерге`).
    static func sameFrame(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        var p = 0
        while p < a.count && p < b.count && a[p] == b[p] { p += 1 }
        var q = 0
        while q < a.count && q < b.count && a[a.count - 1 - q] == b[b.count - 1 - q] { q += 1 }
        return p >= 3 && q >= 3
    }

    /// The most frequent document word in the same frame (`sameFrame`) within three edits of `word` (two under ten
    /// letters, one under eight),
    /// seen twice or more when it is more than one edit away; with its count and distance, or nil.
    func neighbour(of word: [UInt32]) -> (String, Int, Int)? {
        guard word.count >= 5, let list = byStart[DocumentNeighbours.start(word)] else { return nil }
        let limit = word.count >= 10 ? 3 : word.count >= 8 ? 2 : 1
        var best: ([UInt32], Int, Int)?
        for (other, count) in list where other != word && DocumentNeighbours.sameFrame(word, other) {
            let d = editDistance(word, other, limit: limit)
            guard d <= limit, d == 1 || count >= 2 else { continue }  // farther forms need repeated evidence
            if let b = best, b.1 > count || (b.1 == count && (b.2 < d || (b.2 == d && !other.lexicographicallyPrecedes(b.0)))) {
                continue
            }
            best = (other, count, d)
        }
        return best.map { (String(scalars: $0.0), $0.1, $0.2) }
    }
}

/// The core of a whitespace-separated token: the Cyrillic word inside surrounding punctuation.
struct CoreWord {
    var start: Int
    var end: Int
    var leadingScalars: Int
    var titleCase: Bool
}

/// Calls `body(start, end, column)` for every run of non-space bytes; `column` is the 1-based scalar column.
@inline(__always)
func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int) -> Void) {
    var i = 0
    var column = 1
    let n = bytes.count
    while i < n {
        while i < n && isSpaceByte(bytes, i) {
            i += bytes[i] == 0xC2 ? 2 : 1
            column += 1
        }
        if i >= n { break }
        let start = i
        let startColumn = column
        while i < n && !isSpaceByte(bytes, i) {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        body(start, i, startColumn)
    }
}

@inline(__always)
func isSpaceByte(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let c = b[i]
    return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || (c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0)
}

/// True if the bytes contain one of the Kazakh-specific letters ә ғ қ ң ө ұ ү һ і (either case).
func containsKazakhLetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i + 1 < bytes.count {
        let b = bytes[i]
        if b == 0xD2 || b == 0xD3 || (b == 0xD0 && bytes[i + 1] == 0x86) || (b == 0xD1 && bytes[i + 1] == 0x96) {
            let u = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
            if SpellChecker.lostKazakh[CyrillicCase.lower(u)] != nil { return true }
        }
        i += b < 0x80 ? 1 : 2
    }
    return false
}

/// The Cyrillic word of a token, or nil when the token must not be touched: it has digits, Latin letters or
/// other symbols inside, a hyphen (compound or line-end fragment), or (unless `allowCapitals`) two or more
/// capital letters.
func coreWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, allowCapitals: Bool = false) -> CoreWord? {
    var s = start
    var e = end
    var leading = 0
    while s < e && !isCyrillicLead(bytes[s]) {
        let b = bytes[s]
        if isWordish(b) { return nil }
        s += utf8Length(b)
        leading += 1
    }
    while e > s {
        var k = e - 1
        while k > s && bytes[k] & 0xC0 == 0x80 { k -= 1 }
        if isCyrillicLead(bytes[k]) { break }
        if isWordish(bytes[k]) || bytes[k] == 0x2D { return nil }
        e = k
    }
    guard e > s else { return nil }
    var capitals = 0
    var i = s
    var firstUpper = false
    while i < e {
        guard isCyrillicLead(bytes[i]), i + 1 < e else { return nil }
        let u = (UInt32(bytes[i] & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
        guard CyrillicCase.isCyrillicLetter(u) else { return nil }
        if CyrillicCase.isUpper(u) {
            capitals += 1
            if i == s { firstUpper = true }
        }
        i += 2
    }
    if !allowCapitals && (capitals > 1 || (capitals == 1 && !firstUpper)) { return nil }
    return CoreWord(start: s, end: e, leadingScalars: leading, titleCase: firstUpper)
}

@inline(__always) func isCyrillicLead(_ b: UInt8) -> Bool { b >= 0xD0 && b <= 0xD3 }
/// Letters and digits that are not Cyrillic (ASCII alphanumerics and Latin-1/Latin Extended letters).
@inline(__always) func isWordish(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0xC3 && b <= 0xCF)
}
@inline(__always) func utf8Length(_ b: UInt8) -> Int { b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4 }

func titleCased(_ word: String) -> String {
    var scalars = word.unicodeScalars.map(\.value)
    if !scalars.isEmpty { scalars[0] = CyrillicCase.upper(scalars[0]) }
    return String(scalars: scalars)
}
