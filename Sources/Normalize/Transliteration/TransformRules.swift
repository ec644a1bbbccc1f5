import CNormICU

/// A set of code points, resolved by ICU from a UnicodeSet pattern (`[:Lu:]`, `[б-джз]`), so the byte
/// engine and ICU agree on every member. Code points below U+0800 (ASCII, Latin, Cyrillic: the one- and
/// two-byte UTF-8 range) are looked up in a bitmap; the rest by binary search over the ranges.
struct CodePointSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]
    private var low: [UInt64]

    init(ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
        low = [UInt64](repeating: 0, count: 0x800 / 64)
        for r in ranges where r.lowerBound < 0x800 {
            for c in r.lowerBound...min(r.upperBound, 0x7FF) { low[Int(c >> 6)] |= 1 << UInt64(c & 63) }
        }
    }

    init(single c: UInt32) { self.init(ranges: [c...c]) }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 0x800 { return low[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0 }
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < c { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(c)
    }

    /// The single member, if the set has exactly one.
    var singleMember: UInt32? {
        ranges.count == 1 && ranges[0].lowerBound == ranges[0].upperBound ? ranges[0].lowerBound : nil
    }

    /// ICU rejected a set pattern; `status` is ICU's error name.
    struct InvalidPattern: Error {
        let status: String
    }

    /// Resolves `pattern` with ICU.
    static func resolve(pattern: String) -> Result<CodePointSet, InvalidPattern> {
        let p = Array(pattern.utf16)
        var cap: Int32 = 64
        while true {
            var buf = [UInt32](repeating: 0, count: Int(cap) * 2)
            var status: Int32 = 0
            let n = nz_uset_ranges(p, Int32(p.count), &buf, cap, &status)
            if n < 0 || status > 0 { return .failure(InvalidPattern(status: ICU.name(status))) }
            if n <= cap {
                return .success(CodePointSet(ranges: (0..<Int(n)).map { buf[2 * $0]...buf[2 * $0 + 1] }))
            }
            cap = n
        }
    }
}

/// The subset of ICU's transform rule syntax that `Rules/translit/` uses, parsed into data for the
/// byte engine (`ByteTransliterator`). ICU compiles the same text; anything outside this subset is an
/// error naming file, line and column rather than a silent difference between the two engines.
///
/// Supported: `# comments`, `:: NFC ;` (first statement only), variables `$name = … ;` (sets or
/// literal strings), and one-way rules `before { key } after > output ;` whose elements are literal
/// characters, `'quoted text'`, `\uXXXX` / `\x{…}` / `\c` escapes, UnicodeSets `[…]` and variables.
struct TransformRules: Sendable {
    struct Rule: Sendable {
        /// Set indices: `before` nearest-first (matched backwards against the output), `key` and
        /// `after` in reading order (matched against the input).
        var before: [Int]
        var key: [Int]
        var after: [Int]
        var output: [UInt8]
        var line: Int
    }

    var sets: [CodePointSet] = []
    var rules: [Rule] = []
    /// `:: NFC ;`: the text is composed before the rules run.
    var composesFirst = false

    /// One parsed piece of a rule side.
    private enum Element {
        case literal(UInt32)
        case set(Int)
    }

    private enum Token {
        case element(Element)
        case variable(String)
        case openBrace, closeBrace, arrow, equals
    }

