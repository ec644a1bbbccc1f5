import Foundation
import Testing
@testable import Normalize

/// The binary carries a copy of Rules/; it must be the same bytes as the files in the repository.
@Suite struct EmbeddedRulesTests {
    @Test func everyEmbeddedFileMatchesRules() throws {
        let names = RuleStore.embeddedNames
        #expect(!names.isEmpty)
        for name in names {
            let onDisk = try Data(contentsOf: Paths.rules(name))
            let embedded = try RuleStore.embedded.data(name)
            #expect(Array(onDisk) == embedded, "compiled-in Rules/\(name) differs from the file: rebuild")
        }
    }

    @Test func directoryStoreReadsRulesFolder() throws {
        let store = RuleStore(.directory(Paths.packageRoot.appendingPathComponent("Rules").path))
        #expect(try store.data("README.md") == RuleStore.embedded.data("README.md"))
        #expect(throws: NormalizeError.self) { try store.data("no/such/file.txt") }
    }
}
