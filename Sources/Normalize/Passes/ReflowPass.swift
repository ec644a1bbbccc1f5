/// reflow: rebuilds paragraphs and headings from the hard-broken lines the layout pass left.
///
/// It changes: consecutive body lines of one paragraph become one `.paragraph` block (lines joined
/// with a space, across blank lines and page breaks when the text runs on); a hyphen at a line end is
/// removed (`бағдарлама-` + `сындағы`, rule `reflow.dehyphenate.join`) or kept without the line break
/// (`КСРО-` + `ға`, rule `reflow.dehyphenate.keep`), see `LineEndHyphen`; lines in capitals and short
/// title lines (`Кіріспе`, `Л.Т. Исова`) become `.heading` blocks, a heading broken over several lines
/// becomes one. Blank lines and page-break markers are dropped; page furniture is kept as it is.
///
/// It never changes a word inside a line, never reorders text (but for a word's rest that pdfminer put a
/// fragment or two after its hyphen, see `restoreDisplacedContinuations`), and with `--input-layout lines` (or
/// when `auto` finds one paragraph per line) it only turns every non-empty line into a paragraph.
public struct ReflowPass: Pass {
    public var name: String { "reflow" }
    public var inputLayout: Configuration.InputLayout
    public var footnotes: Configuration.FootnotePlacement

    public init(inputLayout: Configuration.InputLayout = .auto, footnotes: Configuration.FootnotePlacement = .drop) {
        self.inputLayout = inputLayout
        self.footnotes = footnotes
    }

    public func apply(to document: inout Document, context: PassContext) throws {
        if !Self.rebuildsParagraphs(document.blocks, layout: inputLayout) {
            document.blocks = document.blocks.compactMap { block in
                guard block.kind == .line else { return block }
                guard !LineText.trimmed(Substring(block.text)).isEmpty else { return nil }
                var b = block
                b.kind = .paragraph
                return b
            }
            return
        }
        let lexicon = try LineEndHyphen.Lexicon.load(context.rules)
        var builder = Builder(blocks: document.blocks, lexicon: lexicon)
        builder.run()
        // Blocks keep the order of the document (not of line numbers: the columns pass reads the right
        // column's lines after the left one's).
        var all = zip(builder.outputIndex, builder.output).map { (index: $0, block: $1) }
        var notesAtEnd: [Block] = []
        for (index, block) in document.blocks.enumerated() where block.kind != .line && !(block.kind == .separator && block.text == "\u{0C}") {
            if block.kind == .footnote, footnotes == .end { notesAtEnd.append(block) } else { all.append((index, block)) }
        }
        all.sort { $0.index < $1.index }
        document.blocks = all.map(\.block) + notesAtEnd
        document.edits += builder.edits
    }

    /// Whether the input is hard-broken PDF/OCR text (rebuild paragraphs) or one paragraph per line.
    public static func rebuildsParagraphs(_ blocks: [Block], layout: Configuration.InputLayout) -> Bool {
        switch layout {
        case .pdf: return true
        case .lines: return false
        case .auto: return looksLikePDF(blocks)
        }
    }

    /// PDF-like: form feeds, a blank line after every line, many line-end hyphens, or short lines that
    /// mostly do not end a sentence. One paragraph per line: long lines that end sentences.
    static func looksLikePDF(_ blocks: [Block]) -> Bool {
        var rows = 0, hyphenEnds = 0, sentenceEnds = 0, singleBlankGaps = 0
        var lengths: [Int] = []
        var blanksSince = -1
        for block in blocks where block.kind == .line {
            if LineText.hasFormFeed(block.text) { return true }  // a form feed is always a Character of its own
            let t = LineText.trimmed(Substring(block.text))
            if t.isEmpty {
                if blanksSince >= 0 { blanksSince += 1 }
                continue
            }
            if blanksSince == 1 { singleBlankGaps += 1 }
            blanksSince = 0
            rows += 1
            lengths.append(LineText.scalarCount(t))
            if LineText.endsSentence(t) { sentenceEnds += 1 }
            if let last = t.unicodeScalars.last, LineText.isHyphen(last) { hyphenEnds += 1 }
        }
        guard rows >= 3 else { return false }
        if singleBlankGaps * 2 >= rows { return true }
        if hyphenEnds * 30 >= rows { return true }
        lengths.sort()
        let median = lengths[lengths.count / 2]
        return median < 130 && sentenceEnds * 2 < rows
    }

