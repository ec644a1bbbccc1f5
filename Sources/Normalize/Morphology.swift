/// Word-form analysis as a known stem plus a chain of suffixes, driven by a suffix table in `Rules/lexicon/`
/// (`kk-suffixes.tsv`, `ru-suffixes.tsv`).
///
/// Kazakh: a stem from the lexicons followed by suffixes allowed by the table's state machine, each in the
/// allomorph that vowel harmony (back а о ұ ы / front ә е ө ү і of the last vowel) and the last letter before
/// it select (`Назарбаев` + `тың`, `мемлекет` + `тік`, `бағдарлама` + `сы` + `ндағы`). Stem-final voiceless
/// к/қ/п alternate with г/ғ/б before a vowel (`жүрек` → `жүрегі`). Russian: inflection is already in the
/// frequency list, so the table only inflects names (`Назарбаев` + `а`, `Астан(а)` + `ы`).
public struct Morphology: Sendable {
    /// One suffix arc: from a state to a state, a back and a front form, and the letter classes it may follow.
    struct Arc: Sendable {
        var to: Int
        var back: [UInt32]
        var front: [UInt32]
        var after: UInt8
        /// For "N-x" rows: the stem's final letters this arc replaces (empty: none).
        var replaces: [UInt32]
    }

    /// The result of an analysis: where the stem ends, how often it was seen, and the suffixes.
    public struct Analysis: Sendable, Hashable {
        /// Number of scalars of the stem as it appears in the word.
        public var stemLength: Int
        /// The stem as found in a lexicon (after undoing к/г, қ/ғ, п/б alternation or a replaced ending).
        public var stem: String
        /// Corpus count (or names weight) of the stem.
        public var stemCount: Int
        /// The suffixes, in order.
        public var suffixes: [String]
    }

    private let states: [String]
    private var arcs: [[Arc]]
    /// The arcs without replacement as plain values (no reference counting in the hot loop): `flatArcs`
    /// of state `s` are `flatArcs[flatStart[s] ..< flatStart[s + 1]]`, their forms in `forms`.
    private struct FlatArc {
        var to: Int32
        var back: Int32, backCount: Int32, front: Int32, frontCount: Int32
        var after: UInt8
        var harmonic: Bool
    }
    private let flatArcs: [FlatArc]
    private let flatStart: [Int]
    /// The flat arcs of each state by the letter code (`KazakhLetters.code`) of their back or front form's first
    /// letter, in table order: those of state `s` and code `c` are `byLetter[byLetterStart[s * 46 + c] ..<
    /// byLetterStart[s * 46 + c + 1]]`. A walk looks only at the arcs that can match the next letter.
    private let byLetter: [Int32]
    private let byLetterStart: [Int32]
    private static let codes = 46
    private let forms: [UInt32]
    private let startStates: [Int]
    private let hasReplacingArcs: Bool
    private let path: String
    /// Shortest stem considered (in scalars).
    public var minimumStem = 3

    /// Letter classes (bit flags) for the `after` column.
    static let vowel: UInt8 = 1, r: UInt8 = 2, l: UInt8 = 4, nasal: UInt8 = 8, zh: UInt8 = 16, voiceless: UInt8 = 32
    static let classNames: [String: UInt8] = [
        "vowel": vowel, "r": r, "l": l, "nasal": nasal, "zh": zh, "voiceless": voiceless,
        "cons": r | l | nasal | zh | voiceless, "any": 63,
    ]

