import Testing
@testable import Normalize

/// Every pair in `Rules/unicode/homoglyphs.tsv` must look alike by ICU's confusable data (UTS #39),
/// except the Kazakh specifics that ICU does not list.
@Suite struct HomoglyphTableTests {
    static let kazakhSpecific: Set<String> = ["y:ү", "Y:Ү", "Ɵ:Ө", "ɵ:ө"]

    @Test func pairsAreConfusableInICU() throws {
        let table = try HomoglyphTable(ruleText: RuleStore.embedded.text("unicode/homoglyphs.tsv"), path: "homoglyphs.tsv")
        #expect(table.toCyrillic.count >= 30)
        for (latin, entry) in table.toCyrillic {
            for c in entry.candidates {
                let l = String(Unicode.Scalar(latin)!), k = String(Unicode.Scalar(c)!)
                if Self.kazakhSpecific.contains(l + ":" + k) { continue }
                #expect(ICU.confusableSkeleton(l) == ICU.confusableSkeleton(k), "\(l) / \(k) are not confusable in ICU")
            }
        }
    }

    @Test func brokenRuleFilesNameTheLine() {
        #expect(throws: NormalizeError.ruleFile(path: "h.tsv", line: 2, column: 1,
                                               message: "expected LATIN<TAB>CYRILLIC…<TAB>both|evidence|to-latin")) {
            try HomoglyphTable(ruleText: "a\tа\tboth\nb\tв\tsometimes\n", path: "h.tsv")
        }
        #expect(throws: NormalizeError.self) {
            try LetterTrigramModel(ruleText: "# header\nkk\tаб\t3\n", path: "t.tsv")
        }
        #expect(throws: NormalizeError.self) { try LetterTrigramModel(ruleText: "", path: "t.tsv") }
    }
}