    /// Joins the lines of a footnote (used by the layout pass): a URL broken over lines is glued back.
    static func joinFootnoteLine(_ a: String, _ b: String) -> String {
        if a.hasSuffix("/") || a.hasSuffix("_") || a.hasSuffix("-") && !a.hasSuffix(" -") { return a + b }
        return a + " " + b
    }

    struct Row {
        var block: Int
        var text: Substring
        var indent: Int
        var line: Int
        /// Spaces after the last character: Word-made PDFs leave two after a paragraph's last line.
        var trailingSpaces: Int
        /// Cyrillic letters in the line, and how many of them are Kazakh-specific (ә ғ қ ң ө ұ ү һ і).
        var cyrillic = 0
        var kazakh = 0
    }

    /// The script-level language of a stretch of Cyrillic text: Kazakh when it has a Kazakh-specific
    /// letter, Russian when it has at least 20 Cyrillic letters and none of them, else unknown.
    enum Script: Equatable {
        case kazakh, russian, unknown

        init(cyrillic: Int, kazakh: Int) {
            self = kazakh > 0 ? .kazakh : cyrillic >= 20 ? .russian : .unknown
        }
    }

    enum Gap {
        case none
        case blank(Int)
        case page
    }

    struct Builder {
        let blocks: [Block]
        var rows: [Row] = []
        /// gaps[i]: what separates rows[i - 1] from rows[i].
        var gaps: [Gap] = []
        var width = 60
        var margin = 0
        var indentMode = false
        var blankMode = false
        /// pdfminer (and pdftotext now and then) splits the stretched lines of justified narrow columns
        /// into single words: when 30 % or more of the lines are one word, a one-word line is a piece of
        /// a stretched line, and stretched lines never end a paragraph.
        var fragmented = false
        var hyphen: LineEndHyphen
        var output: [Block] = []
        /// The index in `blocks` of each output block's first line.
        var outputIndex: [Int] = []
        var edits: [Edit] = []

        init(blocks: [Block], lexicon: LineEndHyphen.Lexicon) {
            self.blocks = blocks
            var blanks = 0
            var page = false
            var formFeed = false
            for (i, block) in blocks.enumerated() {
                switch block.kind {
                case .line:
                    let t = LineText.trimmed(Substring(block.text))
                    if t.isEmpty {
                        blanks += 1
                        continue
                    }
                    gaps.append(formFeed ? .page : blanks > 0 ? .blank(blanks) : page ? .page : .none)
                    let spaces = LineText.spaceRuns(block.text)
                    var row = Row(block: i, text: t, indent: spaces.leading, line: block.line, trailingSpaces: spaces.trailing)
                    Self.countLetters(t, &row)
                    rows.append(row)
                    blanks = 0
                    page = false
                    formFeed = false
                case .separator where block.text == "\u{0C}":
                    formFeed = true
                case .pageNumber, .runningText, .footnote, .separator:
                    page = true
                default:
                    continue
                }
            }
            var wanted = Set<String>()
            for i in rows.indices.dropFirst() where Self.endsWithLineHyphen(rows[i - 1].text, rows[i].text) {
                wanted.formUnion(LineEndHyphen.DocumentWords.queries(before: rows[i - 1].text, after: rows[i].text))
            }
            hyphen = LineEndHyphen(lexicon: lexicon, document: LineEndHyphen.DocumentWords(lines: rows.map(\.text), wanted: wanted))
            measure()
            if fragmented { restoreDisplacedContinuations() }
        }

