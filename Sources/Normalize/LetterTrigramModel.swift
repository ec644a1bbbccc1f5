#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Letter-trigram models of the Cyrillic languages (`Rules/unicode/letter-trigrams.tsv`): how
/// plausible a word is in Kazakh, Russian, Ukrainian, Serbian, …
///
/// The decode and unicode passes use it to choose between readings of the same bytes: a paragraph in
/// KZ-1048 read as Windows-1251 (`тўлєаларыныѕ`) scores far better as Kazakh after repair
/// (`тұлғаларының`) than as any language before it, while genuine Belarusian `ў` or Macedonian `ќ`
/// scores best as it is.
public struct LetterTrigramModel: Sendable {
    /// Language codes in file order.
    public let languages: [String]
    /// Per language: packed trigram → count, and packed two-letter context → total count.
    let trigrams: [[UInt64: Int32]]
    let contexts: [[UInt64: Int32]]

    /// Smoothing: add-α with this α and this many possible next letters.
    private static let alpha = 0.5
    private static let alphabet = 100.0

    public init(ruleText: String, path: String) throws {
        (languages, trigrams, contexts) = try Self.parsePlain(ruleText) ?? Self.parseGeneral(ruleText, path: path)
    }

    /// The definition of the file's syntax: lines split on `\n` Characters, `#` comments.
    static func parseGeneral(_ ruleText: String, path: String) throws
        -> ([String], [[UInt64: Int32]], [[UInt64: Int32]]) {
        var langs: [String] = []
        var tri: [[UInt64: Int32]] = []
        var ctx: [[UInt64: Int32]] = []
        var index: [Substring: Int] = [:]
        for (n, line) in ruleText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            let scalars = f.count == 3 ? Array(f[1].unicodeScalars) : []
            guard scalars.count == 3, let count = Int32(f[2]), count > 0 else {
                throw NormalizeError.ruleFile(path: path, line: n + 1, column: 1,
                                              message: "expected LANGUAGE<TAB>three letters<TAB>positive count")
            }
            let li: Int
            if let i = index[f[0]] {
                li = i
            } else {
                li = langs.count
                index[f[0]] = li
                langs.append(String(f[0]))
                tri.append([:])
                ctx.append([:])
            }
            let key = Self.pack(scalars[0].value, scalars[1].value, scalars[2].value)
            tri[li][key, default: 0] += count
            ctx[li][Self.pack(scalars[0].value, scalars[1].value, 0), default: 0] += count
        }
        if langs.isEmpty {
            throw NormalizeError.ruleFile(path: path, line: 1, column: 1, message: "no trigrams")
        }
        return (langs, tri, ctx)
    }

    /// The same parse as `parseGeneral`, in one pass over the bytes, for a file made only of
    /// comments, empty lines and plain `LANGUAGE<TAB>three letters<TAB>digits` lines with an ASCII
    /// language code and no carriage return; nil for anything else, which then goes through the
    /// general parse (same result, same errors). The file has ~54 000 lines: parsing them was most of
    /// the unicode pass's start-up.
    static func parsePlain(_ ruleText: String) -> ([String], [[UInt64: Int32]], [[UInt64: Int32]])? {
        var langs: [String] = []
        var langBytes: [[UInt8]] = []
        var tri: [[UInt64: Int32]] = []
        var ctx: [[UInt64: Int32]] = []
        var text = ruleText
        let plain: Bool = text.withUTF8 { p in
            let n = p.count
            var i = 0
            // The file is grouped by language: the last language seen matches first.
            func languageIndex(_ start: Int, _ end: Int) -> Int {
                let len = end - start
                var k = langBytes.count - 1
                while k >= 0 {
                    let l = langBytes[k]
                    if l.count == len {
                        var j = 0
                        while j < len && l[j] == p[start + j] { j += 1 }
                        if j == len { return k }
                    }
                    k -= 1
                }
                let bytes = Array(p[start..<end])
                langBytes.append(bytes)
                langs.append(String(decoding: bytes, as: UTF8.self))
                tri.append([:])
                ctx.append([:])
                tri[tri.count - 1].reserveCapacity(8192)
                ctx[ctx.count - 1].reserveCapacity(2048)
                return langBytes.count - 1
            }
            while i < n {
                let start = i
                var end = i
                while end < n && p[end] != 0x0A { end &+= 1 }
                i = end &+ 1
                if end == start { continue }
                if p[start] == 0x23 {
                    // A comment, unless what follows `#` is non-ASCII (it could join it in one Character).
                    var j = start
                    while j < end && p[j] < 0x80 && p[j] != 0x0D { j &+= 1 }
                    if j < end { return false }
                    continue
                }
                var t1 = start
                while t1 < end && p[t1] != 0x09 {
                    if p[t1] >= 0x80 || p[t1] == 0x0D { return false }
                    t1 &+= 1
                }
                guard t1 < end else { return false }
                var q = t1 &+ 1
                var sc: (UInt32, UInt32, UInt32) = (0, 0, 0)
                for k in 0..<3 {
                    guard q < end, p[q] != 0x09, p[q] != 0x0D else { return false }
                    let b0 = UInt32(p[q])
                    var v: UInt32
                    // A Swift String is valid UTF-8: a lead byte is followed by its continuation bytes.
                    if b0 < 0x80 {
                        v = b0; q &+= 1
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(p[q &+ 1] & 0x3F); q &+= 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(p[q &+ 1] & 0x3F) << 6 | UInt32(p[q &+ 2] & 0x3F); q &+= 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(p[q &+ 1] & 0x3F) << 12 | UInt32(p[q &+ 2] & 0x3F) << 6
                            | UInt32(p[q &+ 3] & 0x3F)
                        q &+= 4
                    }
                    switch k { case 0: sc.0 = v; case 1: sc.1 = v; default: sc.2 = v }
                }
                guard q < end, p[q] == 0x09 else { return false }
                q &+= 1
                let digits = end - q
                guard digits >= 1 && digits <= 9 else { return false }
                var count: Int32 = 0
                while q < end {
                    let d = p[q] &- 0x30
                    guard d <= 9 else { return false }
                    count = count &* 10 &+ Int32(d)
                    q &+= 1
                }
                guard count > 0 else { return false }
                let li = languageIndex(start, t1)
                tri[li][pack(sc.0, sc.1, sc.2), default: 0] += count
                ctx[li][pack(sc.0, sc.1, 0), default: 0] += count
            }
            return true
        }
        return plain && !langs.isEmpty ? (langs, tri, ctx) : nil
    }

    @inline(__always)
    static func pack(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    public func index(of language: String) -> Int? { languages.firstIndex(of: language) }

    /// Sum of log-probabilities and number of trigrams of the Cyrillic words in `text` under language
    /// `li`. Words are lowercased runs of letters that contain a Cyrillic letter.
    public func logProbability(of text: some Sequence<Unicode.Scalar>, language li: Int) -> (sum: Double, count: Int) {
        var sum = 0.0
        var count = 0
        forEachCyrillicWord(text) { word in
            let (s, c) = wordLogProbability(word, language: li)
            sum += s
            count += c
        }
        return (sum, count)
    }

    /// Mean log-probability per trigram under each language, best first.
    public func rank(_ text: some Sequence<Unicode.Scalar>) -> [(language: String, score: Double)] {
        var words: [[UInt32]] = []
        forEachCyrillicWord(text) { words.append($0) }
        var out: [(String, Double)] = []
        for li in languages.indices {
            var sum = 0.0, count = 0
            for w in words {
                let (s, c) = wordLogProbability(w, language: li)
                sum += s
                count += c
            }
            out.append((languages[li], count == 0 ? -.infinity : sum / Double(count)))
        }
        return out.sorted { $0.1 > $1.1 }
    }

    /// Log-probability of one lowercase word (padded with spaces) and its number of trigrams.
    func wordLogProbability(_ word: [UInt32], language li: Int) -> (Double, Int) {
        let t = trigrams[li], c = contexts[li]
        var a: UInt32 = 0x20, b: UInt32 = 0x20
        var sum = 0.0
        var n = 0
        var first = true
        for x in word + [0x20] {
            if first {
                first = false
                b = x
                continue
            }
            let num = Double(t[Self.pack(a, b, x)] ?? 0) + Self.alpha
            let den = Double(c[Self.pack(a, b, 0)] ?? 0) + Self.alpha * Self.alphabet
            sum += log(num / den)
            n += 1
            a = b
            b = x
        }
        return (sum, n)
    }

    /// Letters, and any other non-ASCII scalar that is not common punctuation or a space: a stray
    /// `‰` or `Ў` inside a word counts as an (improbable) letter, which is what a wrong reading needs.
    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
        switch v {
        case 0xA0, 0xAB, 0xBB, 0x2000...0x200F, 0x2010...0x2027, 0x202F, 0x2116, 0x3000: return false
        default: return !s.properties.isWhitespace
        }
    }

    private func forEachCyrillicWord(_ text: some Sequence<Unicode.Scalar>, _ body: ([UInt32]) -> Void) {
        var word: [UInt32] = []
        var cyrillic = false
        for s in text {
            if Self.isWordScalar(s) {
                // Latin i stands for і in much Kazakh, Ukrainian and Belarusian typing: score it as і.
                let v = s.value == 0x69 || s.value == 0x49 ? 0x456 : s.value
                word.append(v >= 0x400 && v < 0x530 ? CyrillicCase.lower(v)
                            : UInt32(s.properties.lowercaseMapping.unicodeScalars.first?.value ?? v))
                if CyrillicCase.isCyrillicLetter(s.value) { cyrillic = true }
            } else {
                if cyrillic { body(word) }
                word.removeAll(keepingCapacity: true)
                cyrillic = false
            }
        }
        if cyrillic { body(word) }
    }
}
