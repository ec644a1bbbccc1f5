/// Errors a user can act on: each names the place (file, line, column or byte offset).
public enum NormalizeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A rule file failed to compile or parse.
    case ruleFile(path: String, line: Int, column: Int, message: String)
    /// A rule file that the configuration needs is not there.
    case missingRuleFile(path: String)
    /// Input that cannot be processed (binary data, an undecodable encoding, malformed JSONL…).
    case badInput(place: String, message: String)
    /// An ICU call failed.
    case icu(call: String, status: String)

    public var description: String {
        switch self {
        case let .ruleFile(path, line, column, message):
            return "\(path):\(line):\(column): \(message)"
        case let .missingRuleFile(path):
            return "rule file \(path) not found (neither compiled in nor in --rules)"
        case let .badInput(place, message):
            return "\(place): \(message)"
        case let .icu(call, status):
            return "ICU \(call) failed: \(status)"
        }
    }
}
