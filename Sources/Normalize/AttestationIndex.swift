/// A cheap, conservative test of whether a correction candidate could be attested by `SpellChecker`, so that the
/// costly attestation (lexicon lookups over re-encoded UTF-8, morphological analysis, Russian paradigms) runs
/// only for the few candidates of an unknown word that can pass it.
///
/// It is a trie of every prefix of every lexicon word and stem, stored as an open-addressing hash table keyed by
/// a running hash of the prefix's letters. Each node has a bit per letter that continues it and flags for what
/// the prefix is: a listed word (Kazakh, Russian or names lexicon), a stem for Kazakh analysis (any lexicon word,
/// also with stem-final к/қ/п written г/ғ/б, or without an ending that a suffix arc replaces), a stem for Russian
/// analysis (names, likewise) or a Russian paradigm stem (a Russian word without one of its inflectional endings).
///
/// The test never says no to a candidate that `SpellChecker.attestation` would accept: every condition it
/// checks is implied by acceptance (hash collisions can only add candidates). It may say yes to one that is not
/// attested; that candidate then takes the full test, so decisions are the same as without the index.
struct AttestationIndex: Sendable {
    static let listed: UInt8 = 1
    static let kazakhStem: UInt8 = 2
    static let russianStem: UInt8 = 4
    static let paradigmStem: UInt8 = 8

    struct Node {
        var key: UInt64
        var children: UInt64
        var flags: UInt8
    }

    private var nodes: [Node]
    private var mask: Int
    private var used = 0
    /// The longest Russian ending (in letters), for paradigm stems.
    let longestEnding: Int

    static let root: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of a prefix extended by one letter.
    @inline(__always)
    static func extend(_ h: UInt64, _ u: UInt32) -> UInt64 {
        (h ^ UInt64(u)) &* 0x0000_0100_0000_01B3
    }

    /// The child bit of a letter: а…я, ё, the Kazakh letters, and one shared bit for anything else.
    @inline(__always)
    static func bit(_ u: UInt32) -> UInt64 {
        let code = KazakhLetters.code(u)
        return 1 << UInt64(code == 0 ? 63 : code)
    }

