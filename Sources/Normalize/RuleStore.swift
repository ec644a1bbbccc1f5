import CNormData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where rule data comes from: the copy of `Rules/` compiled into the binary, or a folder on disk
/// (`--rules DIR`), which lets a user try edited rules without rebuilding.
public struct RuleStore: Sendable {
    public enum Source: Sendable, Hashable {
        case embedded
        case directory(String)
    }

    public let source: Source

    public init(_ source: Source = .embedded) {
        self.source = source
    }

    /// The compiled-in store.
    public static let embedded = RuleStore(.embedded)

    /// Names (relative to `Rules/`) of every compiled-in file.
    public static var embeddedNames: [String] {
        (0..<nz_data_count()).map { String(cString: nz_data_name($0)) }
    }

    /// The bytes of a rule file, e.g. `data("translit/kk-2021-to-latin.txt")`.
    public func data(_ name: String) throws -> [UInt8] {
        switch source {
        case .embedded:
            for i in 0..<nz_data_count() where String(cString: nz_data_name(i)) == name {
                return Array(UnsafeBufferPointer(start: nz_data_bytes(i), count: nz_data_size(i)))
            }
            throw NormalizeError.missingRuleFile(path: "Rules/" + name)
        case .directory(let dir):
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            guard let bytes = readWholeFile(path) else { throw NormalizeError.missingRuleFile(path: path) }
            return bytes
        }
    }

    /// A rule file as UTF-8 text; invalid UTF-8 is an error naming the byte offset.
    public func text(_ name: String) throws -> String {
        let bytes = try data(name)
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw NormalizeError.ruleFile(path: displayPath(name), line: lineOf(offset: bad, in: bytes), column: 1,
                                          message: "invalid UTF-8 at byte \(bad)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How a rule file is named in messages.
    public func displayPath(_ name: String) -> String {
        switch source {
        case .embedded: return "Rules/" + name
        case .directory(let dir): return dir.hasSuffix("/") ? dir + name : dir + "/" + name
        }
    }
}

func lineOf(offset: Int, in bytes: [UInt8]) -> Int {
    var line = 1
    for b in bytes[..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
    return line
}

func readWholeFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n > 0 { out.append(contentsOf: buf[0..<n]) }
        if n < buf.count { break }
    }
    return out
}
