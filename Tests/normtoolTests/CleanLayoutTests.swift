import Foundation
import Testing

/// `normtool clean` on PDF-like text: golden sample, must-fix and must-not-touch cases, properties.
@Suite struct CleanLayoutTests {
    static let cases = Tool.packageRoot.appendingPathComponent("Tests/normtoolTests/Cases")

    static func unescape(_ s: Substring) -> String {
        s.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\f", with: "\u{0C}")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var expected: String
        var testDescription: String { name }
    }

    static func mustFixCases() throws -> [Case] {
        let text = try String(contentsOf: cases.appendingPathComponent("clean-must-fix.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return Case(name: String(f[0]), input: unescape(f[1]), expected: unescape(f[2]))
        }
    }

    @Test func bundledSampleMatchesTheHandCheckedGolden() throws {
        let sample = Tool.packageRoot.appendingPathComponent("Samples/kk-ru-pdf-dump.txt")
        let expected = try String(contentsOf: Self.cases.appendingPathComponent("kk-ru-pdf-dump.expected.txt"), encoding: .utf8)
        let run = try Tool.run(["clean", "--typos", "off", "--no-restore", sample.path])
        #expect(run.status == 0, "\(run.stderr)")
        let got = run.text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("line \(i + 1) differs:\n got: \(g)\nwant: \(w)")
        }
    }