    @inline(__always)
    private static func slot(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9 >> 20) & mask
    }

    init(kazakh: Lexicon, russian: Lexicon, names: Lexicon, kazakhMorphology: Morphology, russianMorphology: Morphology,
         russianEndings: [[UInt32]], inducedKazakhStems: [[UInt32]] = []) {
        var size = 1 << 16
        while size < (kazakh.wordCount + russian.wordCount) * 8 { size <<= 1 }
        nodes = [Node](repeating: Node(key: 0, children: 0, flags: 0), count: size)
        mask = size - 1
        longestEnding = russianEndings.map(\.count).max() ?? 0
        insert([], flags: 0)
        let alternations: [UInt32: UInt32] = [0x043A: 0x0433, 0x049B: 0x0493, 0x043F: 0x0431]  // к→г, қ→ғ, п→б
        var word: [UInt32] = []
        func stems(_ flag: UInt8, _ morphology: Morphology) {
            insert(word, flags: flag)
            if let last = word.last, let alt = alternations[last] {
                insert(word.dropLast() + [alt], flags: flag)
            }
            for r in morphology.replacedEndings where r.count < word.count && word.suffix(r.count).elementsEqual(r) {
                insert(word.dropLast(r.count), flags: flag)
            }
        }
        for (lexicon, isRussian, isNames) in [(kazakh, false, false), (russian, true, false), (names, false, true)] {
            lexicon.forEachEntry { bytes, _ in
                word.removeAll(keepingCapacity: true)
                for s in String(decoding: bytes, as: UTF8.self).unicodeScalars { word.append(s.value) }
                insert(word, flags: AttestationIndex.listed)
                stems(AttestationIndex.kazakhStem, kazakhMorphology)
                if isNames { stems(AttestationIndex.russianStem, russianMorphology) }
                if isRussian {
                    for ending in russianEndings where ending.count < word.count - 3 && word.suffix(ending.count).elementsEqual(ending) {
                        insert(word.dropLast(ending.count), flags: AttestationIndex.paradigmStem)
                    }
                }
            }
        }
        for stem in inducedKazakhStems {
            word = stem
            stems(AttestationIndex.kazakhStem, kazakhMorphology)
        }
    }

    private mutating func grow() {
        let old = nodes
        nodes = [Node](repeating: Node(key: 0, children: 0, flags: 0), count: old.count * 2)
        mask = nodes.count - 1
        for n in old where n.key != 0 {
            var s = AttestationIndex.slot(n.key, mask)
            while nodes[s].key != 0 { s = (s + 1) & mask }
            nodes[s] = n
        }
        lastWord.removeAll()
        lastHash.removeAll()
        lastPath.removeAll()
    }

    /// The letters, hashes and slots of the path inserted last: words come in sorted order and stems are
    /// prefixes of their word, so most of a new path is already there.
    private var lastWord: [UInt32] = []
    private var lastHash: [UInt64] = []
    private var lastPath: [Int] = []

    /// Adds every prefix of `word` (with their child bits) and `flags` on the word itself.
    private mutating func insert(_ word: some Collection<UInt32>, flags: UInt8) {
        while (used + word.count + 1) * 2 >= nodes.count { grow() }
        if lastPath.isEmpty {
            lastHash = [AttestationIndex.root]
            lastPath = [place(AttestationIndex.root)]
        }
        var shared = 0
        for u in word {
            guard shared < lastWord.count, lastWord[shared] == u else { break }
            shared += 1
        }
        lastWord.removeSubrange(shared...)
        lastHash.removeSubrange((shared + 1)...)
        lastPath.removeSubrange((shared + 1)...)
        for u in word.dropFirst(shared) {
            nodes[lastPath[lastPath.count - 1]].children |= AttestationIndex.bit(u)
            let h = AttestationIndex.extend(lastHash[lastHash.count - 1], u)
            lastWord.append(u)
            lastHash.append(h)
            lastPath.append(place(h))
        }
        nodes[lastPath[lastPath.count - 1]].flags |= flags
    }

    /// The slot of key `h`, added if absent (the caller makes room first).
    private mutating func place(_ h: UInt64) -> Int {
        let key = h == 0 ? 1 : h
        var s = AttestationIndex.slot(key, mask)
        while nodes[s].key != 0 {
            if nodes[s].key == key { return s }
            s = (s + 1) & mask
        }
        nodes[s].key = key
        used += 1
        return s
    }


    /// The node of prefix hash `h`, or nil.
    @inline(__always)
    func node(_ h: UInt64) -> Node? {
        let key = h == 0 ? 1 : h
        return nodes.withUnsafeBufferPointer { nodes in
            var s = AttestationIndex.slot(key, mask)
            while true {
                let n = nodes[s]
                if n.key == key { return n }
                if n.key == 0 { return nil }
                s = (s + 1) & mask
            }
        }
    }

    /// Memory held by the table, in bytes.
    var byteCount: Int { nodes.count * MemoryLayout<Node>.stride }
}

/// The candidates of one unknown word, tested against an `AttestationIndex` without building them as arrays:
/// the caller spells each candidate into a scratch buffer that shares its first letters with the word, and the
/// trie walk starts where the candidate first differs from the word.
struct CandidateFilter {
    let index: AttestationIndex
    let kazakhMorphology: Morphology
    let russianMorphology: Morphology
    /// Which flags count: stems of the languages the candidate may belong to, and only listed words when
    /// `derived` is false.
    let kazakh: Bool
    let russian: Bool
    let derived: Bool
    /// The word, and for each prefix length p ≤ `depth` the prefix's trie node.
    private let word: [UInt32]
    private var prefixHash: [UInt64] = []
    private var prefixNode: [AttestationIndex.Node] = []
    /// Longest prefix of the word that is in the trie.
    private var depth = 0
    /// Stem flags of the word's own prefixes (length, flags, and the last index at which a candidate may
    /// first differ from the word and still analyse with that stem), shortest first.
    private var wordStems: [(length: Int, flags: UInt8, reach: Int)] = []
    /// For each index of the word (and its end): whether a candidate that first differs from the word there can
    /// pass at all.
    private var live: [Bool] = []

