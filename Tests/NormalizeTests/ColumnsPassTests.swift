import Foundation
import Testing
@testable import Normalize

/// The columns pass: side-by-side columns of `pdftotext -layout` read column by column; one-column
/// text left exactly as it is.
@Suite struct ColumnsPassTests {
    static func run(_ text: String) throws -> Document {
        var doc = Document(lines: text)
        try ColumnsPass(inputLayout: .pdf).apply(to: &doc, context: PassContext(configuration: .init(), rules: .embedded))
        return doc
    }

    /// Two columns with a gutter, a centred header over both, a title in the left column only.
    @Test func readsTheLeftColumnThenTheRightOne() throws {
        let page = """
                          Қазақ тілі мен әдебиеті, 2020, №4

            Кіріспе                            бутылки, стеклянные банки,
                                               коробки из-под сардин. Под
            — Нет, не пустяшное! — обижается   полатями висели пучки трав.
            Дашенькина мать. — Ты говори,
            сударь, да не заговаривайся!         Вечернее солнце пристально
            Кроме того, что мы тысячу рублей,  смотрело в открытые окна.
            мы три салопа даем, постелю.       Там жили котята, и на
            Поди-кась найди в другом месте     полках блестели бутылки, банки
            такое приданое!                    и коробки.
            """
        let doc = try Self.run(page)
        let lines = doc.blocks.map { LineText.trimmed(Substring($0.text)) }.filter { !$0.isEmpty }
        #expect(lines == ["Қазақ тілі мен әдебиеті, 2020, №4", "Кіріспе", "— Нет, не пустяшное! — обижается",
                          "Дашенькина мать. — Ты говори,", "сударь, да не заговаривайся!",
                          "Кроме того, что мы тысячу рублей,", "мы три салопа даем, постелю.",
                          "Поди-кась найди в другом месте", "такое приданое!", "бутылки, стеклянные банки,", "коробки из-под сардин. Под", "полатями висели пучки трав.",
                          "Вечернее солнце пристально", "смотрело в открытые окна.", "Там жили котята, и на",
                          "полках блестели бутылки, банки", "и коробки."])
        // The right column keeps its paragraph indentation relative to its own edge.
        #expect(doc.blocks.contains { $0.text == "  Вечернее солнце пристально" })
        #expect(doc.edits.map(\.rule) == ["layout.columns"])
        // Nothing lost: the same characters, only cut at the gutter and reordered.
        func letters(_ s: String) -> [Character] { s.filter { !$0.isWhitespace }.sorted() }
        #expect(letters(doc.blocks.map(\.text).joined()) == letters(page))
    }

    /// One-column `-layout` extractions of pdf-dev (justified lines with runs of spaces inside them,
    /// centred headers, footnotes) have no gutter: the pass changes nothing.
    @Test func leavesOneColumnLayoutExtractionsAlone() throws {
        var checked = 0
        for set in ["pdf-dev/dev", "pdf-dev/dev-hyphen"] {
            let dir = Paths.shared.appendingPathComponent(set)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
            for name in names.sorted() where name.hasSuffix("_pdftotext-layout.raw.txt") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                let doc = try Self.run(text)
                #expect(doc == Document(lines: text), "\(name)")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }

    /// Lines running across the gutter (a paragraph of one-column text after two-column text) end the
    /// column stretch and stay whole.
    @Test func aLineAcrossTheGutterStaysWhole() throws {
        let text = """
            Бірінші бағанның бірінші жолы      Екінші бағанның бірінші жолы
            Бірінші бағанның екінші жолы       Екінші бағанның екінші жолы
            Бірінші бағанның үшінші жолы       Екінші бағанның үшінші жолы
            Бірінші бағанның төртінші жолы     Екінші бағанның төртінші жолы
            Бірінші бағанның бесінші жолы      Екінші бағанның бесінші жолы
            Бірінші бағанның алтыншы жолы      Екінші бағанның алтыншы жолы
            Бұл жол екі бағанның үстінен өтеді, себебі ол бүкіл беттің енімен жазылған.
            """
        let doc = try Self.run(text)
        let lines = doc.blocks.map(\.text).filter { !$0.isEmpty }
        #expect(lines.count == 13)
        #expect(lines[0] == "Бірінші бағанның бірінші жолы")
        #expect(lines[6].hasPrefix("Екінші бағанның бірінші жолы"))
        #expect(lines.last == "Бұл жол екі бағанның үстінен өтеді, себебі ол бүкіл беттің енімен жазылған.")
    }
}
