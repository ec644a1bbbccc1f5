/// The repairs of `UnicodeRepairPass` on one line, as scalar values. See the pass for the rules.
struct LineRepairer {
    let rules: UnicodeRules
    /// UTF-8 read in these code pages: rule id and scalar → byte (flat tables, see `ByteTable`).
    private let utf8Misreads: [(rule: String, reverse: ByteTable)]
    /// Kazakh code pages read as Windows-1251: rule id and Windows-1251 letter → the letter meant.
    private let kazakhMisreads: [(rule: String, map: [UInt32: UInt32])]
    private let kazakhSuspects: ByteTable
    private let kk: Int

    /// How much better (mean log-probability per letter trigram) a Kazakh-code-page reading must score
    /// than the line as it stands. Measured on unicode-dev and on the uk/be/sr/mk/bg corpus lines.
    static let kazakhMargin = 0.5
    /// How much better a Kazakh word must score with ү than with у for a Latin y to become ү.
    static let alternativeMargin = 0.1

    init(rules: UnicodeRules) {
        self.rules = rules
        let cp1251 = rules.pages["windows-1251"]!
        utf8Misreads = [("unicode.mojibake.utf8-as-cp1251", ByteTable(cp1251.reverse)),
                        ("unicode.mojibake.utf8-as-cp1252", ByteTable(rules.pages["windows-1252"]!.reverse)),
                        ("unicode.mojibake.utf8-as-koi8-r", ByteTable(rules.pages["KOI8-R"]!.reverse))]
        var misreads: [(String, [UInt32: UInt32])] = []
        var suspects = Set<UInt32>()
        for (rule, name) in [("unicode.mojibake.kz1048-as-cp1251", "KZ-1048"), ("unicode.mojibake.ptcp154-as-cp1251", "PTCP154")] {
            let page = rules.pages[name]!
            var map: [UInt32: UInt32] = [:]
            for b in 0x80...0xFF {
                let seen = cp1251.table[b], meant = page.table[b]
                if seen != meant && seen != CodePage.undefined && meant != CodePage.undefined {
                    map[seen] = meant
                    suspects.insert(seen)
                }
            }
            misreads.append((rule, map))
        }
        kazakhMisreads = misreads
        kazakhSuspects = ByteTable(Dictionary(uniqueKeysWithValues: suspects.map { ($0, UInt8(1)) }))
        kk = rules.trigrams.index(of: "kk") ?? 0
    }

    /// `keepLineEndSoftHyphen`: a soft hyphen ending a line stays for the reflow pass, which joins the
    /// word across the line break on it.
    func repair(_ text: String, line: Int, keepLineEndSoftHyphen: Bool = false, edits: inout [Edit]) -> String {
        var s = text.unicodeScalars.map(\.value)
        for _ in 0..<3 where repairUTF8Misread(&s, line: line, edits: &edits) {}
        repairKazakhMisread(&s, line: line, edits: &edits)
        normalizeNFC(&s, line: line, edits: &edits)
        removeInvisibles(&s, line: line, keepLineEndSoftHyphen: keepLineEndSoftHyphen, edits: &edits)
        repairHomoglyphs(&s, line: line, edits: &edits)
        replaceNoBreakSpaces(&s, line: line, edits: &edits)
        return string(s)
    }

    // MARK: scoring