    /// Parses a suffix table (see the header of `Rules/lexicon/kk-suffixes.tsv`); errors name the line.
    public init(table data: [UInt8], path: String) throws {
        self.path = path
        if let bad = firstInvalidUTF8Offset(data) {
            throw NormalizeError.ruleFile(path: path, line: lineOf(offset: bad, in: data), column: 1,
                                          message: "invalid UTF-8 at byte \(bad)")
        }
        var states: [String] = []
        var arcs: [[Arc]] = []
        func state(_ name: Substring) -> Int {
            if let i = states.firstIndex(where: { $0 == name }) { return i }
            states.append(String(name))
            arcs.append([])
            return states.count - 1
        }
        var lineNo = 0
        for rawLine in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5 else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: 1,
                                              message: "expected 5 tab-separated fields (from, to, back, front, after), found \(f.count)")
            }
            var from = f[0]
            var replaces: [UInt32] = []
            if let dash = from.firstIndex(of: "-") {
                replaces = from[from.index(after: dash)...].unicodeScalars.map { CyrillicCase.lower($0.value) }
                from = from[..<dash]
                guard !replaces.isEmpty else {
                    throw NormalizeError.ruleFile(path: path, line: lineNo, column: 1, message: "\"\(f[0])\": nothing after '-'")
                }
            }
            guard !from.isEmpty, !f[1].isEmpty else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: 1, message: "empty state name")
            }
            let back = f[2].unicodeScalars.map(\.value)
            let front = f[3] == "-" ? back : f[3].unicodeScalars.map(\.value)
            guard !back.isEmpty, !front.isEmpty,
                  (back + front).allSatisfy(CyrillicCase.isCyrillicLetter) else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: f[0].count + f[1].count + 3,
                                              message: "suffix forms must be Cyrillic letters")
            }
            var mask: UInt8 = 0
            for name in f[4].split(separator: " ") {
                guard let m = Morphology.classNames[String(name)] else {
                    throw NormalizeError.ruleFile(path: path, line: lineNo, column: line.count - f[4].count + 1,
                                                  message: "unknown letter class \"\(name)\" (vowel r l nasal zh voiceless cons any)")
                }
                mask |= m
            }
            guard mask != 0 else {
                throw NormalizeError.ruleFile(path: path, line: lineNo, column: line.count + 1, message: "empty letter class list")
            }
            let fromState = state(from)
            let toState = state(f[1])
            arcs[fromState].append(Arc(to: toState, back: back, front: front, after: mask, replaces: replaces))
        }
        self.states = states
        self.arcs = arcs
        var flatArcs: [FlatArc] = []
        var flatStart: [Int] = []
        var forms: [UInt32] = []
        for stateArcs in arcs {
            flatStart.append(flatArcs.count)
            for a in stateArcs where a.replaces.isEmpty {
                let b = Int32(forms.count)
                forms += a.back
                let f = Int32(forms.count)
                forms += a.front
                flatArcs.append(FlatArc(to: Int32(a.to), back: b, backCount: Int32(a.back.count), front: f,
                                        frontCount: Int32(a.front.count), after: a.after, harmonic: a.front != a.back))
            }
        }
        flatStart.append(flatArcs.count)
        var byLetter: [Int32] = []
        var byLetterStart: [Int32] = []
        for state in 0..<(flatStart.count - 1) {
            for code in 0..<Morphology.codes {
                byLetterStart.append(Int32(byLetter.count))
                for ai in flatStart[state]..<flatStart[state + 1] {
                    let a = flatArcs[ai]
                    if Int(KazakhLetters.code(forms[Int(a.back)])) == code || Int(KazakhLetters.code(forms[Int(a.front)])) == code {
                        byLetter.append(Int32(ai))
                    }
                }
            }
        }
        byLetterStart.append(Int32(byLetter.count))
        self.flatArcs = flatArcs
        self.flatStart = flatStart
        self.byLetter = byLetter
        self.byLetterStart = byLetterStart
        self.forms = forms
        self.startStates = ["N", "V"].compactMap { name in states.firstIndex(of: name) }
        self.hasReplacingArcs = startStates.contains { arcs[$0].contains { !$0.replaces.isEmpty } }
        guard !startStates.isEmpty else {
            throw NormalizeError.ruleFile(path: path, line: lineNo, column: 1, message: "no arc leaves the start state N or V")
        }
    }

    public init(rules: RuleStore, name: String) throws {
        try self.init(table: rules.data(name), path: rules.displayPath(name))
    }

    public static let kazakhFile = "lexicon/kk-suffixes.tsv"
    public static let russianFile = "lexicon/ru-suffixes.tsv"

    /// The class bit of a (lowercase) letter.
    static func letterClass(_ u: UInt32) -> UInt8 {
        switch u {
        case 0x0430, 0x04D9, 0x0435, 0x0451, 0x0438, 0x043E, 0x04E9, 0x04B1, 0x04AF, 0x044B, 0x0456, 0x044D, 0x044E, 0x044F:
            return vowel  // а ә е ё и о ө ұ ү ы і э ю я
        case 0x0440, 0x0439, 0x0443: return r          // р й у
        case 0x043B: return l                          // л
        case 0x043C, 0x043D, 0x04A3: return nasal      // м н ң
        case 0x0436, 0x0437: return zh                 // ж з
        default: return voiceless
        }
    }

    /// Harmony of a letter: 1 back, 2 front, 0 neutral/ambiguous (и у ю and consonants).
    static func harmony(_ u: UInt32) -> UInt8 {
        switch u {
        case 0x0430, 0x043E, 0x04B1, 0x044B, 0x044F, 0x0451: return 1  // а о ұ ы я ё
        case 0x04D9, 0x0435, 0x04E9, 0x04AF, 0x0456, 0x044D: return 2  // ә е ө ү і э
        default: return 0
        }
    }

    /// Which harmonies a stem allows (bit 1 back, bit 2 front). A stem whose vowels are all back or all front
    /// (native Kazakh words) allows only that harmony; a stem that mixes them (Russian names and loans:
    /// `Назарбаев`, `Әуезов`, `контекст`…) or has no clear vowel allows both.
    static func stemHarmony(_ s: ArraySlice<UInt32>) -> UInt8 {
        var seen: UInt8 = 0
        for u in s { seen |= harmony(u) }
        return seen == 0 ? 3 : seen
    }

    /// Analyses a lowercase word (scalars) as a stem known to `stemCount` plus a suffix chain; returns the
    /// analysis with the longest stem, or nil. `stemCount` returns 0 for unknown stems. The suffix chain is
    /// checked first (cheap), so stems are looked up only where a valid chain follows.
    public func analyze(_ word: [UInt32], minimumStemCount: Int = 1, stemCount: ([UInt32]) -> Int) -> Analysis? {
        let n = word.count
        guard n > minimumStem else { return nil }
        var p = n - 1
        var scratch: [String] = []
        while p >= minimumStem {
            defer { p -= 1 }
            if hasReplacingArcs, let r = replacedStem(word, at: p, stemCount: stemCount, minimumStemCount: minimumStemCount) {
                return r
            }
            scratch.removeAll(keepingCapacity: true)
            guard chainExists(word, from: p, last: word[p - 1], harmony: 3, out: &scratch) else { continue }
            let stem = Array(word[0..<p])
            var candidates: [[UInt32]] = [stem]
            if Morphology.letterClass(word[p]) == Morphology.vowel, let last = stem.last {
                // stem-final к/қ/п written г/ғ/б before a vowel
                let alt: UInt32? = last == 0x0433 ? 0x043A : last == 0x0493 ? 0x049B : last == 0x0431 ? 0x043F : nil
                if let alt { candidates.append(Array(stem.dropLast()) + [alt]) }
            }
            for s in candidates {
                let c = stemCount(s)
                if c >= minimumStemCount, let suffixes = chain(word, from: p, stem: s, replaced: []) {
                    return Analysis(stemLength: p, stem: String(scalars: s), stemCount: c, suffixes: suffixes)
                }
            }
        }
        return nil
    }


    /// The stem endings that replacing arcs (`N-x` rows) take off, for indexes of possible stems.
    var replacedEndings: [[UInt32]] {
        var seen: [[UInt32]] = []
        for s in startStates {
            for arc in arcs[s] where !arc.replaces.isEmpty && !seen.contains(arc.replaces) { seen.append(arc.replaces) }
        }
        return seen
    }

    /// False when `analyze` certainly finds no analysis whose stem is spelled as the first `p` letters of `word`:
    /// no suffix chain (of either harmony) follows them and no replacing arc's suffix is spelled after them. The
    /// same gates as `analyze` applies before it looks a stem up, without building arrays.
    func mayAnalyze(_ word: UnsafeBufferPointer<UInt32>, stemLength p: Int) -> Bool {
        guard p >= minimumStem, p < word.count else { return false }
        if hasReplacingArcs {
            for start in startStates {
                for arc in arcs[start] where !arc.replaces.isEmpty && p + arc.back.count <= word.count {
                    if word[p..<p + arc.back.count].elementsEqual(arc.back) { return true }
                }
            }
        }
        var out: [String] = []
        return flatArcs.withUnsafeBufferPointer { arcs in
            forms.withUnsafeBufferPointer { forms in
                startStates.contains { s in
                    walkFlat(word, arcs, forms, at: p, state: s, last: word[p - 1], harmony: 3, depth: 0, out: &out)
                }
            }
        }
    }

    /// How far (an index into `word`) the suffix table can read `word` after a stem of its first `p` letters:
    /// the end of the longest run of letters from `p` on that begins some suffix chain (as `mayAnalyze` walks
    /// it: either harmony, the class of the letter before), or `Int.max` when a replacing arc's suffix is
    /// spelled at `p`. A word that differs from `word` only from index `start` on, with `start` beyond this,
    /// cannot pass `mayAnalyze` at `p`.
    func readableEnd(_ word: UnsafeBufferPointer<UInt32>, stemLength p: Int) -> Int {
        guard p >= minimumStem, p < word.count else { return p }
        var best = p
        if hasReplacingArcs {
            for start in startStates {
                for arc in arcs[start] where !arc.replaces.isEmpty {
                    var k = 0
                    while k < arc.back.count && p + k < word.count && word[p + k] == arc.back[k] { k += 1 }
                    if k == arc.back.count { return Int.max }
                    best = max(best, p + k)
                }
            }
        }
        return flatArcs.withUnsafeBufferPointer { arcs in
            forms.withUnsafeBufferPointer { forms in
                for s in startStates {
                    best = max(best, readable(word, arcs, forms, at: p, state: s, last: word[p - 1], harmony: 3, depth: 0))
                }
                return best
            }
        }
    }

    /// The walk of `walkFlat`, also following a suffix form that matches only in part: the farthest index read.
    private func readable(_ w: UnsafeBufferPointer<UInt32>, _ arcs: UnsafeBufferPointer<FlatArc>, _ forms: UnsafeBufferPointer<UInt32>,
                          at pos: Int, state: Int, last: UInt32, harmony: UInt8, depth: Int) -> Int {
        if pos == w.count || depth >= 6 { return pos }
        var best = pos
        let cls = Morphology.letterClass(last)
        let next = w[pos]
        let bucket = state * Morphology.codes + Int(KazakhLetters.code(next))
        for j in Int(byLetterStart[bucket])..<Int(byLetterStart[bucket + 1]) {
            let arc = arcs[Int(byLetter[j])]
            if forms[Int(arc.back)] != next && forms[Int(arc.front)] != next { continue }
            if arc.after & cls == 0 { continue }
            for hbit: UInt8 in 1...2 {
                if hbit == 2 && !arc.harmonic { break }
                if arc.harmonic && harmony & hbit == 0 { continue }
                let start = Int(hbit == 1 ? arc.back : arc.front)
                let count = Int(hbit == 1 ? arc.backCount : arc.frontCount)
                var k = 0
                while k < count && pos + k < w.count && w[pos + k] == forms[start + k] { k += 1 }
                if k < count {
                    best = max(best, pos + k)
                    continue
                }
                best = max(best, readable(w, arcs, forms, at: pos + count, state: Int(arc.to), last: forms[start + count - 1],
                                          harmony: arc.harmonic ? hbit : harmony, depth: depth + 1))
                if best == w.count { return best }  // read to the end: nothing can go farther
            }
        }
        return best
    }

    /// The suffixes of `word` after its first `p` letters, with the harmony the stem `word[..<p]` allows, or
    /// nil when no chain of the table spells them.
    public func suffixes(of word: [UInt32], after p: Int) -> [String]? {
        guard p > 0, p < word.count else { return nil }
        return chain(word, from: p, stem: Array(word[0..<p]), replaced: [])
    }

    private func chainExists(_ word: [UInt32], from p: Int, last: UInt32, harmony: UInt8, out: inout [String]) -> Bool {
        for s in startStates where walk(word, at: p, state: s, last: last, harmony: harmony, depth: 0, replaced: [], out: &out) {
            return true
        }
        return false
    }

    private func replacedStem(_ word: [UInt32], at p: Int, stemCount: ([UInt32]) -> Int, minimumStemCount: Int) -> Analysis? {
        for start in startStates {
            for arc in arcs[start] where !arc.replaces.isEmpty {
                // cheap test first: the replacing suffix must be spelled right after the stem
                guard p + arc.back.count <= word.count, matches(word, at: p, arc.back) else { continue }
                let full = Array(word[0..<p]) + arc.replaces
                let c = stemCount(full)
                if c >= minimumStemCount, let suffixes = chain(word, from: p, stem: full, replaced: arc.replaces) {
                    return Analysis(stemLength: p, stem: String(scalars: full), stemCount: c, suffixes: suffixes)
                }
            }
        }
        return nil
    }

    private func chain(_ word: [UInt32], from p: Int, stem: [UInt32], replaced: [UInt32]) -> [String]? {
        let h = Morphology.stemHarmony(stem[...])
        let visible = Array(word[0..<p])
        var out: [String] = []
        for s in startStates {
            if walk(word, at: p, state: s, last: visible.last ?? 0, harmony: h, depth: 0, replaced: replaced, out: &out) {
                return out
            }
        }
        return nil
    }

    private func walk(_ w: [UInt32], at pos: Int, state: Int, last: UInt32, harmony: UInt8, depth: Int,
                      replaced: [UInt32], out: inout [String]) -> Bool {
        if replaced.isEmpty {
            return w.withUnsafeBufferPointer { word in
                flatArcs.withUnsafeBufferPointer { arcs in
                    forms.withUnsafeBufferPointer { forms in
                        walkFlat(word, arcs, forms, at: pos, state: state, last: last, harmony: harmony, depth: depth, out: &out)
                    }
                }
            }
        }
        if pos == w.count { return depth > 0 }
        if depth >= 6 { return false }
        let cls = Morphology.letterClass(last)
        let next = w[pos]
        let stateArcs = arcs[state]
        for ai in stateArcs.indices {
            let arc = stateArcs[ai]
            if arc.back[0] != next && arc.front[0] != next { continue }
            if depth == 0 ? arc.replaces != replaced : !arc.replaces.isEmpty { continue }
            if arc.replaces.isEmpty && arc.after & cls == 0 { continue }
            let harmonic = arc.front != arc.back
            for hbit: UInt8 in 1...2 {
                if hbit == 2 && !harmonic { break }
                if harmonic && harmony & hbit == 0 { continue }
                let form = hbit == 1 ? arc.back : arc.front
                guard pos + form.count <= w.count, matches(w, at: pos, form) else { continue }
                let newHarmony = harmonic ? hbit : harmony
                if walk(w, at: pos + form.count, state: arc.to, last: form[form.count - 1], harmony: newHarmony,
                        depth: depth + 1, replaced: [], out: &out) {
                    out.insert(String(scalars: form), at: 0)
                    return true
                }
            }
        }
        return false
    }

    private func walkFlat(_ w: UnsafeBufferPointer<UInt32>, _ arcs: UnsafeBufferPointer<FlatArc>, _ forms: UnsafeBufferPointer<UInt32>,
                          at pos: Int, state: Int, last: UInt32, harmony: UInt8, depth: Int, out: inout [String]) -> Bool {
        if pos == w.count { return depth > 0 }
        if depth >= 6 { return false }
        let cls = Morphology.letterClass(last)
        let next = w[pos]
        let bucket = state * Morphology.codes + Int(KazakhLetters.code(next))
        for j in Int(byLetterStart[bucket])..<Int(byLetterStart[bucket + 1]) {
            let arc = arcs[Int(byLetter[j])]
            if forms[Int(arc.back)] != next && forms[Int(arc.front)] != next { continue }
            if arc.after & cls == 0 { continue }
            for hbit: UInt8 in 1...2 {
                if hbit == 2 && !arc.harmonic { break }
                if arc.harmonic && harmony & hbit == 0 { continue }
                let start = Int(hbit == 1 ? arc.back : arc.front)
                let count = Int(hbit == 1 ? arc.backCount : arc.frontCount)
                guard pos + count <= w.count else { continue }
                var k = 0
                while k < count && w[pos + k] == forms[start + k] { k += 1 }
                guard k == count else { continue }
                if walkFlat(w, arcs, forms, at: pos + count, state: Int(arc.to), last: forms[start + count - 1],
                            harmony: arc.harmonic ? hbit : harmony, depth: depth + 1, out: &out) {
                    out.insert(String(scalars: forms[start..<start + count]), at: 0)
                    return true
                }
            }
        }
        return false
    }

    @inline(__always)
    private func matches(_ w: [UInt32], at pos: Int, _ form: [UInt32]) -> Bool {
        var i = 0
        while i < form.count {
            if w[pos + i] != form[i] { return false }
            i += 1
        }
        return true
    }
}

extension String {
    init(scalars: some Sequence<UInt32>) {
        var s = String.UnicodeScalarView()
        for u in scalars { if let c = Unicode.Scalar(u) { s.append(c) } }
        self = String(s)
    }
}