        /// Cyrillic and Kazakh-specific letters of a row's text, read over the bytes.
        static func countLetters(_ t: Substring, _ row: inout Row) {
            let counts: (Int, Int)? = t.utf8.withContiguousStorageIfAvailable { p in
                var cyrillic = 0, kazakh = 0, i = 0
                while i < p.count {
                    if p[i] < 0xD0 || p[i] > 0xD3 {
                        i += 1
                        continue
                    }
                    let v = LineText.decode(p, &i)
                    let code = KazakhLetters.code(v)
                    if code > 0 { cyrillic += 1 }
                    if code >= 34 { kazakh += 1 }
                }
                return (cyrillic, kazakh)
            }
            if let (c, k) = counts {
                row.cyrillic = c
                row.kazakh = k
                return
            }
            for u in t.unicodeScalars where u.value >= 0x400 {
                let code = KazakhLetters.code(u.value)
                if code > 0 { row.cyrillic += 1 }
                if code >= 34 { row.kazakh += 1 }
            }
        }

        mutating func measure() {
            width = Self.columnWidth(rows.filter { LineText.scalarCount($0.text) >= 8 }.map { LineText.visualWidth($0.text) }) ?? width
            var indents: [Int: Int] = [:]
            for r in rows { indents[r.indent, default: 0] += 1 }
            margin = indents.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
            let indented = rows.filter { $0.indent > margin + 1 }.count
            indentMode = indented * 50 >= rows.count && indented * 3 < rows.count
            var single = 0, none = 0
            for g in gaps {
                switch g {
                case .none: none += 1
                case .blank(1): single += 1
                default: break
                }
            }
            blankMode = single > none
            fragmented = rows.count >= 10 && rows.filter({ LineText.wordCount($0.text) == 1 }).count * 10 >= rows.count * 3
            var keeps = 0, joins = 0
            for i in rows.indices.dropLast() where Self.endsWithLineHyphen(rows[i].text, rows[i + 1].text) {
                switch hyphen.strongEvidence(before: rows[i].text, after: rows[i + 1].text) {
                case .keep: keeps += 1
                case .join: joins += 1
                case nil: break
                }
            }
            hyphen.fallback = keeps >= 2 && keeps >= 2 * joins ? .keep : .join
        }

        /// pdfminer puts the words of a stretched line of a justified narrow column on lines of their own,
        /// not always in order: the rest of a word broken at a line-end hyphen may come one or two
        /// fragments later (`«Напечатать-` / `дело` / `то,`, `1000-` / `көпқабатты` / `ға`). In such a
        /// document, when the fragment after the hyphen makes no word with it and a one-word fragment
        /// one or two lines further does (the lexicon has it joined or hyphenated, or a suffix follows a
        /// number or an abbreviation), that fragment is put back right after the hyphen
        /// (rule `reflow.fragment.reorder`).
        mutating func restoreDisplacedContinuations() {
            var i = 0
            while i + 2 < rows.count {
                defer { i += 1 }
                let a = rows[i].text
                guard Self.endsWithLineHyphen(a, rows[i + 1].text), LineText.wordCount(rows[i + 1].text) == 1,
                      !continues(a, rows[i + 1].text) else { continue }
                for j in i + 2...min(i + 3, rows.count - 1) where LineText.wordCount(rows[j].text) == 1 {
                    guard Self.endsWithLineHyphen(a, rows[j].text), continues(a, rows[j].text) else { continue }
                    let moved = rows.remove(at: j)
                    gaps.remove(at: j)
                    rows.insert(moved, at: i + 1)
                    gaps.insert(.none, at: i + 1)
                    edits.append(Edit(rule: "reflow.fragment.reorder", location: SourceLocation(line: moved.line),
                                      before: "\(LineText.lastWord(a))⏎…⏎\(moved.text)", after: "\(LineText.lastWord(a))⏎\(moved.text)",
                                      note: "the rest of the hyphenated word, \(j - i - 1) fragment(s) later in pdfminer's order"))
                    break
                }
            }
        }

