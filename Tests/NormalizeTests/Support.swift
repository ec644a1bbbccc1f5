import Foundation

/// Where the package and the shared development data are, found from this file's path so tests work
/// whatever the scratch path. `NORMALIZE_SHARED` overrides the location of `shared/`.
enum Paths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let shared: URL = {
        if let env = ProcessInfo.processInfo.environment["NORMALIZE_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static var sharedAvailable: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus").path)
    }

    static func rules(_ name: String) -> URL { packageRoot.appendingPathComponent("Rules").appendingPathComponent(name) }
}