    private func string(_ s: some Sequence<UInt32>) -> String {
        var out: [UInt8] = []
        for u in s { appendUTF8(u, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    private func scalars(_ s: [UInt32]) -> LazyMapSequence<[UInt32], Unicode.Scalar> {
        s.lazy.map { Unicode.Scalar($0) ?? "\u{FFFD}" }
    }

    /// Best mean log-probability per trigram over all languages (−∞ without Cyrillic words).
    private func bestScore(_ s: [UInt32]) -> Double {
        rules.trigrams.rank(scalars(s)).first?.score ?? -.infinity
    }

    private func kazakhScore(_ s: [UInt32]) -> Double {
        let (sum, n) = rules.trigrams.logProbability(of: scalars(s), language: kk)
        return n == 0 ? -.infinity : sum / Double(n)
    }

    private func edit(_ rule: String, line: Int, at i: Int, before: some Sequence<UInt32>, after: some Sequence<UInt32>,
                      note: String? = nil) -> Edit {
        Edit(rule: rule, location: SourceLocation(line: line, column: i + 1), before: string(before),
             after: string(after), note: note)
    }

    // MARK: UTF-8 read in an 8-bit code page

    private struct Sequence8 {
        var start: Int
        var length: Int
        var scalar: UInt32
    }

    private func utf8Sequences(_ s: [UInt32], reverse: ByteTable) -> [Sequence8] {
        @inline(__always) func byte(_ u: UInt32) -> UInt8? {
            if u < 0x80 { return UInt8(u) }
            if u <= 0x9F { return UInt8(u) }
            return reverse[u]
        }
        var out: [Sequence8] = []
        var i = 0
        var buf = [UInt8](repeating: 0, count: 4)
        while i < s.count {
            guard let b = byte(s[i]), b >= 0xC2 && b <= 0xF4 else { i += 1; continue }
            let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var ok = i + len <= s.count
            if ok {
                buf[0] = b
                for k in 1..<len {
                    guard let c = byte(s[i + k]), c & 0xC0 == 0x80 else { ok = false; break }
                    buf[k] = c
                }
            }
            if ok {
                let valid = buf.withUnsafeBufferPointer { validUTF8SequenceLength(UnsafeBufferPointer(rebasing: $0[0..<len]), at: 0) }
                if valid == len {
                    var u = UInt32(buf[0]) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                    for k in 1..<len { u = u << 6 | UInt32(buf[k] & 0x3F) }
                    out.append(Sequence8(start: i, length: len, scalar: u))
                    i += len
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// One round of UTF-8-misread repair (returns true if the line changed; double mojibake needs two).
    private func repairUTF8Misread(_ s: inout [UInt32], line: Int, edits: inout [Edit]) -> Bool {
        let nonASCII = s.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        guard nonASCII >= 4 else { return false }
        var best: (rule: String, seqs: [Sequence8], repaired: [UInt32])?
        var bestConsumed = 0
        for (rule, reverse) in utf8Misreads {
            let seqs = utf8Sequences(s, reverse: reverse)
            let consumed = seqs.reduce(0) { $0 + $1.length }
            guard seqs.count >= 2, consumed * 2 >= nonASCII, consumed > bestConsumed else { continue }
            let plausible = seqs.reduce(0) { $0 + (LineRepairer.isTextScalar($1.scalar) ? 1 : 0) }
            guard plausible * 10 >= seqs.count * 9 else { continue }
            let repaired = replacing(seqs, in: s)
            let before = bestScore(s)
            var after = bestScore(repaired)
            if after != -.infinity && after <= before {
                // Mojibake of mojibake reads no better after one round: look one round further.
                var next = repaired
                if repairUTF8MisreadCandidate(&next) { after = bestScore(next) }
            }
            if after == -.infinity && consumed * 10 < nonASCII * 9 { continue }
            if after != -.infinity && after <= before { continue }
            best = (rule, seqs, repaired)
            bestConsumed = consumed
        }
        guard let b = best else { return false }
        var k = 0
        while k < b.seqs.count {
            var j = k
            while j + 1 < b.seqs.count && b.seqs[j + 1].start == b.seqs[j].start + b.seqs[j].length { j += 1 }
            let from = b.seqs[k].start, to = b.seqs[j].start + b.seqs[j].length
            edits.append(edit(b.rule, line: line, at: from, before: s[from..<to], after: b.seqs[k...j].map(\.scalar)))
            k = j + 1
        }
        s = b.repaired
        return true
    }

    /// `s` with every misread byte sequence of `seqs` (ordered, non-overlapping) replaced by its scalar.
    private func replacing(_ seqs: [Sequence8], in s: [UInt32]) -> [UInt32] {
        var repaired: [UInt32] = []
        repaired.reserveCapacity(s.count)
        var i = 0
        for q in seqs {
            repaired.append(contentsOf: s[i..<q.start])
            repaired.append(q.scalar)
            i = q.start + q.length
        }
        repaired.append(contentsOf: s[i...])
        return repaired
    }

    /// The structural part of one round, without the trigram check (for looking one round ahead).
    private func repairUTF8MisreadCandidate(_ s: inout [UInt32]) -> Bool {
        let nonASCII = s.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        for (_, reverse) in utf8Misreads {
            let seqs = utf8Sequences(s, reverse: reverse)
            let consumed = seqs.reduce(0) { $0 + $1.length }
            guard seqs.count >= 2, consumed * 2 >= nonASCII else { continue }
            s = replacing(seqs, in: s)
            return true
        }
        return false
    }

    /// Letters, marks, digits and the punctuation of running text: what a repaired sequence should be.
    static func isTextScalar(_ u: UInt32) -> Bool {
        guard let sc = Unicode.Scalar(u) else { return false }
        if sc.properties.isAlphabetic { return true }
        switch u {
        case 0xA0, 0xAB, 0xBB, 0xB0, 0xA7, 0x2013, 0x2014, 0x2026, 0x2116, 0x2018...0x201E, 0x2022: return true
        default: return false
        }
    }

    // MARK: Kazakh code pages read as Windows-1251

    private func repairKazakhMisread(_ s: inout [UInt32], line: Int, edits: inout [Edit]) {
        guard s.contains(where: { kazakhSuspects[$0] != nil }) else { return }
        // Only the words with a suspect letter are compared: the rest reads the same either way.
        let suspect = suspectWords(s)
        guard !suspect.isEmpty else { return }
        let before = bestScore(suspect.map { s[$0] }.joined(separator: [0x20]).map { $0 })
        var best: (rule: String, text: [UInt32], score: Double)?
        for (rule, map) in kazakhMisreads {
            // Suspect letters change everywhere (`є-ға`, `Ќ.Ш.` have no other letter to anchor them);
            // suspect symbols (`±`, `‰`) only inside anchored words.
            var conv = s.map { CyrillicCase.isCyrillicLetter($0) ? map[$0] ?? $0 : $0 }
            for r in suspect {
                for k in r { conv[k] = map[s[k]] ?? s[k] }
            }
            if conv == s { continue }
            let score = kazakhScore(suspect.map { conv[$0] }.joined(separator: [0x20]).map { $0 })
            if best == nil || score > best!.score { best = (rule, conv, score) }
        }
        guard let b = best, b.score > before + LineRepairer.kazakhMargin else { return }
        var i = 0
        while i < s.count {
            if s[i] == b.text[i] { i += 1; continue }
            var from = i, to = i + 1
            while from > 0 && isWordScalar(s[from - 1]) { from -= 1 }
            while to < s.count && (isWordScalar(s[to]) || s[to] != b.text[to]) { to += 1 }
            edits.append(edit(b.rule, line: line, at: from, before: s[from..<to], after: b.text[from..<to],
                              note: String(format2(b.score)) + " as Kazakh vs " + format2(before)))
            i = to
        }
        s = b.text
    }

    /// Ranges of the words (runs of word scalars) that contain a letter a Kazakh code page would change
    /// and at least one Cyrillic letter it would not (so `±5` or a lone `№` is never a suspect).
    private func suspectWords(_ s: [UInt32]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard isWordScalar(s[i]) else { i += 1; continue }
            var j = i
            var hit = false, anchor = false
            while j < s.count && isWordScalar(s[j]) {
                if kazakhSuspects[s[j]] != nil {
                    hit = true
                } else if CyrillicCase.isCyrillicLetter(s[j]) {
                    anchor = true
                }
                j += 1
            }
            if hit && anchor { out.append(i..<j) }
            i = j
        }
        return out
    }

    private func format2(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return "\(r)"
    }

    private func isWordScalar(_ u: UInt32) -> Bool {
        guard let sc = Unicode.Scalar(u) else { return false }
        return LetterTrigramModel.isWordScalar(sc)
    }

    // MARK: NFC

    private func normalizeNFC(_ s: inout [UInt32], line: Int, edits: inout [Edit]) {
        guard s.contains(where: { $0 >= 0x300 && !UnicodeRepairPass.isPlainCyrillic($0) && !(0x2010...0x2027).contains($0) }) else { return }
        let text = string(s)
        // Compared as scalars: String's == is canonical equivalence, under which NFC changes nothing.
        let t = ICU.normalize(text, .nfc).unicodeScalars.map(\.value)
        guard t != s else { return }
        var p = 0
        while p < min(s.count, t.count) && s[p] == t[p] { p += 1 }
        var e1 = s.count, e2 = t.count
        while e1 > p && e2 > p && s[e1 - 1] == t[e2 - 1] { e1 -= 1; e2 -= 1 }
        edits.append(edit("unicode.nfc", line: line, at: p, before: s[p..<e1], after: t[p..<e2]))
        s = t
    }

    // MARK: invisible characters

    private func removeInvisibles(_ s: inout [UInt32], line: Int, keepLineEndSoftHyphen: Bool, edits: inout [Edit]) {
        guard s.contains(where: { LineRepairer.invisible($0) }) else { return }
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        for (i, u) in s.enumerated() {
            if LineRepairer.invisible(u) && !(keepLineEndSoftHyphen && u == 0xAD && i == s.count - 1) {
                if u == 0x200C || u == 0x200D {
                    let prev = i > 0 ? s[i - 1] : 0x20, next = i + 1 < s.count ? s[i + 1] : 0x20
                    if !LineRepairer.european(prev) || !LineRepairer.european(next) {
                        out.append(u)
                        continue
                    }
                }
                edits.append(edit("unicode.invisible", line: line, at: i, before: [u], after: [],
                                  note: "U+" + String(u, radix: 16, uppercase: true)))
                continue
            }
            out.append(u)
        }
        s = out
    }

    static func invisible(_ u: UInt32) -> Bool {
        u == 0xAD || u == 0x200B || u == 0x200C || u == 0x200D || u == 0x2060 || u == 0xFEFF
    }

    /// Scripts in which ZWJ and ZWNJ have no job: Latin, Greek, Cyrillic and their punctuation.
    static func european(_ u: UInt32) -> Bool {
        u < 0x0590 || (0x1D00...0x1FFF).contains(u) || (0x2000...0x206F).contains(u)
    }

    // MARK: no-break spaces

    private func replaceNoBreakSpaces(_ s: inout [UInt32], line: Int, edits: inout [Edit]) {
        for i in s.indices where s[i] == 0xA0 {
            let digits = i > 0 && i + 1 < s.count && (0x30...0x39).contains(s[i - 1]) && (0x30...0x39).contains(s[i + 1])
            if digits { continue }
            edits.append(edit("unicode.nbsp", line: line, at: i, before: [0xA0], after: [0x20]))
            s[i] = 0x20
        }
    }

    // MARK: homoglyphs

    enum Script { case latin, cyrillic, other }

    static func script(_ u: UInt32) -> Script {
        switch u {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x250...0x2AF, 0x1E00...0x1EFF: return .latin
        case 0x400...0x52F: return .cyrillic
        default: return .other
        }
    }

    private func repairHomoglyphs(_ s: inout [UInt32], line: Int, edits: inout [Edit]) {
        var hasLatin = false, hasCyrillic = false
        var latinCount = 0, cyrillicCount = 0
        for u in s {
            switch LineRepairer.script(u) {
            case .latin: hasLatin = true; latinCount += 1
            case .cyrillic: hasCyrillic = true; cyrillicCount += 1
            case .other: break
            }
        }
        guard hasLatin && hasCyrillic else { return }
        let table = rules.homoglyphs
        let lineMajority: Script = cyrillicCount >= latinCount ? .cyrillic : .latin
        let hasCyrillicI = s.contains(0x456) || s.contains(0x406)
        let kazakhLine = s.contains { LineRepairer.isKazakhLetter($0) }

        // Tokens: runs of non-space; words: runs of letters inside a token.
        struct Word { var from: Int; var to: Int; var latin: Int; var cyrillic: Int; var tokenSkipped: Bool }
        var words: [Word] = []
        var t = 0
        while t < s.count {
            if LineRepairer.isSpace(s[t]) { t += 1; continue }
            var tEnd = t
            while tEnd < s.count && !LineRepairer.isSpace(s[tEnd]) { tEnd += 1 }
            let skipped = LineRepairer.isProtectedToken(s[t..<tEnd])
            var i = t
            while i < tEnd {
                if LineRepairer.script(s[i]) == .other && !LineRepairer.isMark(s[i]) { i += 1; continue }
                var j = i, lat = 0, cyr = 0
                while j < tEnd {
                    let sc = LineRepairer.script(s[j])
                    if sc == .latin { lat += 1 } else if sc == .cyrillic { cyr += 1 } else if !LineRepairer.isMark(s[j]) { break }
                    j += 1
                }
                words.append(Word(from: i, to: j, latin: lat, cyrillic: cyr, tokenSkipped: skipped))
                i = j
            }
            t = tEnd
        }

        // Mixed words first, lone letters second, so that a lone letter sees its neighbours repaired
        // (`c eе умом`: `eе` is Cyrillic once repaired, and `c` between Cyrillic words is `с`).
        for phase in 0..<2 {
        for wi in words.indices {
            let w = words[wi]
            if w.tokenSkipped || LineRepairer.digitPart(s, from: w.from, to: w.to) { continue }
            var target: Script
            if w.latin > 0 && w.cyrillic > 0 {
                if phase == 1 { continue }
                // Decided by the letters that have no look-alike: `я` makes `cаясат` Cyrillic, `r` makes
                // `Micrоsoft` Latin; both kinds (`Facebookта`) mean a genuinely mixed word.
                var cyrillicOnly = 0, latinOnly = 0
                for u in s[w.from..<w.to] {
                    switch LineRepairer.script(u) {
                    case .cyrillic where table.toLatin[u] == nil: cyrillicOnly += 1
                    case .latin where table.toCyrillic[u] == nil || table.toCyrillic[u]!.use == .toLatin: latinOnly += 1
                    default: break
                    }
                }
                if cyrillicOnly > 0 && latinOnly > 0 { continue }
                target = cyrillicOnly > 0 ? .cyrillic : latinOnly > 0 ? .latin : lineMajority
            } else if phase == 1 && w.latin == 1 && w.to - w.from == 1 && lineMajority == .cyrillic {
                // A lone letter (`c`, `a)`, `M.` before a Cyrillic name) between Cyrillic words.
                let prevCyr = wi == 0 || words[wi - 1].cyrillic > words[wi - 1].latin
                let nextCyr = wi + 1 < words.count && words[wi + 1].cyrillic > words[wi + 1].latin
                let startsToken = w.from == 0 || LineRepairer.isSpace(s[w.from - 1])
                let after = w.to < s.count ? s[w.to] : 0x20
                let endsToken = LineRepairer.isSpace(after) || after == 0x2E || after == 0x2C || after == 0x29
                // Uppercase Roman-numeral letters (`Павел I`, `X ғасыр`) stay, except in compact
                // initials (`C.А.`, `M.Қашғари`).
                let roman = [0x49, 0x56, 0x58, 0x4C, 0x43, 0x44, 0x4D].contains(s[w.from])
                let compactInitial = after == 0x2E && w.to + 1 < s.count && LineRepairer.script(s[w.to + 1]) == .cyrillic
                guard prevCyr && nextCyr && startsToken && endsToken, !roman || compactInitial else { continue }
                target = .cyrillic
            } else {
                continue
            }
            var replacement = Array(s[w.from..<w.to])
            var ok = true
            var ambiguous: [(Int, [UInt32])] = []
            for k in replacement.indices {
                let u = replacement[k]
                let sc = LineRepairer.script(u)
                if target == .cyrillic && sc == .latin {
                    guard let entry = table.toCyrillic[u], entry.use != .toLatin,
                          entry.use != .evidence || hasCyrillicI else { ok = false; break }
                    replacement[k] = entry.candidates[0]
                    if entry.candidates.count > 1 && kazakhLine { ambiguous.append((k, entry.candidates)) }
                } else if target == .latin && sc == .cyrillic {
                    guard let l = table.toLatin[u] else { ok = false; break }
                    replacement[k] = l
                }
            }
            guard ok else { continue }
            for (k, candidates) in ambiguous {
                var bestScore = -Double.infinity
                for c in candidates {
                    var trial = replacement
                    trial[k] = c
                    // The first candidate (у) is the more frequent letter: another must win clearly.
                    let sc = kazakhScore(trial) - (c == candidates[0] ? 0 : LineRepairer.alternativeMargin)
                    if sc > bestScore {
                        bestScore = sc
                        replacement[k] = c
                    }
                }
            }
            if replacement.elementsEqual(s[w.from..<w.to]) { continue }
            edits.append(edit("unicode.homoglyph", line: line, at: w.from, before: s[w.from..<w.to], after: replacement,
                              note: target == .cyrillic ? "Latin look-alike in a Cyrillic word" : "Cyrillic look-alike in a Latin word"))
            s.replaceSubrange(w.from..<w.to, with: replacement)
            let letters = w.latin + w.cyrillic
            words[wi].latin = target == .latin ? letters : 0
            words[wi].cyrillic = target == .cyrillic ? letters : 0
        }
        }
    }

    /// ә ғ қ ң ө ұ ү һ і in either case: letters that mark a Kazakh paragraph.
    static func isKazakhLetter(_ u: UInt32) -> Bool {
        switch u {
        case 0x4D8, 0x4D9, 0x492, 0x493, 0x49A, 0x49B, 0x4A2, 0x4A3, 0x4E8, 0x4E9, 0x4B0, 0x4B1, 0x4AE, 0x4AF,
             0x4BA, 0x4BB, 0x406, 0x456:
            return true
        default:
            return false
        }
    }

    static func isSpace(_ u: UInt32) -> Bool {
        u == 0x20 || u == 0x09 || u == 0xA0 || u == 0x202F || (0x2000...0x200A).contains(u) || u == 0x3000
    }

    static func isMark(_ u: UInt32) -> Bool { (0x300...0x36F).contains(u) }

    /// Tokens never touched by homoglyph repair: anything with a digit (`H2O`, `SiO2`, `COVID-19`),
    /// e-mail addresses and URLs.
    static func isProtectedToken(_ t: ArraySlice<UInt32>) -> Bool {
        var prev: UInt32 = 0, prev2: UInt32 = 0
        for u in t {
            if u == 0x40 { return true }
            if u == 0x2F && prev == 0x2F && prev2 == 0x3A { return true }
            prev2 = prev
            prev = u
        }
        let lower = t.map { CyrillicCase.lower($0) }
        return lower.starts(with: Array("www.".unicodeScalars.map(\.value)))
    }

    /// A part of a token between hyphens that contains a digit: `H2O`, `SiO2` (but `2017-нші` has the
    /// part `нші`, which is repaired).
    static func digitPart(_ s: [UInt32], from: Int, to: Int) -> Bool {
        var i = from
        while i > 0 && !isSpace(s[i - 1]) && s[i - 1] != 0x2D && s[i - 1] != 0x2013 { i -= 1 }
        var j = to
        while j < s.count && !isSpace(s[j]) && s[j] != 0x2D && s[j] != 0x2013 { j += 1 }
        return s[i..<j].contains { (0x30...0x39).contains($0) }
    }
}

/// Scalar → byte for the scalars below U+2600 (every code-page character the repairs look up lives
/// there): a flat array instead of a dictionary, because it is consulted for every letter of a line.
struct ByteTable {
    private var bytes: [UInt8]
    private var present: [Bool]
    static let limit: UInt32 = 0x2600

    init(_ map: [UInt32: UInt8]) {
        bytes = [UInt8](repeating: 0, count: Int(Self.limit))
        present = [Bool](repeating: false, count: Int(Self.limit))
        for (u, b) in map where u < Self.limit {
            bytes[Int(u)] = b
            present[Int(u)] = true
        }
    }

    @inline(__always)
    subscript(_ u: UInt32) -> UInt8? {
        u < Self.limit && present[Int(u)] ? bytes[Int(u)] : nil
    }
}
