/// What the decode step did to the input bytes: the encoding it settled on and every byte it could not
/// decode. Nothing is dropped silently: each invalid byte becomes U+FFFD and is listed here.
public struct DecodingReport: Sendable, Hashable, Codable {
    public var encoding: String
    public var hadBOM: Bool
    /// Byte offsets (in the input) of bytes that were not valid in `encoding`.
    public var invalidByteOffsets: [Int]

    public init(encoding: String, hadBOM: Bool = false, invalidByteOffsets: [Int] = []) {
        self.encoding = encoding
        self.hadBOM = hadBOM
        self.invalidByteOffsets = invalidByteOffsets
    }
}

/// Bytes → text. This first version understands UTF-8 (with or without BOM); legacy code pages and
/// charset detection belong to the decode pass of the Unicode issue.
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
}
