import CNormICU

/// A single-byte code page: the Unicode scalar of each of the 256 byte values.
///
/// The Cyrillic code pages ICU knows (windows-1251, KOI8-R, IBM866, ISO-8859-5, and windows-1252 for
/// mojibake) are read from ICU's converters once; KZ-1048 and PTCP154, which ICU lacks, come from
/// `Rules/encodings/`. Decoding is a table lookup per byte.
public struct CodePage: Sendable, Hashable {
    /// The name reports and `--encoding` use ("windows-1251", "KZ-1048").
    public let name: String
    /// Scalar value per byte; `CodePage.undefined` where the byte means nothing.
    let table: [UInt32]

    static let undefined: UInt32 = 0xFFFF_FFFF

    init(name: String, table: [UInt32]) {
        self.name = name
        self.table = table
    }

    /// The code pages the decoder tries when it has to guess, with the name each one reports.
    public static let detectable: [(name: String, source: Source)] = [
        ("windows-1251", .icu("windows-1251")),
        ("KZ-1048", .rules("encodings/kz1048.txt")),
        ("PTCP154", .rules("encodings/ptcp154.txt")),
        ("KOI8-R", .icu("KOI8-R")),
        ("IBM866", .icu("IBM866")),
        ("ISO-8859-5", .icu("ISO-8859-5")),
    ]

    public enum Source: Sendable, Hashable {
        case icu(String)
        case rules(String)
    }

    /// Loads a code page from ICU or from a rule file.
    public static func load(name: String, source: Source, rules: RuleStore) throws -> CodePage {
        switch source {
        case .icu(let icuName):
            var t = [UInt16](repeating: 0, count: 256)
            var canonical = [CChar](repeating: 0, count: 64)
            let status = nz_sbcs_table(icuName, &t, &canonical)
            if status > 0 {
                throw NormalizeError.icu(call: "ucnv_open(\(icuName))", status: ICU.name(status))
            }
            return CodePage(name: name, table: t.map { $0 == 0xFFFF ? undefined : UInt32($0) })
        case .rules(let file):
            return try CodePage(name: name, ruleText: rules.text(file), path: rules.displayPath(file))
        }
    }

    /// Parses a `Rules/encodings/` table: `BYTE<TAB>CODEPOINT…` for 0x80–0xFF, `-` for undefined.
    init(name: String, ruleText: String, path: String) throws {
        var table = (0..<256).map { UInt32($0) }
        var seen = Set<Int>()
        for (n, line) in ruleText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2, let byte = Int(f[0], radix: 16), (0x80...0xFF).contains(byte) else {
                throw NormalizeError.ruleFile(path: path, line: n + 1, column: 1,
                                              message: "expected BYTE<TAB>CODEPOINT with BYTE in 80…FF")
            }
            if f[1] == "-" {
                table[byte] = CodePage.undefined
            } else if let cp = UInt32(f[1], radix: 16), Unicode.Scalar(cp) != nil {
                table[byte] = cp
            } else {
                throw NormalizeError.ruleFile(path: path, line: n + 1, column: f[0].count + 2,
                                              message: "\"\(f[1])\" is not a hexadecimal code point or -")
            }
            seen.insert(byte)
        }
        if seen.count != 128 {
            throw NormalizeError.ruleFile(path: path, line: 1, column: 1,
                                          message: "table covers \(seen.count) of the 128 bytes 80…FF")
        }
        self.init(name: name, table: table)
    }

    /// Bytes → text; each undefined byte becomes U+FFFD and its offset (plus `base`) is reported.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, base: Int = 0) -> (String, [Int]) {
        var invalid: [Int] = []
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for (i, b) in bytes.enumerated() {
            if b < 0x80 { out.append(b); continue }
            var u = table[Int(b)]
            if u == CodePage.undefined {
                invalid.append(base + i)
                u = 0xFFFD
            }
            appendUTF8(u, to: &out)
        }
        return (String(decoding: out, as: UTF8.self), invalid)
    }

    /// Scalar → byte for every defined byte ≥ 0x80 (the reverse table mojibake repair needs).
    var reverse: [UInt32: UInt8] {
        var r: [UInt32: UInt8] = [:]
        for b in 0x80...0xFF where table[b] != CodePage.undefined && r[table[b]] == nil {
            r[table[b]] = UInt8(b)
        }
        return r
    }
}

@inline(__always)
func appendUTF8(_ u: UInt32, to out: inout [UInt8]) {
    switch u {
    case 0..<0x80:
        out.append(UInt8(u))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (u >> 6)))
        out.append(UInt8(0x80 | (u & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (u >> 12)))
        out.append(UInt8(0x80 | ((u >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (u & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (u >> 18)))
        out.append(UInt8(0x80 | ((u >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((u >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (u & 0x3F)))
    }
}
