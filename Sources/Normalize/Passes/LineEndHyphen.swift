/// Decides what a hyphen at the end of a line is: a typesetting hyphen to remove (`бағдарлама-` +
/// `сындағы` → `бағдарламасындағы`) or a real one to keep (`КСРО-` + `ға`, `2020-` + `жылы`,
/// `мүше-` + `елдері`, `что-` + `то`).
///
/// Evidence, strongest first: digits or an abbreviation before the hyphen (Kazakh writes suffixes
/// after numbers and abbreviations with a hyphen); a capital after it (`Гармиш-Партенкирхен`); the
/// same word elsewhere in the document, with or without the hyphen (`Екіжақты` → join `екі-жақты`);
/// the corpus lexicon (`Rules/reflow/`); and the document's own habit when nothing else decides.
struct LineEndHyphen: Sendable {
    enum Decision: Sendable, Equatable {
        case join, keep
    }

    struct Lexicon: Sendable {
        var words: [String: Int] = [:]
        var hyphenated: [String: Int] = [:]

        static func load(_ rules: RuleStore) throws -> Lexicon {
            var lex = Lexicon()
            lex.words = try parse(rules, "reflow/words.tsv")
            lex.hyphenated = try parse(rules, "reflow/hyphenated.tsv")
            return lex
        }

        /// `WORD<TAB>COUNT` lines, `#` comments; parsed over the bytes (70 000 lines load in milliseconds).
        static func parse(_ rules: RuleStore, _ name: String) throws -> [String: Int] {
            let bytes = try rules.data(name)
            if let bad = firstInvalidUTF8Offset(bytes) {
                throw NormalizeError.ruleFile(path: rules.displayPath(name), line: 1, column: 1, message: "invalid UTF-8 at byte \(bad)")
            }
            var table: [String: Int] = [:]
            table.reserveCapacity(bytes.count / 16)
            var line = 0
            try bytes.withUnsafeBufferPointer { buf in
                var i = 0
                let n = buf.count
                while i < n {
                    line += 1
                    var end = i
                    while end < n, buf[end] != 0x0A { end += 1 }
                    defer { i = end + 1 }
                    if end == i || buf[i] == 0x23 { continue }
                    var tab = i
                    while tab < end, buf[tab] != 0x09 { tab += 1 }
                    var count = 0
                    var digits = 0
                    var k = tab + 1
                    while k < end, buf[k] >= 0x30, buf[k] <= 0x39 {
                        count = count * 10 + Int(buf[k] - 0x30)
                        digits += 1
                        k += 1
                    }
                    guard tab > i, tab < end, digits > 0, k == end else {
                        throw NormalizeError.ruleFile(path: rules.displayPath(name), line: line, column: 1,
                                                      message: "expected WORD<TAB>COUNT")
                    }
                    table[String(decoding: UnsafeBufferPointer(rebasing: buf[i..<tab]), as: UTF8.self)] = count
                }
            }
            return table
        }
    }

    /// Words of the document (lowercased), with and without hyphens: in-document evidence. Only the
    /// words asked about (`wanted`: the joined and hyphenated forms of the document's line-end hyphens,
    /// see `queries`) are counted, so most words are only scanned: a word whose lowercased letters hash
    /// to no wanted word's hash is never built as a String.
    struct DocumentWords: Sendable {
        var counts: [String: Int] = [:]

        init(lines: [Substring], wanted: Set<String>) {
            guard !wanted.isEmpty else { return }
            // The wanted words that a simple word can equal, as scalars of their NFC form, found by the
            // hash of those scalars. A simple word lowercased is simple and in NFC, so it equals a wanted
            // word exactly when it equals that word's NFC form scalar for scalar: a word whose NFC form is
            // not simple can only be matched by a word that is not simple either (which is always looked
            // up as a String). Simple words are compared scalar for scalar and never built as Strings.
            var targets = Targets()
            for w in wanted {
                let nfc = w.unicodeScalars.allSatisfy(Self.isSimple) ? w : ICU.normalize(w, .nfc)
                let u = nfc.unicodeScalars
                // Words of one letter or none are never counted (see below): nothing to look for.
                guard u.count > 1, u.allSatisfy(Self.isSimple) else { continue }
                targets.add(w, scalars: u.map(\.value), hash: u.reduce(Self.hashSeed) { Self.hash($0, $1) })
            }
            for line in lines {
                let scanned: Void? = line.utf8.withContiguousStorageIfAvailable { p in
                    count(utf8: p, targets: &targets, wanted: wanted)
                }
                if scanned == nil {
                    var copy = String(line)
                    copy.withUTF8 { count(utf8: $0, targets: &targets, wanted: wanted) }
                }
            }
            for (t, n) in targets.found.enumerated() where n > 0 { counts[targets.words[t], default: 0] += n }
        }

