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
        let hyphen = LineEndHyphen(lexicon: try Self.lexicon.get(), document: .init(lines: [], wanted: []))
        let (decision, note) = hyphen.decide(before: Substring(c.before), after: Substring(c.after))
        #expect(decision == (c.join ? .join : .keep), "\(note)")
    }

    @Test func theDocumentItselfDecides() throws {
        let lexicon = try Self.lexicon.get()
        func document(_ lines: [Substring], asking a: Substring, _ b: Substring) -> LineEndHyphen.DocumentWords {
            .init(lines: lines, wanted: Set(LineEndHyphen.DocumentWords.queries(before: a, after: b)))
        }
        let joined = LineEndHyphen(lexicon: lexicon, document: document(["Екіжақты ынтымақтастық пен ЕКІЖАҚТЫ әріптестік."],
                                                                        asking: "нығайту мәселелері екі-", "жақты мүдделілік"))
        #expect(joined.document.counts["екіжақты"] == 2)
        #expect(joined.decide(before: "нығайту мәселелері екі-", after: "жақты мүдделілік").0 == .join)
        let kept = LineEndHyphen(lexicon: lexicon, document: document(["ұйымға мүше-мемлекеттердің қорғанысқа"],
                                                                      asking: "осы ұйымға мүше-", "мемлекеттердің қорғанысқа"))
        #expect(kept.document.counts["мүше-мемлекеттердің"] == 1)
        #expect(kept.decide(before: "осы ұйымға мүше-", after: "мемлекеттердің қорғанысқа").0 == .keep)
    }
}