    init(word: [UInt32], index: AttestationIndex, kazakhMorphology: Morphology, russianMorphology: Morphology,
         kazakh: Bool, russian: Bool, derived: Bool) {
        self.word = word
        self.index = index
        self.kazakhMorphology = kazakhMorphology
        self.russianMorphology = russianMorphology
        self.kazakh = kazakh
        self.russian = russian
        self.derived = derived
        var h = AttestationIndex.root
        guard var node = index.node(h) else { return }
        prefixHash.append(h)
        prefixNode.append(node)
        for (p, u) in word.enumerated() {
            guard node.children & AttestationIndex.bit(u) != 0 else { break }
            h = AttestationIndex.extend(h, u)
            guard let next = index.node(h) else { break }
            node = next
            prefixHash.append(h)
            prefixNode.append(node)
            depth = p + 1
            if node.flags & ~AttestationIndex.listed != 0 { wordStems.append((p + 1, node.flags, 0)) }
        }
        word.withUnsafeBufferPointer { w in
            for k in wordStems.indices {
                let (p, flags, _) = wordStems[k]
                var reach = -1
                if kazakh && flags & AttestationIndex.kazakhStem != 0 {
                    reach = max(reach, kazakhMorphology.readableEnd(w, stemLength: p))
                }
                if russian && flags & AttestationIndex.russianStem != 0 {
                    reach = max(reach, russianMorphology.readableEnd(w, stemLength: p))
                }
                if russian && flags & AttestationIndex.paradigmStem != 0 && p > 3 { reach = max(reach, p + index.longestEnding) }
                wordStems[k].reach = reach
            }
        }
        live = (0...(word.count + 1)).map { start in
            start <= depth || (derived && wordStems.contains { $0.length <= start && start <= $0.reach })
        }
    }

    /// False when no candidate that first differs from the word at index `start` can be attested.
    @inline(__always)
    func isLive(_ start: Int) -> Bool { live[start] }

    /// True unless the candidate `c`, equal to the word in its first `start` letters, is certainly not attested.
    func mayBeAttested(_ c: UnsafeBufferPointer<UInt32>, start: Int) -> Bool {
        let length = c.count
        guard live[start] else { return false }
        if derived {
            for (p, flags, reach) in wordStems {
                if p > start { break }
                if start <= reach && stemMayStart(c, at: p, flags) { return true }
            }
        }
        guard start <= depth else { return false }
        var node = prefixNode[start]
        if start == length { return node.flags & AttestationIndex.listed != 0 }
        if node.children & AttestationIndex.bit(c[start]) == 0 { return false }
        var h = prefixHash[start]
        var p = start
        while p < length {
            guard node.children & AttestationIndex.bit(c[p]) != 0 else { return false }
            h = AttestationIndex.extend(h, c[p])
            guard let next = index.node(h) else { return false }
            node = next
            p += 1
            if p == length && node.flags & AttestationIndex.listed != 0 { return true }
            if derived && node.flags & ~AttestationIndex.listed != 0 && stemMayStart(c, at: p, node.flags) { return true }
        }
        return false
    }

    /// True when the candidate may analyse as the stem `c[0..<p]` (with `flags`) plus what follows.
    @inline(__always)
    private func stemMayStart(_ c: UnsafeBufferPointer<UInt32>, at p: Int, _ flags: UInt8) -> Bool {
        if kazakh && flags & AttestationIndex.kazakhStem != 0 && kazakhMorphology.mayAnalyze(c, stemLength: p) { return true }
        if russian {
            if flags & AttestationIndex.russianStem != 0 && russianMorphology.mayAnalyze(c, stemLength: p) { return true }
            if flags & AttestationIndex.paradigmStem != 0 && p > 3 && c.count - p <= index.longestEnding
                && SpellChecker.russianEndings(endingWith: c.last).contains(where: { c[p...].elementsEqual($0) }) {
                return true
            }
        }
        return false
    }
}
