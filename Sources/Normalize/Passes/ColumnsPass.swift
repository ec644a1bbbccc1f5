/// columns: reads two-column text that an extractor laid out side by side (`pdftotext -layout`) column
/// by column: on every page, the left column first, then the right one.
///
/// The gutter is found from the document's column statistics: the character position where the most
/// lines of a page have a run of three or more spaces with text on both sides, and almost no line has
/// text. Each line of such a page is cut there into its left and right part; lines that run across
/// the gutter (a title over both columns, a centred header) stay whole and end the column stretch above
/// them; the lines of a page above or below the columns, set apart by a blank line (headers, footers,
/// page numbers), stay whole where they are. A column's part keeps its indentation relative to the
/// column's left edge, and where only one column has text the other gets a blank line, so the layout
/// and reflow passes read each column as they read one-column text. Rule `layout.columns`, one edit
/// per page.
///
/// It never changes, drops or joins the characters of a line: it only cuts lines at the gutter and
/// reorders the parts. Pages without a gutter, one-column documents and `--input-layout lines` are
/// left exactly as they are.
public struct ColumnsPass: Pass {
    public var name: String { "columns" }
    public var inputLayout: Configuration.InputLayout

    public init(inputLayout: Configuration.InputLayout = .auto) {
        self.inputLayout = inputLayout
    }

    /// Spaces that separate columns: at least this many (justified text has two now and then).
    static let minimumGap = 3

    public func apply(to document: inout Document, context: PassContext) throws {
        guard inputLayout != .lines, document.blocks.allSatisfy({ $0.kind == .line }), Self.mayHaveColumns(document.blocks) else { return }
        let pages = Self.pages(of: document.blocks)
        var gutters = pages.map(Self.gutter(of:))
        let confident = gutters.compactMap { $0.flatMap { $0.confident ? $0.position : nil } }
        guard !confident.isEmpty else { return }
        // Pages whose own evidence is weak (a last page with a short right column) take the gutter of
        // the document where their lines allow it.
        let common = confident.sorted()[confident.count / 2]
        for p in pages.indices where gutters[p]?.confident != true {
            let stats = Statistics(pages[p].rows)
            gutters[p] = stats.straddle(common) > stats.cover(common) ? Gutter(position: common, confident: false) : nil
        }
        var blocks: [Block] = []
        var edits: [Edit] = []
        blocks.reserveCapacity(document.blocks.count + document.blocks.count / 4)
        for p in pages.indices {
            blocks += pages[p].prefix
            guard let g = gutters[p] else {
                blocks += pages[p].rows.map { Block(kind: .line, text: $0.text, line: $0.line) }
                continue
            }
            let (read, split) = Self.read(pages[p].rows, gutter: g.position)
            blocks += read
            if split, let first = pages[p].rows.first {
                edits.append(Edit(rule: "layout.columns", location: SourceLocation(line: first.line, column: g.position + 1),
                                  before: "", after: "",
                                  note: "two columns side by side (gutter at column \(g.position + 1)): left column read first, then the right one"))
            }
        }
        document.blocks = blocks
        document.edits += edits
    }

    /// A cheap look over the bytes: enough lines with a wide run of spaces before text (two of them
    /// with text before it too) to be worth measuring.
    static func mayHaveColumns(_ blocks: [Block]) -> Bool {
        var wide = 0, inner = 0, lines = 0
        for block in blocks where block.kind == .line {
            var text = block.text
            let gap = text.withUTF8 { p -> Int in
                var seenText = false
                var run = 0
                for b in p {
                    if b == 0x20 {
                        run += 1
                    } else if b != 0x0C {
                        if run >= minimumGap { return seenText ? 2 : 1 }
                        run = 0
                        seenText = true
                    }
                }
                return 0
            }
            if !block.text.isEmpty { lines += 1 }
            if gap > 0 { wide += 1 }
            if gap == 2 { inner += 1 }
        }
        return inner >= 2 && wide >= 6 && wide * 10 >= lines
    }

    struct Line {
        var text: String
        var line: Int
        var scalars: [Unicode.Scalar]
        var first: Int
        var last: Int
        var blank: Bool { first > last }

        init(text: String, line: Int) {
            self.text = text
            self.line = line
            scalars = Array(text.unicodeScalars)
            first = scalars.firstIndex { !LineText.isSpace($0) } ?? scalars.count
            last = scalars.lastIndex { !LineText.isSpace($0) } ?? -1
        }

        /// The run of spaces (start, end) inside the text that contains position `p`, if any.
        func gap(at p: Int) -> Range<Int>? {
            guard p > first, p < last, LineText.isSpace(scalars[p]) else { return nil }
            var lo = p, hi = p
            while lo > first, LineText.isSpace(scalars[lo - 1]) { lo -= 1 }
            while hi < last, LineText.isSpace(scalars[hi]) { hi += 1 }
            return lo..<hi
        }
    }

    struct Page {
        /// Blocks before the page's first line: the text up to and including a form feed.
        var prefix: [Block] = []
        var rows: [Line] = []
    }

    /// Pages split at form feeds; a line holding a form feed is cut after it (the part before stays a
    /// block of its own, which the layout pass reads as the page break).
    static func pages(of blocks: [Block]) -> [Page] {
        var pages = [Page()]
        for block in blocks where block.kind == .line {
            guard block.text.utf8.contains(0x0C) else {
                pages[pages.count - 1].rows.append(Line(text: block.text, line: block.line))
                continue
            }
            let scalars = block.text.unicodeScalars
            let cut = scalars.index(after: scalars.lastIndex(of: "\u{0C}")!)
            var page = Page()
            page.prefix = [Block(kind: .line, text: String(scalars[..<cut]), line: block.line)]
            let rest = String(scalars[cut...])
            if !rest.isEmpty { page.rows.append(Line(text: rest, line: block.line)) }
            pages.append(page)
        }
        return pages
    }

