/// One line of a JSON Lines corpus: a JSON object (RFC 8259), validated in full, with the byte span of
/// each top-level member's value kept so that one string field can be replaced while every other byte
/// of the line (key order, number spelling, whitespace, escapes of the other fields) stays as it was.
///
/// Corpora of this field come as JSONL with the text in one field (`{"id": 7, "text": "…"}`); the
/// command-line tools read them with `--input-format jsonl --field text`.
public struct JSONRecord: Sendable {
    /// Why a line is not a JSON object, and where (0-based byte offset in the line).
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "byte \(offset + 1) of the line: \(message)" }
    }

    /// The line's bytes.
    public let bytes: [UInt8]
    /// Top-level members in order: key, and the byte range of the value (a string value's range includes its quotes).
    public private(set) var members: [(key: String, value: Range<Int>)] = []

    /// Parses `line` (without its line terminator). Throws `SyntaxError` unless it is exactly one JSON
    /// object, optionally surrounded by whitespace; duplicate top-level keys are an error too (which of
    /// them would be "the" text is ambiguous).
    public init(_ line: UnsafeBufferPointer<UInt8>) throws(SyntaxError) {
        bytes = Array(line)
        var p = Parser(bytes: bytes)
        p.skipSpace()
        guard p.peek == UInt8(ascii: "{") else {
            throw p.fail(p.atEnd ? "empty line: expected a JSON object" : "expected a JSON object ('{')")
        }
        var found: [(key: String, value: Range<Int>)] = []
        try p.object(depth: 1) { (key, keyStart, value) throws(SyntaxError) in
            if found.contains(where: { $0.key == key }) {
                throw SyntaxError(offset: keyStart, message: "duplicate key \"\(key)\"")
            }
            found.append((key, value))
        }
        members = found
        p.skipSpace()
        guard p.atEnd else { throw p.fail("unexpected data after the object") }
    }

    public enum FieldError: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(String)
        case notAString(String)
        public var description: String {
            switch self {
            case .missing(let k): return "no field \"\(k)\""
            case .notAString(let k): return "field \"\(k)\" is not a string"
            }
        }
    }

    /// The decoded value of the top-level string member `key`.
    public func string(_ key: String) throws(FieldError) -> String {
        guard let m = members.first(where: { $0.key == key }) else { throw .missing(key) }
        guard bytes[m.value.lowerBound] == UInt8(ascii: "\"") else { throw .notAString(key) }
        var p = Parser(bytes: bytes)
        p.i = m.value.lowerBound
        // The value was validated by init; decoding it again cannot fail.
        return (try? p.string()) ?? ""
    }

    /// The line with the value of member `key` replaced by the JSON string `value` (every other byte
    /// unchanged). `key` must be a member (see `string(_:)`).
    public func replacing(_ key: String, with value: String) -> [UInt8] {
        guard let m = members.first(where: { $0.key == key }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + value.utf8.count / 8 + 16)
        out.append(contentsOf: bytes[..<m.value.lowerBound])
        JSONRecord.appendString(value, to: &out)
        out.append(contentsOf: bytes[m.value.upperBound...])
        return out
    }

    /// `value` as a JSON string: quotes, backslash and control characters escaped, everything else
    /// (all of Cyrillic and Latin) written as UTF-8.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        func fail(_ message: String) -> SyntaxError { SyntaxError(offset: i, message: message) }

        mutating func skipSpace() {
            while let c = peek, c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { i += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) {
            guard depth <= 512 else { throw fail("nesting deeper than 512 levels") }
            guard let c = peek else { throw fail("expected a value") }
            switch c {
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "{"): try object(depth: depth) { _, _, _ in }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if peek == UInt8(ascii: "]") { i += 1; return }
                while true {
                    skipSpace()
                    try value(depth: depth + 1)
                    skipSpace()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    if peek == UInt8(ascii: "]") { i += 1; return }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("expected a value")
            }
        }

        /// An object starting at its '{'; calls `member(key, keyOffset, valueRange)` for each member and leaves
        /// `i` after the closing '}'.
        mutating func object(depth: Int, _ member: (String, Int, Range<Int>) throws(SyntaxError) -> Void) throws(SyntaxError) {
            i += 1
            skipSpace()
            if peek == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw fail("expected a member name in double quotes") }
                let keyStart = i
                let key = try string()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
                i += 1
                skipSpace()
                let start = i
                try value(depth: depth + 1)
                try member(key, keyStart, start..<i)
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; return }
                throw fail(atEnd ? "unterminated object: expected ',' or '}'" : "expected ',' or '}'")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard i + w.count <= bytes.count, bytes[i..<(i + w.count)].elementsEqual(w) else { throw fail("expected a value") }
            i += w.count
        }

        mutating func digits() -> Int {
            let s = i
            while let c = peek, c >= 0x30 && c <= 0x39 { i += 1 }
            return i - s
        }

        mutating func number() throws(SyntaxError) {
            if peek == UInt8(ascii: "-") { i += 1 }
            if peek == UInt8(ascii: "0") {
                i += 1
            } else if digits() == 0 {
                throw fail("malformed number")
            }
            if peek == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw fail("malformed number: digits expected after '.'") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw fail("malformed number: digits expected in the exponent") }
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("\\u needs four hex digits") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("\\u needs four hex digits")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        /// A string starting at the quote; returns it decoded and leaves `i` after the closing quote.
        mutating func string() throws(SyntaxError) -> String {
            let open = i
            i += 1
            var out: [UInt8] = []
            while true {
                guard let c = peek else { throw SyntaxError(offset: open, message: "unterminated string") }
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw fail("control character U+00\(c < 16 ? "0" : "")\(String(c, radix: 16, uppercase: true)) inside a string (must be escaped)") }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard let e = peek else { throw SyntaxError(offset: open, message: "unterminated string") }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        let at = i - 2
                        var u = try hex4()
                        if (0xD800..<0xDC00).contains(u) {
                            guard i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u") else {
                                throw SyntaxError(offset: at, message: "lone surrogate escape (\\uD800–\\uDBFF without its low half)")
                            }
                            i += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else {
                                throw SyntaxError(offset: at, message: "surrogate escape not followed by a low surrogate")
                            }
                            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(u) {
                            throw SyntaxError(offset: at, message: "lone low surrogate escape")
                        }
                        out.append(contentsOf: String(Character(Unicode.Scalar(u)!)).utf8)
                    default:
                        throw SyntaxError(offset: i - 2, message: "invalid escape '\\\(String(decoding: [e], as: UTF8.self))'")
                    }
                    continue
                }
                if c < 0x80 { out.append(c); i += 1; continue }
                let n = bytes.withUnsafeBufferPointer { validUTF8SequenceLength($0, at: i) }
                guard n > 0 else { throw fail("invalid UTF-8") }
                out.append(contentsOf: bytes[i..<(i + n)])
                i += n
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