        /// The simple wanted words: scalars, a hash table of their hashes (chained for equal hashes) and
        /// how often each was found.
        struct Targets {
            var words: [String] = []
            var scalars: [[UInt32]] = []
            var next: [Int32] = []
            var found: [Int] = []
            /// hash → 1 + index of the last target with that hash (0: none).
            var first = UInt64Map<Int32>(capacity: 64, empty: 0)

            mutating func add(_ word: String, scalars u: [UInt32], hash: UInt64) {
                let t = Int32(words.count)
                words.append(word)
                scalars.append(u)
                found.append(0)
                next.append(first.update(hash) { v in
                    let previous = v
                    v = t + 1
                    return previous
                })
            }
        }

        /// Counts the wanted words of one line, read over its UTF-8: runs of letters and hyphens, hyphens
        /// at their ends left out, words of one letter never.
        private mutating func count(utf8 p: UnsafeBufferPointer<UInt8>, targets: inout Targets, wanted: Set<String>) {
            Self.letterTable.withUnsafeBufferPointer { table in
                count(utf8: p, table: table, targets: &targets, wanted: wanted)
            }
        }

        /// `count` with `letterTable` as a pointer. A simple word's lowercased scalars are only hashed on
        /// the way; on a hash hit they are read again from its bytes (`lo..<hi`) and compared.
        private mutating func count(utf8 p: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt32>,
                                    targets: inout Targets, wanted: Set<String>) {
            var i = 0
            let end = p.count
            /// `letterTable` for any scalar.
            @inline(__always) func letter(_ v: UInt32) -> UInt32 {
                if v < 0x500 { return table[Int(v)] }
                return LineText.isLetter(Unicode.Scalar(v)!) ? Self.nonSimpleLetter : 0
            }
            while i < end {
                // Bytes that are not letters: ASCII ones skipped without decoding.
                let b = p[i]
                if b < 0x80 && table[Int(b)] == 0 {
                    i += 1
                    continue
                }
                var next = i
                let u = LineText.decode(p, &next)
                guard letter(u) != 0 else {
                    i = next
                    continue
                }
                // A run of letters and hyphens, hyphens at its ends left out.
                var lo = -1, hi = i
                var simple = true
                var n = 0, length = 0  // scalars from lo so far; up to the last letter
                var h = Self.hashSeed, hash = h  // of the lowercased scalars from lo; up to the last letter
                while i < end {
                    var after = i
                    let v = LineText.decode(p, &after)
                    let c = letter(v)
                    guard c != 0 else { break }
                    if c == Self.nonSimpleLetter { simple = false }
                    if lo < 0 && v != 0x2D { lo = i }
                    if lo >= 0 {
                        n += 1
                        if simple { h = (h ^ UInt64(c)) &* 0x100_0000_01B3 }  // `hash(h, lower(v))`
                    }
                    if v != 0x2D {
                        hi = after
                        length = n
                        hash = h
                    }
                    i = after
                }
                guard lo >= 0 else { continue }
                guard length > 1 else { continue }
                if simple {
                    var t = Int(targets.first[hash]) - 1
                    while t >= 0 {
                        if targets.scalars[t].count == length, Self.lowered(p, lo, hi, table, equal: targets.scalars[t]) {
                            targets.found[t] += 1
                            break
                        }
                        t = Int(targets.next[t]) - 1
                    }
                    continue
                }
                let word = String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self).lowercased()
                if wanted.contains(word) { counts[word, default: 0] += 1 }
            }
        }

        /// Whether the simple letters and hyphens of `p[lo..<hi]`, lowercased by `table`, are `want`
        /// (of the same count) scalar for scalar.
        @inline(__always)
        private static func lowered(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int,
                                    _ table: UnsafeBufferPointer<UInt32>, equal want: [UInt32]) -> Bool {
            var i = lo, k = 0
            while i < hi {
                let v = LineText.decode(p, &i)
                guard k < want.count, table[Int(v)] == want[k] else { return false }
                k += 1
            }
            return k == want.count
        }

