import CNormICU

/// What the decode step did to the input bytes: the encoding it settled on and every byte it could not
/// decode. Nothing is dropped silently: each invalid byte becomes U+FFFD and is listed here.
public struct DecodingReport: Sendable, Hashable, Codable {
    public var encoding: String
    public var hadBOM: Bool
    /// Byte offsets (in the input) of bytes that were not valid in `encoding`.
    public var invalidByteOffsets: [Int]
    /// How the encoding was chosen: "BOM", "forced", "valid UTF-8", "detected (…)".
    public var reason: String?

    public init(encoding: String, hadBOM: Bool = false, invalidByteOffsets: [Int] = [], reason: String? = nil) {
        self.encoding = encoding
        self.hadBOM = hadBOM
        self.invalidByteOffsets = invalidByteOffsets
        self.reason = reason
    }
}

/// Bytes → text: byte-order marks (UTF-8/16/32), UTF-16 without a BOM when the zero and 0x04 bytes
/// give it away, UTF-8 validation, and the legacy Cyrillic code pages (windows-1251, KOI8-R, IBM866,
/// ISO-8859-5 from ICU; KZ-1048 and PTCP154 from `Rules/encodings/`).
///
/// Detection when no encoding is forced: a BOM wins; then evident UTF-16; then NUL bytes mean binary
/// input (an error); then UTF-8 if the bytes are UTF-8 (a few invalid bytes among many valid sequences
/// are reported and replaced); otherwise every legacy code page decodes the start of the input and the
/// letter-trigram model scores the readings (this is what tells KZ-1048 from windows-1251: the
/// Kazakh letters sit on the slots of Ќ ќ Ў ў Є є Ї ї Ґ ґ). ICU's charset detector (ucsdet) is asked
/// only when the best Cyrillic reading mixes ASCII and Cyrillic letters inside most words (Western
/// European input read as Cyrillic: `Mьnchen`).
public enum Decoding {
    /// Decodes UTF-8, replacing each invalid byte with U+FFFD and reporting its offset.
    /// Throws on binary input (NUL bytes), which would otherwise come out as garbage.
    public static func decodeUTF8(_ bytes: [UInt8], place: String) throws -> (String, DecodingReport) {
        var start = 0
        var bom = false
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            start = 3
            bom = true
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw NormalizeError.badInput(place: "\(place): byte \(nul)",
                                          message: "NUL byte: this looks like a binary file, not text")
        }
        let body = bytes[start...]
        let runs = body.withUnsafeBufferPointer { invalidUTF8Runs($0) }
        let text = String(decoding: body, as: UTF8.self)
        return (text, DecodingReport(encoding: "UTF-8", hadBOM: bom, invalidByteOffsets: runs.map { $0.offset + start }))
    }

    /// The encodings `--encoding` accepts by name (aliases are matched without case, `-`, `_` or spaces);
    /// any other single-byte converter ICU knows is accepted too.
    public static let supportedNames = ["UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE",
                                        "windows-1251", "KOI8-R", "IBM866", "ISO-8859-5", "KZ-1048", "PTCP154"]

    enum Encoding: Equatable {
        case utf8
        case utf16(bigEndian: Bool?)
        case utf32(bigEndian: Bool)
        case codePage(String, CodePage.Source)
    }

    static func resolve(_ name: String) -> Encoding? {
        let key = String(name.lowercased().unicodeScalars.filter { !"-_ ".unicodeScalars.contains($0) })
        switch key {
        case "utf8": return .utf8
        case "utf16": return .utf16(bigEndian: nil)
        case "utf16le": return .utf16(bigEndian: false)
        case "utf16be": return .utf16(bigEndian: true)
        case "utf32le": return .utf32(bigEndian: false)
        case "utf32be": return .utf32(bigEndian: true)
        case "windows1251", "cp1251", "win1251", "1251": return .codePage("windows-1251", .icu("windows-1251"))
        case "windows1252", "cp1252": return .codePage("windows-1252", .icu("windows-1252"))
        case "koi8r", "koi8": return .codePage("KOI8-R", .icu("KOI8-R"))
        case "ibm866", "cp866", "866", "dos866": return .codePage("IBM866", .icu("IBM866"))
        case "iso88595", "cyrillic": return .codePage("ISO-8859-5", .icu("ISO-8859-5"))
        case "kz1048", "rk1048", "strk1048", "strk10482002", "kz10482002": return .codePage("KZ-1048", .rules("encodings/kz1048.txt"))
        case "ptcp154", "pt154", "cp154", "cyrillicasian": return .codePage("PTCP154", .rules("encodings/ptcp154.txt"))
        default:
            var t = [UInt16](repeating: 0, count: 256)
            var canonical = [CChar](repeating: 0, count: 64)
            guard nz_sbcs_table(name, &t, &canonical) == 0 else { return nil }
            return .codePage(name, .icu(name))
        }
    }

    /// Bytes in any supported encoding → text and a report. `encoding` forces one (see `supportedNames`);
    /// nil detects. Throws on binary input and on an unknown encoding name.
    public static func decode(_ bytes: [UInt8], encoding: String? = nil, rules: RuleStore = .embedded,
                              place: String) throws -> (String, DecodingReport) {
        if let name = encoding {
            guard let enc = resolve(name) else {
                throw NormalizeError.badInput(place: place, message: "unknown encoding \"\(name)\" (supported: "
                                              + supportedNames.joined(separator: ", ") + ")")
            }
            return try decode(bytes, as: enc, rules: rules, place: place, reason: "forced")
        }
        if let (enc, _) = byteOrderMark(bytes) {
            return try decode(bytes, as: enc, rules: rules, place: place, reason: "BOM")
        }
        if let bigEndian = evidentUTF16(bytes) {
            return try decode(bytes, as: .utf16(bigEndian: bigEndian), rules: rules, place: place,
                              reason: "UTF-16 without BOM (zero and 0x04 bytes)")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw NormalizeError.badInput(place: "\(place): byte \(nul)",
                                          message: "NUL byte: this looks like a binary file, not text")
        }
        if looksLikeUTF8(bytes) {
            return try decode(bytes, as: .utf8, rules: rules, place: place, reason: "valid UTF-8")
        }
        let (enc, why) = try detectCodePage(bytes, rules: rules)
        return try decode(bytes, as: enc, rules: rules, place: place, reason: why)
    }

    static func byteOrderMark(_ b: [UInt8]) -> (Encoding, Int)? {
        if b.count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 { return (.utf32(bigEndian: false), 4) }
        if b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { return (.utf32(bigEndian: true), 4) }
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return (.utf8, 3) }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return (.utf16(bigEndian: false), 2) }
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return (.utf16(bigEndian: true), 2) }
        return nil
    }

    /// UTF-16 without a BOM shows itself in the high bytes: in Cyrillic or Latin text nearly every
    /// other byte is 0x00 or 0x04, which UTF-8 and the 8-bit code pages never produce that way.
    static func evidentUTF16(_ b: [UInt8]) -> Bool? {
        let n = min(b.count, 1 << 16) & ~1
        guard n >= 8 else { return nil }
        var high = [0, 0]
        for i in 0..<n where b[i] == 0 || b[i] == 4 { high[i & 1] += 1 }
        let pairs = n / 2
        if high[1] * 10 >= pairs * 8 && high[0] * 10 <= pairs * 2 { return false }
        if high[0] * 10 >= pairs * 8 && high[1] * 10 <= pairs * 2 { return true }
        return nil
    }

    /// Valid UTF-8, or UTF-8 with a few damaged bytes: at most one invalid byte per ten valid multi-byte
    /// sequences. Legacy Cyrillic text gives many invalid bytes (every pair of lowercase letters).
    static func looksLikeUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var multi = 0, invalid = 0
            var i = 0
            while i < p.count {
                if p[i] < 0x80 { i += 1; continue }
                let len = validUTF8SequenceLength(p, at: i)
                if len == 0 { invalid += 1; i += 1 } else { multi += 1; i += len }
            }
            return invalid == 0 || (multi > 0 && invalid * 10 <= multi)
        }
    }

    /// How many bytes of the input detection looks at.
    static let sampleSize = 1 << 18

    static func detectCodePage(_ bytes: [UInt8], rules: RuleStore) throws -> (Encoding, String) {
        let model = try UnicodeRules.load(rules).trigrams
        let sample = Array(bytes.prefix(sampleSize))
        var best: (name: String, source: CodePage.Source, score: Double, letters: Double)?
        for (name, source) in CodePage.detectable {
            let page = try UnicodeRules.load(rules).codePage(name, source: source, rules: rules)
            let (text, invalid) = sample.withUnsafeBufferPointer { page.decode($0) }
            // Share of the words with a non-ASCII letter that are Cyrillic through and through: a Western
            // text read as Cyrillic gives `GrьЯe`, `Mьnchen`, words that mix ASCII and Cyrillic letters.
            var words = 0, cyrillicWords = 0, high = 0
            var hasHigh = false, hasASCII = false, allCyrillic = true
            for s in text.unicodeScalars {
                let v = s.value
                let asciiLetter = (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A
                if v >= 0x80 { high += 1 }
                if asciiLetter || (v >= 0x80 && s.properties.isAlphabetic) {
                    if v >= 0x80 { hasHigh = true }
                    if asciiLetter { hasASCII = true }
                    if !CyrillicCase.isCyrillicLetter(v) { allCyrillic = false }
                } else {
                    if hasHigh {
                        words += 1
                        if allCyrillic && !hasASCII { cyrillicWords += 1 }
                    }
                    hasHigh = false
                    hasASCII = false
                    allCyrillic = true
                }
            }
            let ranked = model.rank(text.unicodeScalars)
            let score = (ranked.first?.score ?? -.infinity) - Double(invalid.count) / Double(max(high, 1)) * 10
            let letterShare = Double(cyrillicWords) / Double(max(words, 1))
            if best == nil || score > best!.score {
                best = (name, source, score, letterShare)
            }
        }
        guard let b = best else { return (.utf8, "no candidate") }
        if b.letters < 0.5 {
            var name = [CChar](repeating: 0, count: 64)
            var confidence: Int32 = 0
            let status = sample.withUnsafeBufferPointer { nz_detect_charset($0.baseAddress, Int32($0.count), &name, &confidence) }
            let icuName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if status == 0 && confidence >= 30, let enc = resolve(icuName), case .codePage = enc {
                return (enc, "detected by ICU: \(icuName), confidence \(confidence)")
            }
        }
        return (.codePage(b.name, b.source), "detected by letter statistics")
    }

    static func decode(_ bytes: [UInt8], as enc: Encoding, rules: RuleStore, place: String,
                       reason: String) throws -> (String, DecodingReport) {
        let bom = byteOrderMark(bytes)
        switch enc {
        case .utf8:
            var (text, report) = try decodeUTF8(bytes, place: place)
            report.reason = reason
            return (text, report)
        case .utf16(let bigEndian):
            var start = 0
            var be = bigEndian ?? false
            if let (b, len) = bom, case .utf16(let e) = b, bigEndian == nil || bigEndian == e {
                start = len
                be = e ?? false
            } else if bigEndian == nil {
                be = evidentUTF16(bytes) ?? false
            }
            let (text, invalid) = decodeUTF16(bytes, from: start, bigEndian: be)
            try rejectNUL(text, place: place)
            return (text, DecodingReport(encoding: be ? "UTF-16BE" : "UTF-16LE", hadBOM: start > 0,
                                         invalidByteOffsets: invalid, reason: reason))
        case .utf32(let be):
            var start = 0
            if let (b, len) = bom, b == .utf32(bigEndian: be) { start = len }
            let (text, invalid) = decodeUTF32(bytes, from: start, bigEndian: be)
            try rejectNUL(text, place: place)
            return (text, DecodingReport(encoding: be ? "UTF-32BE" : "UTF-32LE", hadBOM: start > 0,
                                         invalidByteOffsets: invalid, reason: reason))
        case .codePage(let name, let source):
            if let nul = bytes.firstIndex(of: 0) {
                throw NormalizeError.badInput(place: "\(place): byte \(nul)",
                                              message: "NUL byte: this looks like a binary file, not text")
            }
            let page = try UnicodeRules.load(rules).codePage(name, source: source, rules: rules)
            let (text, invalid) = bytes.withUnsafeBufferPointer { page.decode($0) }
            return (text, DecodingReport(encoding: name, invalidByteOffsets: invalid, reason: reason))
        }
    }

    private static func rejectNUL(_ text: String, place: String) throws {
        if text.utf8.contains(0) {
            throw NormalizeError.badInput(place: place, message: "NUL character: this looks like a binary file, not text")
        }
    }

    static func decodeUTF16(_ b: [UInt8], from start: Int, bigEndian: Bool) -> (String, [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(b.count * 3 / 2)
        var invalid: [Int] = []
        var i = start
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(b[k]) << 8 | UInt32(b[k + 1]) : UInt32(b[k + 1]) << 8 | UInt32(b[k])
        }
        while i + 1 < b.count {
            let u = unit(i)
            if u >= 0xD800 && u < 0xDC00, i + 3 < b.count, case let v = unit(i + 2), v >= 0xDC00 && v < 0xE000 {
                appendUTF8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), to: &out)
                i += 4
            } else if u >= 0xD800 && u < 0xE000 {
                invalid.append(i)
                appendUTF8(0xFFFD, to: &out)
                i += 2
            } else {
                appendUTF8(u, to: &out)
                i += 2
            }
        }
        return finishDecoding(&out, &invalid, trailingBytesAt: i < b.count ? i : nil)
    }

    /// The decoded text, with a U+FFFD for a truncated last code unit at `trailingBytesAt` (reported).
    private static func finishDecoding(_ out: inout [UInt8], _ invalid: inout [Int], trailingBytesAt: Int?) -> (String, [Int]) {
        if let at = trailingBytesAt {
            invalid.append(at)
            appendUTF8(0xFFFD, to: &out)
        }
        return (String(decoding: out, as: UTF8.self), invalid)
    }

    static func decodeUTF32(_ b: [UInt8], from start: Int, bigEndian: Bool) -> (String, [Int]) {
        var out: [UInt8] = []
        var invalid: [Int] = []
        var i = start
        while i + 3 < b.count {
            let u = bigEndian
                ? UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
                : UInt32(b[i + 3]) << 24 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i])
            if Unicode.Scalar(u) == nil {
                invalid.append(i)
                appendUTF8(0xFFFD, to: &out)
            } else {
                appendUTF8(u, to: &out)
            }
            i += 4
        }
        return finishDecoding(&out, &invalid, trailingBytesAt: i < b.count ? i : nil)
    }
}