        /// Does `b` go on the word broken at the end of `a`: the lexicon knows the joined or hyphenated
        /// word, or a short lowercase suffix follows a number or an abbreviation (`1000-ға`, `КСРО-ның`).
        func continues(_ a: Substring, _ b: Substring) -> Bool {
            let (left, right) = LineEndHyphen.parts(before: a, after: b)
            guard let last = left.unicodeScalars.last, let first = right.unicodeScalars.first else { return false }
            if LineText.isDigit(last) || LineText.isAllCaps(left, minimum: 2) {
                return LineText.isLower(first) && right.unicodeScalars.count <= 5
            }
            let la = left.lowercased(), lb = right.lowercased()
            return (hyphen.lexicon.words[la + lb] ?? 0) > 0 || (hyphen.lexicon.hyphenated[la + "-" + lb] ?? 0) > 0
        }

        /// The printed width of a full line. Most lines of a column are full, so their widths crowd
        /// around one value: the width with the most lines within ±8 % of it (a relative window, so the
        /// many short fragments of a scrambled pdfminer page do not win), then the 95th percentile of the
        /// lines up to 1.2 times that, which leaves out lines the extractor merged (pdftotext puts two or
        /// three lines of a column on one, 2–3 times as long).
        static func columnWidth(_ widths: [Int]) -> Int? {
            guard !widths.isEmpty else { return nil }
            let sorted = widths.sorted()
            func firstIndex(atLeast x: Int) -> Int {
                var lo = 0, hi = sorted.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
            var mode = sorted[0], best = -1
            var previous = Int.min
            for v in sorted where v != previous {
                previous = v
                let n = firstIndex(atLeast: v * 108 / 100 + 1) - firstIndex(atLeast: v * 92 / 100)
                if n >= best { best = n; mode = v }
            }
            let upTo = firstIndex(atLeast: mode * 12 / 10 + 1)
            return sorted[min(upTo - 1, upTo * 95 / 100)]
        }

        static func endsWithLineHyphen(_ a: Substring, _ b: Substring) -> Bool {
            let u = a.unicodeScalars
            guard let last = u.last, LineText.isHyphen(last) else { return false }
            let end = u.index(before: u.endIndex)
            guard end > u.startIndex else { return false }
            let before = u[u.index(before: end)]
            guard LineText.isLetter(before) || LineText.isDigit(before) else { return false }
            guard let f = b.unicodeScalars.first else { return false }
            return LineText.isLetter(f) || LineText.isDigit(f)
        }

        /// `isCaps` and `isTitle` of every row, computed once when `run` starts (rows no longer change then).
        var caps: [Bool] = []
        var titles: [Bool] = []

        func isCaps(_ i: Int) -> Bool { caps.count == rows.count ? caps[i] : LineText.isAllCaps(rows[i].text) }

        func isTitle(_ i: Int) -> Bool { titles.count == rows.count ? titles[i] : computeIsTitle(i) }

        /// A short line standing alone: no closing punctuation, few words, capitalised, after the end of a
        /// sentence (or a gap) and before a line that starts like a paragraph: `Кіріспе`, `Л.Т. Исова`.
        /// Short means under 60 % of the column, or (five words at most) short enough that
        /// the next line's first word would have fit after it with room to spare (6 % of the column, more
        /// than the error of the width estimate): in a narrow column a title fills most of the line, but
        /// the line was not broken for want of room, while the first line of a justified paragraph was
        /// (`Катрина (1967) Аризона шекарасынан` / `40 миля …`).
        func computeIsTitle(_ i: Int) -> Bool {
            let t = rows[i].text
            if Self.isSectionHeading(t) {
                return i + 1 == rows.count || LineText.startsLikeParagraph(rows[i + 1].text) || isCaps(i + 1)
            }
            guard !LineText.endsWithPunctuation(t), LineText.startsLikeParagraph(t), LineText.wordCount(t) <= 8 else { return false }
            // In fragmented text a one-word line is a piece of a stretched line (`Болашақта` / `Ұлттық`).
            if fragmented, LineText.wordCount(t) == 1 { return false }
            if let last = t.unicodeScalars.last, LineText.isHyphen(last) { return false }
            let w = LineText.visualWidth(t)
            let roomLeft = i + 1 < rows.count && LineText.wordCount(t) <= 5
                && w + 5 + LineText.visualWidth(LineText.firstWord(rows[i + 1].text)) + width * 6 / 100 < width
            guard w * 5 < width * 3 || roomLeft else { return false }
            if i > 0, !brokenBefore(i) { return false }
            guard i + 1 < rows.count else { return true }
            return LineText.startsLikeParagraph(rows[i + 1].text) || isCaps(i + 1)
        }

        /// The standard section headings of Kazakh and Russian (and English) academic articles, a line of
        /// their own (`Аннотация`, `Кіріспе`, `2. Методы исследования`, `Қорытынды:`): a heading wherever
        /// the extractor put it, also where nothing else marks it (no blank line, a full line before it).
        static func isSectionHeading(_ t: Substring) -> Bool {
            guard LineText.scalarCount(t) <= 40 else { return false }
            var s = t
            while let f = s.unicodeScalars.first, LineText.isDigit(f) || f == "." || f == " " { s = Substring(s.unicodeScalars.dropFirst()) }
            while let l = s.unicodeScalars.last, l == ":" || l == "." { s = Substring(s.unicodeScalars.dropLast()) }
            // Simple text (no combining marks, all below U+0500) is equal to a heading exactly when its
            // bytes are: a String compare would normalise both sides first.
            if let bytes = LineText.simpleUTF8(s, { Array($0) }) { return sectionHeadingBytes.contains(bytes) }
            return sectionHeadings.contains(String(s))
        }

        static let sectionHeadingBytes: Set<[UInt8]> = Set(sectionHeadings.map { Array($0.utf8) })

        static let sectionHeadings: Set<String> = [
            "Аннотация", "Аңдатпа", "Түйін", "Түйіндеме", "Резюме", "Abstract",
            "Кіріспе", "Введение", "Introduction",
            "Негізгі бөлім", "Основная часть",
            "Зерттеу әдістері", "Әдістер", "Материалдар мен әдістер", "Методы исследования", "Методы", "Материалы и методы", "Methods",
            "Нәтижелер", "Зерттеу нәтижелері", "Результаты", "Результаты исследования", "Results",
            "Талқылау", "Обсуждение", "Discussion",
            "Қорытынды", "Заключение", "Выводы", "Conclusion", "Conclusions",
            "Әдебиеттер", "Әдебиеттер тізімі", "Пайдаланылған әдебиеттер", "Литература", "Список литературы", "References",
        ]

        /// Does the text before row i end where a new block may start (a sentence end, a colon, a
        /// heading, a gap)?
        func brokenBefore(_ i: Int) -> Bool {
            let prev = rows[i - 1].text
            if LineText.endsSentence(prev) || prev.hasSuffix(":") || isCaps(i - 1) { return true }
            switch gaps[i] {
            case .blank(let n): return !blankMode || n >= 2
            case .page, .none: return false
            }
        }

        func startsNewBlock(_ i: Int) -> Bool {
            let a = rows[i - 1].text, b = rows[i].text
            if Self.endsWithLineHyphen(a, b) { return false }
            let capsA = isCaps(i - 1), capsB = isCaps(i)
            if capsA, capsB {
                switch gaps[i] {
                case .none: return false
                case .blank(let n): return n > (blankMode ? 1 : 0)
                case .page: return true
                }
            }
            if capsA != capsB {
                // Capitals that run on or into a sentence are not a heading: a heading in capitals
                // is not continued by a lowercase word (`ҚАЗАҚ РЕВОЛЮЦИЯЛЫҚ ОДАҒЫ` / `ұйымының`) nor by a
                // short word in capitals (`КЕСЕНЕНІҢ ДӘЛ ІРГЕСІНДЕ` / `СОЛ`), and capitals after a line
                // that ends no sentence go on with it (`АКВА - РИУ` / `- МИСТИКА.`).
                if case .none = gaps[i] {
                    if capsA, LineText.startsLowercase(b) || LineText.isAllCaps(b, minimum: 1) { return false }
                    if capsB, !LineText.endsSentence(a), !a.hasSuffix(":"), !isTitle(i - 1) { return false }
                }
                return true
            }
            if isTitle(i) || isTitle(i - 1) { return true }
            if case .blank(let n) = gaps[i], !blankMode || n >= 2 {
                if !blankMode { return !( !LineText.endsSentence(a) && LineText.startsLowercase(b)) }
            }
            guard LineText.endsSentence(a) || a.hasSuffix(":"), LineText.startsLikeParagraph(b) else { return false }
            if fragmented, LineText.wordCount(a) == 1 { return false }
            if indentMode, rows[i].indent > margin + 1 { return true }
            if rows[i - 1].trailingSpaces >= 2, LineText.endsSentence(a) { return true }
            if languageChanges(at: i) { return true }
            let fits = LineText.visualWidth(a) + 5 + LineText.visualWidth(LineText.firstWord(b))
            return fits < width
        }

        /// Kazakh text on one side of row i and Russian on the other (two lines each way): in a mixed
        /// document a sentence end where the language changes ends the paragraph.
        func languageChanges(at i: Int) -> Bool {
            func script(_ range: Range<Int>) -> Script {
                let r = range.clamped(to: rows.indices)
                return Script(cyrillic: rows[r].reduce(0) { $0 + $1.cyrillic }, kazakh: rows[r].reduce(0) { $0 + $1.kazakh })
            }
            let before = script(i - 2..<i), after = script(i..<i + 2)
            return before != .unknown && after != .unknown && before != after
        }

        mutating func run() {
            caps = rows.map { LineText.isAllCaps($0.text) }
            titles = rows.indices.map { computeIsTitle($0) }
            var start = 0
            for i in rows.indices.dropFirst() where startsNewBlock(i) {
                emit(start..<i)
                start = i
            }
            if !rows.isEmpty { emit(start..<rows.count) }
        }

        mutating func emit(_ range: Range<Int>) {
            var text = String(rows[range.lowerBound].text)
            for i in range.dropFirst() {
                let a = rows[i - 1].text, b = rows[i].text
                if Self.endsWithLineHyphen(a, b) {
                    let softHyphen = a.unicodeScalars.last == "\u{AD}"
                    let (decision, note) = softHyphen ? (.join, "soft hyphen") : hyphen.decide(before: a, after: b)
                    text.unicodeScalars.removeLast()
                    let (left, right) = LineEndHyphen.parts(before: a, after: b)
                    let col = a.unicodeScalars.count
                    if decision == .join {
                        edits.append(Edit(rule: "reflow.dehyphenate.join", location: SourceLocation(line: rows[i - 1].line, column: col),
                                          before: "\(left)-⏎\(right)", after: "\(left)\(right)", note: note))
                    } else {
                        text.unicodeScalars.append("-")
                        edits.append(Edit(rule: "reflow.dehyphenate.keep", location: SourceLocation(line: rows[i - 1].line, column: col),
                                          before: "\(left)-⏎\(right)", after: "\(left)-\(right)", note: note))
                    }
                    text += b
                } else {
                    text += " "
                    text += b
                }
            }
            let first = rows[range.lowerBound]
            let heading = range.allSatisfy { isCaps($0) } || (range.count == 1 && isTitle(range.lowerBound))
            if heading {
                edits.append(Edit(rule: "reflow.heading", location: SourceLocation(line: first.line),
                                  before: "", after: "", note: range.count > 1 ? "heading of \(range.count) lines joined" : "heading kept as its own line"))
            } else if range.count > 1 {
                edits.append(Edit(rule: "reflow.unwrap", location: SourceLocation(line: first.line), before: "⏎", after: " ",
                                  note: "\(range.count) lines joined into one paragraph (lines \(first.line)–\(rows[range.upperBound - 1].line))"))
            }
            output.append(Block(kind: heading ? .heading : .paragraph, text: text, line: first.line))
            outputIndex.append(first.block)
        }
    }
}