        /// ASCII and Cyrillic (U+0400–U+04FF) without combining marks: lowercased one scalar at a time
        /// (`lower`), exactly as `String.lowercased()` does.
        static func isSimple(_ u: Unicode.Scalar) -> Bool {
            u.value < 0x80 || (u.value >= 0x400 && u.value < 0x500 && !(u.value >= 0x483 && u.value <= 0x489))
        }

        /// Per scalar below U+0500: 0 for anything but a letter or `-`, `nonSimpleLetter` for a letter
        /// that is not simple, else the simple letter lowercased (`lower`; `-` for `-`).
        static let letterTable: [UInt32] = (0..<0x500).map { v in
            let u = Unicode.Scalar(UInt32(v))!
            if v == 0x2D { return 0x2D }
            guard LineText.isLetter(u) else { return 0 }
            return isSimple(u) ? lower(u).value : nonSimpleLetter
        }

        static let nonSimpleLetter: UInt32 = 0xFFFF_FFFF

        static func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
            if u.value < 0x80 { return u.value >= 0x41 && u.value <= 0x5A ? Unicode.Scalar(u.value + 0x20)! : u }
            return cyrillicLower[Int(u.value - 0x400)]
        }

        private static let cyrillicLower: [Unicode.Scalar] = (0x400..<0x500).map { v in
            let u = Unicode.Scalar(v)!
            let l = String(u).lowercased().unicodeScalars
            return l.count == 1 ? l.first! : u
        }

        static let hashSeed: UInt64 = 0xCBF2_9CE4_8422_2325

        /// FNV-1a step over a scalar value (a filter only: a hit is checked against the String).
        static func hash(_ h: UInt64, _ u: Unicode.Scalar) -> UInt64 {
            (h ^ UInt64(u.value)) &* 0x100_0000_01B3
        }

        /// The words `LineEndHyphen.decide` looks up for a line ending in `a` followed by `b`.
        static func queries(before a: Substring, after b: Substring) -> [String] {
            let (left, right) = LineEndHyphen.parts(before: a, after: b)
            let la = left.lowercased(), lb = right.lowercased()
            return [la + lb, la + "-" + lb]
        }
    }

    var lexicon: Lexicon
    var document: DocumentWords
    /// What to do when no evidence decides: the document's habit (see `ReflowPass`).
    var fallback: Decision = .join

    /// The letters of the word part just before the hyphen and just after the line break.
    static func parts(before a: Substring, after b: Substring) -> (a: Substring, b: Substring) {
        var left = LineText.lastWord(a)
        if LineText.simpleUTF8(left, { _ in () }) != nil {
            // Every scalar is a Character of its own: the same cuts, found over the bytes (walking
            // Characters backwards is slow).
            let u = left.unicodeScalars
            if let last = u.last, LineText.isHyphen(last) { left = Substring(u[..<u.index(before: u.endIndex)]) }
            if let h = left.utf8.lastIndex(of: 0x2D) { left = Substring(left.unicodeScalars[left.utf8.index(after: h)...]) }
        } else {
            if left.hasSuffix("-") || left.unicodeScalars.last.map(LineText.isHyphen) == true { left = left.dropLast() }
            if let h = left.lastIndex(of: "-") { left = left[left.index(after: h)...] }
        }
        left = Substring(left.unicodeScalars.drop(while: { !LineText.isLetter($0) && !LineText.isDigit($0) }))
        var right = LineText.firstWord(b)
        if LineText.simpleUTF8(right, { _ in () }) != nil {
            if let h = right.utf8.firstIndex(of: 0x2D) { right = Substring(right.unicodeScalars[..<h]) }
        } else if let h = right.firstIndex(of: "-") {
            right = right[..<h]
        }
        var end = right.unicodeScalars.endIndex
        var idx = right.unicodeScalars.startIndex
        while idx < right.unicodeScalars.endIndex {
            let u = right.unicodeScalars[idx]
            if !LineText.isLetter(u) && !LineText.isDigit(u) { end = idx; break }
            idx = right.unicodeScalars.index(after: idx)
        }
        right = Substring(right.unicodeScalars[..<end])
        return (left, right)
    }

    /// The decision and the evidence for it, for the edit's note.
    func decide(before a: Substring, after b: Substring) -> (Decision, String) {
        let (left, right) = Self.parts(before: a, after: b)
        guard let lastA = left.unicodeScalars.last, let firstB = right.unicodeScalars.first else {
            return (.keep, "no word on one side")
        }
        if LineText.isDigit(lastA) { return (.keep, "number before the hyphen") }
        if LineText.isDigit(firstB) { return (.keep, "number after the hyphen") }
        let capsLeft = LineText.isAllCaps(left, minimum: 2)
        let capsRight = LineText.isAllCaps(right, minimum: 1)
        if capsLeft, !capsRight { return (.keep, "suffix after an abbreviation") }
        if !capsLeft, LineText.isUpper(firstB) { return (.keep, "capital after the hyphen") }
        let la = left.lowercased(), lb = right.lowercased()
        let joined = la + lb, hyphenated = la + "-" + lb
        let dj = document.counts[joined] ?? 0, dh = document.counts[hyphenated] ?? 0
        if dj != dh { return dj > dh ? (.join, "«\(joined)» \(dj)× in this document") : (.keep, "«\(hyphenated)» \(dh)× in this document") }
        let lj = lexicon.words[joined] ?? 0, lh = lexicon.hyphenated[hyphenated] ?? 0
        if lj > 0 || lh > 0 {
            return lh * 2 >= lj && lh > 0 ? (.keep, "«\(hyphenated)» \(lh)× in the lexicon") : (.join, "«\(joined)» \(lj)× in the lexicon")
        }
        let (vj, vh) = inflectedEvidence(la, lb)
        if vj != vh { return vj > vh ? (.join, "other forms of «\(joined)» in the lexicon") : (.keep, "other forms of «\(hyphenated)» in the lexicon") }
        // A fragment of one or two letters is a syllable (`вы-` + `летах`), not the first part of a compound.
        if la.count <= 2 { return (.join, "one-syllable fragment before the hyphen") }
        // `Кала-` + `мария`: a capitalised name goes on in lowercase only when it was hyphenated.
        if let f = left.unicodeScalars.first, LineText.isUpper(f), !capsLeft { return (.join, "a name continues in lowercase") }
        let wa = lexicon.words[la] ?? 0, wb = lexicon.words[lb] ?? 0
        if Self.isRussianCompoundAdjective(la, lb) { return (.keep, "compound adjective «\(la)-\(lb)»") }
        let prefix = lexicon.hyphenated[la + "-"] ?? 0
        if wa >= 3, wb >= 3, prefix > 0 { return (.keep, "«\(la)-» starts hyphenated words in the lexicon") }
        if fallback == .keep, wa > 0, wb > 0 { return (.keep, "both parts are words; this document keeps its line-end hyphens") }
        return (fallback, fallback == .join ? "no evidence for a real hyphen" : "this document keeps its line-end hyphens")
    }

    static let adjectiveEndings = ["ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ых", "их", "ую", "юю", "ым", "им", "ыми", "ими", "ом", "ем"]

    /// Counts of the joined and hyphenated forms with another adjective ending (`многочисленных` is rare,
    /// `многочисленные` is not).
    func inflectedEvidence(_ a: String, _ b: String) -> (joined: Int, hyphenated: Int) {
        guard let ending = Self.adjectiveEndings.filter({ b.hasSuffix($0) && b.count > $0.count + 2 }).max(by: { $0.count < $1.count }) else {
            return (0, 0)
        }
        let stem = String(b.dropLast(ending.count))
        var j = 0, h = 0
        for e in Self.adjectiveEndings {
            j += lexicon.words[a + stem + e] ?? 0
            h += lexicon.hyphenated[a + "-" + stem + e] ?? 0
        }
        return (j, h)
    }

    /// `научно-` + `теоретическое`, `историко-` + `филологический`: a stem ending in the linking vowel
    /// followed by a full adjective.
    static func isRussianCompoundAdjective(_ a: String, _ b: String) -> Bool {
        guard a.count >= 4, a.hasSuffix("о"), b.count >= 5 else { return false }
        return adjectiveEndings.contains { b.hasSuffix($0) }
    }

    /// Evidence strong enough to tell the document's habit (hyphenation on or off).
    func strongEvidence(before a: Substring, after b: Substring) -> Decision? {
        let (left, right) = Self.parts(before: a, after: b)
        guard !left.isEmpty, !right.isEmpty else { return nil }
        let la = left.lowercased(), lb = right.lowercased()
        if LineText.isDigit(left.unicodeScalars.last!) || LineText.isAllCaps(left, minimum: 2) { return .keep }
        let lj = lexicon.words[la + lb] ?? 0, lh = lexicon.hyphenated[la + "-" + lb] ?? 0
        if lh > 0, lh * 2 >= lj { return .keep }
        if lj > 0 { return .join }
        return nil
    }
}