    /// Per character position of a page: lines with a wide run of spaces there and text after it
    /// (straddle: a line of both columns, or of the right column alone), how many of those have text
    /// before it too (both), and lines with text there (cover; a single space between words counts as
    /// text).
    struct Statistics {
        var straddles: [Int] = []
        var boths: [Int] = []
        var covers: [Int] = []
        var lines = 0

        init(_ rows: [Line]) {
            let width = rows.map { $0.scalars.count }.max() ?? 0
            straddles = Array(repeating: 0, count: width)
            boths = Array(repeating: 0, count: width)
            covers = Array(repeating: 0, count: width)
            for r in rows where !r.blank {
                lines += 1
                if r.first >= minimumGap {
                    for k in 0..<r.first { straddles[k] += 1 }
                }
                var i = r.first
                while i <= r.last {
                    guard LineText.isSpace(r.scalars[i]) else { covers[i] += 1; i += 1; continue }
                    var j = i
                    while LineText.isSpace(r.scalars[j]) { j += 1 }
                    if j - i >= minimumGap {
                        for k in i..<j { straddles[k] += 1; boths[k] += 1 }
                    } else if j - i == 1 {
                        covers[i] += 1
                    }
                    i = j
                }
            }
        }

        func straddle(_ p: Int) -> Int { p < straddles.count ? straddles[p] : 0 }
        func cover(_ p: Int) -> Int { p < covers.count ? covers[p] : 0 }
    }

    struct Gutter {
        var position: Int
        var confident: Bool
    }

    /// The page's gutter: the middle of the widest stretch of positions with the most straddling lines,
    /// confident when at least six lines and 10 % of the page's lines straddle it, two of them with text
    /// on both sides, and at most one in ten (plus one) runs across it (in one-column text nearly every
    /// line runs across every position).
    static func gutter(of page: Page) -> Gutter? {
        let stats = Statistics(page.rows)
        guard stats.lines >= 6 else { return nil }
        var best = -1, bestScore = 0, runStart = -1
        var bestRun = 0..<0
        for p in stats.straddles.indices {
            let score = stats.straddles[p] - 4 * stats.covers[p]
            if score > bestScore {
                bestScore = score
                best = p
                runStart = p
                bestRun = p..<p + 1
            } else if score == bestScore, best >= 0, runStart >= 0, p == bestRun.upperBound {
                bestRun = runStart..<p + 1
            } else {
                runStart = -1
            }
        }
        guard best >= 0 else { return nil }
        let p = (bestRun.lowerBound + bestRun.upperBound - 1) / 2
        let s = stats.straddle(p), c = stats.cover(p)
        let confident = s >= 6 && s * 10 >= stats.lines && c * 10 <= s + 10 && stats.boths[p] >= 2
        return Gutter(position: p, confident: confident)
    }

    /// The blocks of one page read column by column, and whether any line was cut.
    static func read(_ rows: [Line], gutter p: Int) -> ([Block], Bool) {
        enum Part { case whole, split(left: Range<Int>?, right: Range<Int>?), blank }
        var parts: [Part] = rows.map { r in
            if r.blank { return .blank }
            if r.last < p { return .split(left: 0..<r.last + 1, right: nil) }
            if r.first > p { return .split(left: nil, right: r.first..<r.last + 1) }
            guard let g = r.gap(at: p), g.count >= 2 else { return .whole }
            return .split(left: 0..<g.lowerBound, right: g.upperBound..<r.last + 1)
        }
        // Lines above the first blank line at the top of the page, and below the last one at the
        // bottom, when there are at most two of them: headers, footers and page numbers.
        let nonBlank = rows.indices.filter { !rows[$0].blank }
        if let firstBlank = rows.indices.first(where: { rows[$0].blank && $0 > (nonBlank.first ?? 0) }) {
            let above = nonBlank.filter { $0 < firstBlank }
            if above.count <= 2 { for i in above { parts[i] = .whole } }
        }
        if let lastBlank = rows.indices.last(where: { rows[$0].blank && $0 < (nonBlank.last ?? 0) }) {
            let below = nonBlank.filter { $0 > lastBlank }
            if below.count <= 2 { for i in below { parts[i] = .whole } }
        }
        // The right column's left edge: its parts keep their indentation relative to it.
        var edge = Int.max
        for part in parts {
            if case .split(_, let right?) = part { edge = min(edge, right.lowerBound) }
        }
        var out: [Block] = []
        var left: [Block] = [], right: [Block] = []
        var split = false
        func text(_ r: Line, _ range: Range<Int>) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: r.scalars[range])
            return String(s)
        }
        func flush() {
            while let l = left.last, l.text.isEmpty { left.removeLast() }
            out += left
            out += right
            left.removeAll()
            right.removeAll()
        }
        for (i, r) in rows.enumerated() {
            switch parts[i] {
            case .blank:
                left.append(Block(kind: .line, text: "", line: r.line))
                right.append(Block(kind: .line, text: "", line: r.line))
            case .whole:
                flush()
                out.append(Block(kind: .line, text: r.text, line: r.line))
            case .split(let l, let rr):
                if l != nil && rr != nil { split = true }
                left.append(Block(kind: .line, text: l.map { text(r, $0) } ?? "", line: r.line))
                right.append(Block(kind: .line, text: rr.map { text(r, min(edge, $0.lowerBound)..<$0.upperBound) } ?? "", line: r.line))
            }
        }
        flush()
        return (out, split)
    }
}
