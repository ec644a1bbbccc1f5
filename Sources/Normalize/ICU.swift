import CNormICU

/// Swift face of the ICU calls in CNormICU. ICU works on UTF-16; these wrappers take and return `String`.
public enum ICU {
    /// The ICU version linked in ("72.1").
    public static var version: String {
        var buf = [CChar](repeating: 0, count: 32)
        buf.withUnsafeMutableBufferPointer { nz_icu_version($0.baseAddress!) }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func name(_ status: Int32) -> String { String(cString: nz_icu_error_name(status)) }

    public enum NormalizationForm: Int32, Sendable {
        case nfc = 0, nfd, nfkc, nfkd, nfkcCasefold
    }

    /// `text` in the given normalization form.
    public static func normalize(_ text: String, _ form: NormalizationForm = .nfc) -> String {
        let src = Array(text.utf16)
        if src.isEmpty { return text }
        var status: Int32 = 0
        if nz_is_normalized(form.rawValue, src, Int32(src.count), &status) == 1 && status <= 0 { return text }
        var cap = src.count * 2 + 16
        while true {
            var dest = [UInt16](repeating: 0, count: cap)
            status = 0
            let n = Int(nz_normalize(form.rawValue, src, Int32(src.count), &dest, Int32(cap), &status))
            if status <= 0 { return String(decoding: dest[0..<n], as: UTF16.self) }
            cap = n + 16
        }
    }
}

/// A compiled ICU transliterator. Not thread-safe in ICU, so every value owns its own handle; `copy()`
/// makes another for another thread.
public final class ICUTransliterator: @unchecked Sendable {
    fileprivate let handle: OpaquePointer

    /// Compiles ICU transform rules. A syntax error throws `NormalizeError.ruleFile` with the line and
    /// column inside `path`.
    public init(rules: String, id: String, path: String, reverse: Bool = false) throws {
        let r = Array(rules.utf16)
        let i = Array(id.utf16)
        var perr = nz_parse_error()
        var status: Int32 = 0
        guard let h = nz_translit_open_rules(i, Int32(i.count), r, Int32(r.count), reverse ? 1 : 0, &perr, &status) else {
            let pre = withUnsafeBytes(of: perr.pre_context) { raw in
                String(decoding: raw.bindMemory(to: UInt16.self).prefix { $0 != 0 }, as: UTF16.self)
            }
            let line = perr.line > 0 ? Int(perr.line) : lineNumber(ofContext: pre, in: rules)
            throw NormalizeError.ruleFile(path: path, line: line, column: Int(perr.offset) + 1,
                                          message: "\(ICU.name(status)) near \"\(pre)\"")
        }
        handle = h
    }

    /// Opens one of ICU's built-in transforms ("Kazakh-Latin/BGN").
    public init(systemID: String, reverse: Bool = false) throws {
        let i = Array(systemID.utf16)
        var status: Int32 = 0
        guard let h = nz_translit_open_id(i, Int32(i.count), reverse ? 1 : 0, &status) else {
            throw NormalizeError.icu(call: "utrans_openU(\(systemID))", status: ICU.name(status))
        }
        handle = h
    }

    private init(handle: OpaquePointer) { self.handle = handle }

    deinit { nz_translit_close(handle) }

    public func copy() throws -> ICUTransliterator {
        var status: Int32 = 0
        guard let h = nz_translit_clone(handle, &status) else {
            throw NormalizeError.icu(call: "utrans_clone", status: ICU.name(status))
        }
        return ICUTransliterator(handle: h)
    }

    /// Transliterates one string. Give it a line or a paragraph at a time: ICU slows down on huge strings.
    public func transliterate(_ text: String) -> String {
        var buf = Array(text.utf16)
        let len = buf.count
        if len == 0 { return text }
        var cap = len * 3 + 16
        while true {
            buf.append(contentsOf: repeatElement(0, count: cap - buf.count))
            var status: Int32 = 0
            let n = Int(nz_translit_run(handle, &buf, Int32(len), Int32(cap), &status))
            if status <= 0 { return String(decoding: buf[0..<n], as: UTF16.self) }
            buf = Array(text.utf16)
            cap = max(cap * 2, n + 16)
        }
    }
}

extension ICUTransliterator {
    /// Transliterates valid UTF-8 one line at a time (contexts never cross a line break), without
    /// going through `String`: the reference run the byte engine is compared with, and the ICU side of
    /// the speed comparison.
    public func transliterateLines(_ utf8: [UInt8]) throws -> [UInt8] {
        var cap = utf8.count * 4 + 64
        while true {
            var out = [UInt8](repeating: 0, count: cap)
            var status: Int32 = 0
            let n = utf8.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    nz_translit_utf8_lines(handle, src.baseAddress, Int64(src.count), dst.baseAddress, Int64(cap), &status)
                }
            }
            if n >= 0 { return Array(out[0..<Int(n)]) }
            if ICU.name(status) != "U_BUFFER_OVERFLOW_ERROR" {
                throw NormalizeError.icu(call: "utrans_transUChars", status: ICU.name(status))
            }
            cap *= 2
        }
    }
}

/// ICU reports some parse errors with line 0 and only the text before the error; find that text's line.
private func lineNumber(ofContext context: String, in rules: String) -> Int {
    let hay = Array(rules.unicodeScalars), needle = Array(context.unicodeScalars)
    guard !needle.isEmpty, needle.count <= hay.count else { return 0 }
    for start in 0...(hay.count - needle.count) where hay[start..<start + needle.count].elementsEqual(needle) {
        return hay[..<(start + needle.count)].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
    return 0
}

extension ICU {
    /// ICU's confusable skeleton (UTS #39): strings that look alike have equal skeletons.
    public static func confusableSkeleton(_ text: String) -> String {
        let src = Array(text.utf16)
        var cap = src.count * 4 + 16
        while true {
            var dest = [UInt16](repeating: 0, count: cap)
            var status: Int32 = 0
            let n = Int(nz_confusable_skeleton(src, Int32(src.count), &dest, Int32(cap), &status))
            if status <= 0 { return String(decoding: dest[0..<n], as: UTF16.self) }
            if n <= cap { return text }
            cap = n + 16
        }
    }
}
