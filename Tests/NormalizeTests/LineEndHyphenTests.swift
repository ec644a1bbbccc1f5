import Foundation
import Testing
@testable import Normalize

@Suite struct LineEndHyphenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var before: String, after: String, join: Bool
        var testDescription: String { "\(before)⏎\(after)" }
    }

    static func cases() throws -> [Case] {
        let url = Paths.packageRoot.appendingPathComponent("Tests/NormalizeTests/Cases/line-end-hyphens.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let f = $0.split(separator: "\t")
            return Case(before: String(f[0]), after: String(f[1]), join: f[2] == "join")
        }
    }

    static let lexicon = Result { try LineEndHyphen.Lexicon.load(.embedded) }

    @Test(arguments: try cases()) func decision(_ c: Case) throws {
        let hyphen = LineEndHyphen(lexicon: try Self.lexicon.get(), document: .init(lines: []))
        let (decision, note) = hyphen.decide(before: Substring(c.before), after: Substring(c.after))
        #expect(decision == (c.join ? .join : .keep), "\(note)")
    }

    @Test func theDocumentItselfDecides() throws {
        let lexicon = try Self.lexicon.get()
        let joined = LineEndHyphen(lexicon: lexicon, document: .init(lines: ["Екіжақты ынтымақтастық пен әріптестік."]))
        #expect(joined.decide(before: "нығайту мәселелері екі-", after: "жақты мүдделілік").0 == .join)
        let kept = LineEndHyphen(lexicon: lexicon, document: .init(lines: ["ұйымға мүше-мемлекеттердің қорғанысқа"]))
        #expect(kept.decide(before: "осы ұйымға мүше-", after: "мемлекеттердің қорғанысқа").0 == .keep)
    }
}
