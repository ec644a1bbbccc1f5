/// What every pass can read besides the document: configuration and rule data.
public struct PassContext: Sendable {
    public var configuration: Configuration
    public var rules: RuleStore

    public init(configuration: Configuration, rules: RuleStore) {
        self.configuration = configuration
        self.rules = rules
    }
}

/// One named, pure step of the pipeline: it rewrites the document and records an `Edit` for every change.
///
/// Each conforming type lives in its own file, and its doc comment says what it changes and what it must
/// never change.
public protocol Pass: Sendable {
    /// Stable name used in rule ids and configuration (`layout`, `reflow`, `typos`).
    var name: String { get }
    func apply(to document: inout Document, context: PassContext) throws
}
