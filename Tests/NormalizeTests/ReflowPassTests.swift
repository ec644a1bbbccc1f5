import Foundation
import Testing
@testable import Normalize

@Suite struct ReflowPassTests {
    static func widths(_ name: String) throws -> [Int]? {
        let url = Paths.shared.appendingPathComponent("pdf-dev/\(name).raw.txt")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" })
            .map { LineText.trimmed($0) }
            .filter { $0.unicodeScalars.count >= 8 }
            .map { LineText.visualWidth($0) }
    }

    /// pdftotext without options puts two or three lines of a column on one line now and then; the
    /// column width must come out as from the `-layout` extraction of the same PDF, not 2–3× wider.
    @Test func columnWidthIgnoresLinesTheExtractorMerged() throws {
        guard let merged = try Self.widths("dev/dev_004_ru_pdftotext"),
              let layout = try Self.widths("dev/dev_004_ru_pdftotext-layout") else { return }
        let a = try #require(ReflowPass.Builder.columnWidth(merged))
        let b = try #require(ReflowPass.Builder.columnWidth(layout))
        #expect(merged.max()! > 2 * b)
        #expect(abs(a - b) * 10 <= b, "merged-lines width \(a) vs layout width \(b)")
    }

    /// pdfminer with `line_margin=0.05` splits justified lines of a narrow column into single words;
    /// the width is that of the full lines, not of the many fragments.
    @Test func columnWidthIgnoresWordFragments() throws {
        guard let fragmented = try Self.widths("dev-hyphen/dev-hyphen_006_kk_pdfminer-lm"),
              let whole = try Self.widths("dev-hyphen/dev-hyphen_006_kk_pypdf") else { return }
        let a = try #require(ReflowPass.Builder.columnWidth(fragmented))
        let b = try #require(ReflowPass.Builder.columnWidth(whole))
        #expect(abs(a - b) * 10 <= b, "fragmented width \(a) vs pypdf width \(b)")
    }

    @Test func columnWidthOfNothingIsNil() {
        #expect(ReflowPass.Builder.columnWidth([]) == nil)
    }
}