    @Test(arguments: try mustFixCases()) func mustFix(_ c: Case) throws {
        let run = try Tool.run(["clean", "--typos", "off", "--no-restore", "--input-layout", "pdf"], stdin: Data(c.input.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.text == c.expected)
    }

    /// A real two-column `pdftotext -layout` extraction (columns side by side, a centred header, a
    /// footnote and the page number): the output is the document's truth, word for word.
    @Test func twoColumnLayoutExtractionIsReadColumnByColumn() throws {
        let raw = Self.cases.appendingPathComponent("two-column-layout.raw.txt")
        let expected = try String(contentsOf: Self.cases.appendingPathComponent("two-column-layout.expected.txt"), encoding: .utf8)
        let run = try Tool.run(["clean", "--typos", "off", "--no-restore", raw.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.text == expected)
    }

    @Test func linesLayoutLeavesCleanParagraphsAlone() throws {
        let input = try Data(contentsOf: Self.cases.appendingPathComponent("clean-must-not-touch.txt"))
        for layout in ["lines", "auto"] {
            let run = try Tool.run(["clean", "--typos", "off", "--no-restore", "--input-layout", layout], stdin: input)
            #expect(run.status == 0)
            #expect(run.stdout == input, "layout \(layout) changed clean text:\n\(run.text)")
        }
    }

    @Test func cleaningTwiceChangesNothingAndRunsAreDeterministic() throws {
        let sample = Tool.packageRoot.appendingPathComponent("Samples/kk-ru-pdf-dump.txt")
        let first = try Tool.run(["clean", "--typos", "off", "--no-restore", sample.path])
        let again = try Tool.run(["clean", "--typos", "off", "--no-restore", sample.path])
        #expect(first.stdout == again.stdout)
        let twice = try Tool.run(["clean", "--typos", "off", "--no-restore", "--input-layout", "lines"], stdin: first.stdout)
        #expect(twice.stdout == first.stdout)
        let auto = try Tool.run(["clean", "--typos", "off", "--no-restore"], stdin: first.stdout)
        #expect(auto.stdout == first.stdout, "auto must see cleaned text as one paragraph per line")
    }

    @Test func pdfDevDocumentsCleanDeterministicallyAndIdempotently() throws {
        let dir = Tool.shared.appendingPathComponent("pdf-dev/dev")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        for name in ["dev_000_mixed_pdfminer", "dev_002_kk_pdftotext-layout", "dev_006_kk_pdfminer-lm"] {
            let raw = dir.appendingPathComponent(name + ".raw.txt").path
            let a = try Tool.run(["clean", "--typos", "off", "--no-restore", raw])
            let b = try Tool.run(["clean", "--typos", "off", "--no-restore", raw])
            #expect(a.status == 0 && a.stdout == b.stdout, "\(name)")
            #expect(!a.text.contains("http"), "\(name): footnote URL left")
            let twice = try Tool.run(["clean", "--typos", "off", "--no-restore", "--input-layout", "lines"], stdin: a.stdout)
            #expect(twice.stdout == a.stdout, "\(name)")
        }
    }

    /// pypdf marks no pages: the page numbers found (`– 2 –`) split it into pages, so the running header
    /// broken over two lines (`Ақиқат. Қоғамдық-саяси` / `журнал`) goes, while a heading-like term that
    /// comes twice in the text (`ҚАЗАҚ ЖАСТАРЫНЫҢ РЕВОЛЮЦИЯЛЫҚ ОДАҒЫ`) stays.
    @Test func pypdfPagesAreFoundFromTheirNumbers() throws {
        let raw = Tool.shared.appendingPathComponent("pdf-dev/dev-hyphen/dev-hyphen_006_kk_pypdf.raw.txt")
        guard FileManager.default.fileExists(atPath: raw.path) else { return }
        let run = try Tool.run(["clean", "--typos", "off", "--no-restore", raw.path])
        #expect(run.status == 0)
        #expect(!run.text.contains("журнал"))
        #expect(!run.text.contains("Ақиқат"))
        #expect(!run.text.contains("– 2 –"))
        #expect(run.text.components(separatedBy: "ҚАЗАҚ ЖАСТАРЫНЫҢ РЕВОЛЮЦИЯЛЫҚ ОДАҒЫ").count == 3)
    }

    @Test func footnotesStayInJSONLAndMoveToTheEndOnRequest() throws {
        let input = Data("Басылым ел бірлігін нығайтуға үлес қосып\nкеледі, деп атап берді1 . Жаңа элементтерді\nорындау алда тұр.\n1Қараңыз: Сапардың қорытындысы. https://www.inform.kz/ru/a40821919\n\u{0C}".utf8)
        let jsonl = try Tool.run(["clean", "--typos", "off", "--format", "jsonl", "--input-layout", "pdf"], stdin: input)
        #expect(jsonl.text.contains("\"kind\":\"footnote\""))
        #expect(jsonl.text.contains("Сапардың қорытындысы. https://www.inform.kz/ru/a40821919"))
        #expect(jsonl.text.contains("layout.footnote.marker"))
        let end = try Tool.run(["clean", "--typos", "off", "--footnotes", "end", "--input-layout", "pdf"], stdin: input)
        let lines = end.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("1Қараңыз: Сапардың") == true)
    }

    @Test func hugeSingleLineIsNeitherTruncatedNorSlow() throws {
        let sentence = "Қазақстан мен НАТО арасындағы ынтымақтастық жеке серіктестік бағдарламалар арқылы жүргізіледі. "
        var line = String(repeating: sentence, count: 15_000)
        line.removeLast()
        let run = try Tool.run(["clean", "--typos", "off", "--no-restore", "--input-layout", "pdf"], stdin: Data((line + "\n").utf8))
        #expect(run.status == 0)
        #expect(run.stdout.count == line.utf8.count + 1)
    }

    @Test func explainNamesEveryRule() throws {
        let input = Data("Бұрын КСРО-\nға және бағдарлама-\nсындағы әріптестік болды.1998 жылы  басталды.\n".utf8)
        let run = try Tool.run(["clean", "--typos", "off", "--explain", "--input-layout", "pdf"], stdin: input)
        #expect(run.text == "Бұрын КСРО-ға және бағдарламасындағы әріптестік болды. 1998 жылы басталды.\n")
        for rule in ["reflow.dehyphenate.keep", "reflow.dehyphenate.join", "spacing.after-sentence", "spacing.collapse"] {
            #expect(run.stderr.contains(rule), "missing \(rule)")
        }
    }
}