    private struct Cursor {
        let scalars: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        var column: Int { i - lineStart + 1 }
        var atEnd: Bool { i >= scalars.count }
        var current: Unicode.Scalar { scalars[i] }
        mutating func advance() {
            if scalars[i] == "\n" {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
    }

    /// Parses rule text. `path` names the file in error messages.
    init(text: String, path: String) throws {
        var cur = Cursor(scalars: Array(text.unicodeScalars))
        var variables: [String: [Element]] = [:]
        var setIndex: [String: Int] = [:]
        var statementCount = 0

        func fail(_ message: String, line: Int, column: Int) -> NormalizeError {
            .ruleFile(path: path, line: line, column: column, message: message)
        }

        func internSet(_ set: CodePointSet, key: String) -> Int {
            if let i = setIndex[key] { return i }
            sets.append(set)
            setIndex[key] = sets.count - 1
            return sets.count - 1
        }

        func skipSpaceAndComments() {
            while !cur.atEnd {
                let c = cur.current
                if c.properties.isPatternWhitespace {
                    cur.advance()
                } else if c == "#" {
                    while !cur.atEnd && cur.current != "\n" { cur.advance() }
                } else {
                    return
                }
            }
        }

        func readEscape() throws -> UInt32 {
            let line = cur.line, column = cur.column
            cur.advance()  // backslash
            guard !cur.atEnd else { throw fail("backslash at end of file", line: line, column: column) }
            let c = cur.current
            cur.advance()
            func hex(_ count: Int) throws -> UInt32 {
                var v: UInt32 = 0
                for _ in 0..<count {
                    guard !cur.atEnd, let d = Int(String(cur.current), radix: 16) else {
                        throw fail("bad hexadecimal escape", line: line, column: column)
                    }
                    v = v * 16 + UInt32(d)
                    cur.advance()
                }
                return v
            }
            switch c {
            case "u": return try hex(4)
            case "U": return try hex(8)
            case "t": return 0x09
            case "n": return 0x0A
            case "r": return 0x0D
            default: return c.value
            }
        }

        func readSetPattern() throws -> Int {
            let line = cur.line, column = cur.column
            var pattern = ""
            var depth = 0
            repeat {
                guard !cur.atEnd else { throw fail("unterminated set", line: line, column: column) }
                let c = cur.current
                if c == "\\" {
                    pattern.unicodeScalars.append(c)
                    cur.advance()
                    guard !cur.atEnd else { throw fail("unterminated set", line: line, column: column) }
                    pattern.unicodeScalars.append(cur.current)
                    cur.advance()
                    continue
                }
                if c == "[" { depth += 1 }
                if c == "]" { depth -= 1 }
                pattern.unicodeScalars.append(c)
                cur.advance()
            } while depth > 0
            switch CodePointSet.resolve(pattern: pattern) {
            case .success(let set): return internSet(set, key: pattern)
            case .failure(let e): throw fail("invalid set \(pattern): \(e.status)", line: line, column: column)
            }
        }

        func readName() -> String {
            var name = ""
            while !cur.atEnd, cur.current.properties.isXIDContinue {
                name.unicodeScalars.append(cur.current)
                cur.advance()
            }
            return name
        }

        /// Tokens of one statement, up to and including its `;` (which is consumed, not returned).
        func readStatement() throws -> [(Token, Int, Int)]? {
            var tokens: [(Token, Int, Int)] = []
            skipSpaceAndComments()
            if cur.atEnd { return nil }
            while true {
                skipSpaceAndComments()
                guard !cur.atEnd else {
                    throw fail("statement does not end with ';'", line: cur.line, column: cur.column)
                }
                let line = cur.line, column = cur.column
                let c = cur.current
                switch c {
                case ";":
                    cur.advance()
                    return tokens
                case "{": cur.advance(); tokens.append((.openBrace, line, column))
                case "}": cur.advance(); tokens.append((.closeBrace, line, column))
                case ">": cur.advance(); tokens.append((.arrow, line, column))
                case "=": cur.advance(); tokens.append((.equals, line, column))
                case "[": tokens.append((.element(.set(try readSetPattern())), line, column))
                case "\\": tokens.append((.element(.literal(try readEscape())), line, column))
                case "$":
                    cur.advance()
                    let name = readName()
                    if name.isEmpty { throw fail("'$' without a variable name", line: line, column: column) }
                    tokens.append((.variable(name), line, column))
                case "'":
                    cur.advance()
                    var closed = false
                    while !cur.atEnd {
                        if cur.current == "'" {
                            cur.advance()
                            if !cur.atEnd && cur.current == "'" {
                                tokens.append((.element(.literal(0x27)), line, column))
                                cur.advance()
                                continue
                            }
                            closed = true
                            break
                        }
                        tokens.append((.element(.literal(cur.current.value)), line, column))
                        cur.advance()
                    }
                    if !closed { throw fail("unterminated quote", line: line, column: column) }
                case "<", "|", "^", "*", "+", "?", ".", "@", "&", "(", ")", "!", "~", "/", "]", ":":
                    if c == ":", cur.i + 1 < cur.scalars.count, cur.scalars[cur.i + 1] == ":" {
                        throw fail("'::' only as the first statement ':: NFC ;'", line: line, column: column)
                    }
                    throw fail("'\(c)' is ICU syntax that Normalize's byte engine does not support; quote it ('\(c)') or use \\\(c)",
                               line: line, column: column)
                default:
                    cur.advance()
                    tokens.append((.element(.literal(c.value)), line, column))
                }
            }
        }

        func elements(_ tokens: ArraySlice<(Token, Int, Int)>) throws -> [Element] {
            var out: [Element] = []
            for (token, line, column) in tokens {
                switch token {
                case .element(let e): out.append(e)
                case .variable(let name):
                    guard let value = variables[name] else {
                        throw fail("undefined variable $\(name)", line: line, column: column)
                    }
                    out.append(contentsOf: value)
                default:
                    throw fail("unexpected '\(token)' here", line: line, column: column)
                }
            }
            return out
        }

        func setIndices(_ elements: [Element]) -> [Int] {
            elements.map {
                switch $0 {
                case .set(let i): return i
                case .literal(let c): return internSet(CodePointSet(single: c), key: "\\U" + String(c, radix: 16))
                }
            }
        }

        while true {
            skipSpaceAndComments()
            if cur.atEnd { break }
            let line = cur.line, column = cur.column
            if cur.current == ":", cur.i + 1 < cur.scalars.count, cur.scalars[cur.i + 1] == ":" {
                cur.advance(); cur.advance()
                var body = ""
                while !cur.atEnd && cur.current != ";" && cur.current != "\n" {
                    body.unicodeScalars.append(cur.current)
                    cur.advance()
                }
                guard !cur.atEnd, cur.current == ";" else {
                    throw fail("'::' directive does not end with ';'", line: line, column: column)
                }
                cur.advance()
                let directive = body.filter { !$0.isWhitespace }
                guard directive == "NFC", statementCount == 0 else {
                    throw fail("only ':: NFC ;' as the first statement is supported, not ':: \(directive) ;'",
                               line: line, column: column)
                }
                composesFirst = true
                statementCount += 1
                continue
            }
            guard let tokens = try readStatement() else { break }
            statementCount += 1
            if tokens.isEmpty { throw fail("empty statement", line: line, column: column) }
            if case .variable(let name) = tokens[0].0, tokens.count >= 2, case .equals = tokens[1].0 {
                variables[name] = try elements(tokens[2...])
                continue
            }
            guard let arrow = tokens.firstIndex(where: { if case .arrow = $0.0 { return true } else { return false } }) else {
                throw fail("a rule needs '>' (only one-way rules are supported: write the reverse direction as its own file)",
                           line: line, column: column)
            }
            let left = tokens[..<arrow]
            let right = tokens[(arrow + 1)...]
            let open = left.firstIndex { if case .openBrace = $0.0 { return true } else { return false } }
            let close = left.firstIndex { if case .closeBrace = $0.0 { return true } else { return false } }
            let keyStart = open.map { $0 + 1 } ?? left.startIndex
            let keyEnd = close ?? left.endIndex
            guard keyStart <= keyEnd else { throw fail("'}' before '{'", line: line, column: column) }
            let before = try elements(left[left.startIndex..<(open ?? left.startIndex)])
            let key = try elements(left[keyStart..<keyEnd])
            let after = try elements(left[(close.map { $0 + 1 } ?? left.endIndex)..<left.endIndex])
            if key.isEmpty { throw fail("a rule needs at least one character to replace", line: line, column: column) }
            var output: [UInt8] = []
            for e in try elements(right) {
                guard case .literal(let c) = e, let scalar = Unicode.Scalar(c) else {
                    throw fail("the output of a rule must be literal text, not a set", line: line, column: column)
                }
                output.append(contentsOf: String(Character(scalar)).utf8)
            }
            rules.append(Rule(before: setIndices(before).reversed(), key: setIndices(key), after: setIndices(after),
                              output: output, line: line))
        }
    }

    /// `text` with the definitions of the variables in `variant` (`$name = value ;` lines) replaced, so
    /// that ICU and the byte engine both compile the variant. A variable the main text does not define
    /// is an error naming the variant file's line.
    static func applying(variant: String, variantPath: String, to text: String) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (n, line) in variant.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("$") else { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw NormalizeError.ruleFile(path: variantPath, line: n + 1, column: 1, message: "expected '$name = value ;'")
            }
            let name = trimmed[..<eq].trimmingCharacters()
            guard let target = lines.firstIndex(where: {
                let t = $0.drop { $0 == " " || $0 == "\t" }
                guard t.hasPrefix(name), let e = t.firstIndex(of: "=") else { return false }
                return t[..<e].trimmingCharacters() == name
            }) else {
                throw NormalizeError.ruleFile(path: variantPath, line: n + 1, column: 1,
                                              message: "\(name) is not defined in the rules it modifies")
            }
            lines[target] = String(trimmed)
        }
        return lines.joined(separator: "\n")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
