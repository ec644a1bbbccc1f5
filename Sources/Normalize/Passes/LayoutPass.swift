/// layout: turns the raw lines of a PDF/OCR text dump into body lines and page furniture.
///
/// It changes: page breaks (form feeds) become `.separator` blocks whose text is `"\u{0C}"`; page numbers
/// (`12`, `– 12 –`, `12 бет`, `Стр. 12`, `Page 12`) at the top or bottom of a page become `.pageNumber`;
/// lines repeated at the top or bottom of several pages become `.runningText`; footnote bodies at the
/// bottom of a page and lines that are only a URL become `.footnote` (one block per note), and the
/// markers they leave glued to words (`берді1 .` → `берді.`) are removed; rule lines (`_____`) become
/// `.separator`. Body lines stay `.line` blocks, blank lines stay as empty `.line` blocks (the reflow
/// pass reads them), in input order.
///
/// It never changes the words of a body line other than removing a footnote marker whose note it found,
/// and never drops text: furniture stays in the document as its own block (the text output leaves it
/// out; JSONL keeps it). With `--footnotes end` the notes are moved to the end of the document.
/// With `--input-layout lines` it does nothing.
public struct LayoutPass: Pass {
    public var name: String { "layout" }
    public var inputLayout: Configuration.InputLayout
    public var footnotes: Configuration.FootnotePlacement

    public init(inputLayout: Configuration.InputLayout = .pdf, footnotes: Configuration.FootnotePlacement = .drop) {
        self.inputLayout = inputLayout
        self.footnotes = footnotes
    }

    struct Row {
        var text: String
        var line: Int
        var page: Int
        var kind: BlockKind = .line
        var blank: Bool
        /// Index of the footnote this row belongs to (rows of one note share it).
        var note: Int = -1
    }

    public func apply(to document: inout Document, context: PassContext) throws {
        guard ReflowPass.rebuildsParagraphs(document.blocks, layout: inputLayout) else { return }
        var rows = Self.rows(of: document.blocks)
        var pageCount = (rows.last?.page ?? 0) + 1
        var edits: [Edit] = []
        markSeparators(&rows, edits: &edits)
        markURLLines(&rows, edits: &edits)
        let formFeeds = pageCount > 1
        if !formFeeds {
            markIsolatedPageNumbers(&rows, edits: &edits)
            pageCount = Self.splitPages(atPageNumbers: &rows)
        }
        markFurniture(&rows, pageCount: pageCount, formFeeds: formFeeds, edits: &edits)
        markFootnotes(&rows, pageCount: pageCount, edits: &edits)
        markLoneHeaders(&rows, pageCount: pageCount, edits: &edits)
        document.blocks = blocks(from: rows)
        document.edits += edits
    }

    // MARK: rows and pages

    static func rows(of blocks: [Block]) -> [Row] {
        var rows: [Row] = []
        var page = 0
        for block in blocks {
            guard block.kind == .line else { continue }
            if !LineText.hasFormFeed(block.text) {  // a form feed is always a Character of its own
                rows.append(Row(text: block.text, line: block.line, page: page,
                                blank: LineText.trimmed(Substring(block.text)).isEmpty))
                continue
            }
            let parts = block.text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 { page += 1 }
                if !LineText.trimmed(part).isEmpty {
                    rows.append(Row(text: String(part), line: block.line, page: page, blank: false))
                }
            }
        }
        return rows
    }

    func blocks(from rows: [Row]) -> [Block] {
        var out: [Block] = []
        var notes: [Block] = []
        var page = 0
        var i = 0
        while i < rows.count {
            let row = rows[i]
            while page < row.page {
                out.append(Block(kind: .separator, text: "\u{0C}", line: row.line))
                page += 1
            }
            if row.kind == .footnote {
                var j = i + 1
                var text = LineText.trimmed(row.text)
                while j < rows.count, rows[j].kind == .footnote, rows[j].note == row.note {
                    text = ReflowPass.joinFootnoteLine(text, LineText.trimmed(rows[j].text))
                    j += 1
                }
                let block = Block(kind: .footnote, text: text, line: row.line)
                if footnotes == .end { notes.append(block) } else { out.append(block) }
                i = j
                continue
            }
            out.append(Block(kind: row.kind, text: row.text, line: row.line))
            i += 1
        }
        return out + notes
    }

    // MARK: furniture

    /// `12`, `– 12 –`, `- 12 -`, `12 бет`, `Бет 12`, `Стр. 12`, `стр 12`, `Page 12`, `[12]`.
    static func isPageNumber(_ s: Substring) -> Bool {
        let t = LineText.trimmed(s)
        // Every page number has an ASCII digit (`isNumber`): a line without one is read no further.
        guard !t.isEmpty, LineText.scalarCount(t) <= 24, t.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var words = t.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let dashes: Set<String> = ["-", "–", "—", "|"]
        while let f = words.first, dashes.contains(f) { words.removeFirst() }
        while let l = words.last, dashes.contains(l) { words.removeLast() }
        if words.count == 1 {
            var w = Substring(words[0])
            for d in ["-", "–", "—"] {
                if w.hasPrefix(d) { w = w.dropFirst() }
                if w.hasSuffix(d) { w = w.dropLast() }
            }
            if w.hasPrefix("["), w.hasSuffix("]") { w = w.dropFirst().dropLast() }
            return isNumber(w)
        }
        let labels: Set<String> = ["бет", "б.", "стр.", "стр", "страница", "page", "p.", "с."]
        if words.count == 2 {
            return (labels.contains(words[0]) && isNumber(Substring(words[1])))
                || (isNumber(Substring(words[0])) && labels.contains(words[1]))
        }
        return false
    }

    static func isNumber(_ w: Substring) -> Bool {
        !w.isEmpty && w.unicodeScalars.count <= 4 && w.unicodeScalars.allSatisfy(LineText.isDigit)
    }

    /// The text of a line with digits blanked out and spaces collapsed: the key under which a running
    /// header or footer repeats from page to page (`Ақиқат, 2019   3` and `Ақиқат, 2019   4` match).
    /// Returned as the UTF-8 of its NFC form, with the scalar count of the key itself: two keys are equal
    /// as bytes exactly when they are equal as Strings (canonical equivalence), and bytes hash far faster.
    static func furnitureKey(_ s: String) -> (utf8: KeyBytes, scalars: Int) {
        var s = s
        if let fast = s.withUTF8({ furnitureKey(utf8: $0) }) {
            // Simple text is in NFC already.
            return fast
        }
        let key = slowFurnitureKey(s)
        return (KeyBytes(bytes: Array(ICU.normalize(key, .nfc).utf8)), key.unicodeScalars.count)
    }

    /// UTF-8 bytes as a dictionary key, with a hash of them computed once (eight bytes a step): hashing
    /// the key is one word for `Hasher` instead of every byte (equality still compares the bytes).
    struct KeyBytes: Hashable {
        let bytes: [UInt8]
        let word: UInt64
        init(bytes: [UInt8]) {
            self.bytes = bytes
            word = bytes.withUnsafeBufferPointer { Self.mix($0) }
        }
        static func mix(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h = UInt64(truncatingIfNeeded: p.count) &* 0x9E37_79B9_7F4A_7C15
            var i = 0
            let raw = UnsafeRawBufferPointer(p)
            while i + 8 <= p.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01B3
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < p.count {
                tail |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x100_0000_01B3
            return h ^ (h >> 29)
        }
        static func == (a: KeyBytes, b: KeyBytes) -> Bool { a.word == b.word && a.bytes == b.bytes }
        func hash(into hasher: inout Hasher) { hasher.combine(word) }
    }

    /// `furnitureKey` over the bytes, for lines of ASCII and Cyrillic without combining marks (where
    /// every Character is one scalar, so the result is the same); nil for any other line. The key is
    /// written into a buffer of the line's length (it is never longer: a run of spaces becomes one), its
    /// scalar count taken on the way; leading and trailing `#`s and spaces are never kept.
    static func furnitureKey(utf8 p: UnsafeBufferPointer<UInt8>) -> (utf8: KeyBytes, scalars: Int)? {
        var ok = true
        var keyScalars = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: p.count) { out, written in
            var n = 0, scalars = 0
            // The key's end and scalar count at the last byte that is neither `#` nor a space.
            var end = 0, endScalars = 0
            var space = false
            var good = true
            var i = 0
            let count = p.count
            // Copies the `length`-byte scalar at `i` into the key (after the pending space) and moves on.
            func keep(_ length: Int) {
                if space && n > 0 { out[n] = 0x20; n += 1; scalars += 1 }
                space = false
                for k in 0..<length { out[n + k] = p[i + k] }
                n += length
                scalars += 1
                end = n
                endScalars = scalars
                i += length
            }
            while i < count {
                let b = p[i]
                if b < 0x80 {
                    i += 1
                    if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C { space = true; continue }
                    let digit = b >= 0x30 && b <= 0x39
                    let hashLike = digit || b == 0x23
                    // Leading `#`s (and the spaces between them) are left out.
                    if n == 0 && hashLike { space = false; continue }
                    if space && n > 0 { out[n] = 0x20; n += 1; scalars += 1 }
                    space = false
                    out[n] = digit ? 0x23 : b
                    n += 1
                    scalars += 1
                    if !hashLike { end = n; endScalars = scalars }
                    continue
                }
                // General punctuation U+2010–U+2027 and U+2030–U+205E (dashes, quotes, …, ‰) and №: no canonical
                // decomposition, never combining, never a space; NFC leaves them and their neighbours alone.
                if b == 0xE2 {
                    guard i + 2 < count else { good = false; break }
                    let v = (UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
                    guard (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E) || v == 0x2116 else { good = false; break }
                    keep(3)
                    continue
                }
                // U+0080–U+04FF only: U+00A0 is a space; U+0300–U+036F and U+0483–U+0489 are combining.
                guard b & 0xE0 == 0xC0, i + 1 < count else { good = false; break }
                let v = (UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F)
                if v == 0xA0 { space = true; i += 2; continue }
                if v >= 0x500 || (v >= 0x300 && v < 0x370) || (v >= 0x483 && v <= 0x489) { good = false; break }
                keep(2)
            }
            ok = good
            written = good ? end : 0
            keyScalars = endScalars
        }
        guard ok else { return nil }
        return (KeyBytes(bytes: bytes), keyScalars)
    }

    static func slowFurnitureKey(_ s: String) -> String {
        var out = ""
        var space = false
        for u in LineText.trimmed(Substring(s)).unicodeScalars {
            if LineText.isSpace(u) {
                space = true
                continue
            }
            if space { out.append(" ") }
            space = false
            if LineText.isDigit(u) { out.append("#") } else { out.unicodeScalars.append(u) }
        }
        while out.hasSuffix("#") || out.hasSuffix(" ") { out.removeLast() }
        while out.hasPrefix("#") || out.hasPrefix(" ") { out.removeFirst() }
        return out
    }

    /// The first and last few non-blank rows of every page: where headers, footers and page numbers live.
    static func edgeRows(_ rows: [Row], pageCount: Int, top: Int = 3, bottom: Int = 3) -> [Int: [Int]] {
        var byPage: [Int: [Int]] = [:]
        for (i, r) in rows.enumerated() where !r.blank { byPage[r.page, default: []].append(i) }
        var edges: [Int: [Int]] = [:]
        for (page, idx) in byPage {
            var e = Array(idx.prefix(top))
            for i in idx.suffix(bottom) where !e.contains(i) { e.append(i) }
            edges[page] = e
        }
        return edges
    }

    /// `formFeeds`: the pages come from form feeds, not from page numbers found in the text.
    func markFurniture(_ rows: inout [Row], pageCount: Int, formFeeds: Bool, edits: inout [Edit]) {
        let edges = Self.edgeRows(rows, pageCount: pageCount)
        // Each row's key, computed once (row texts do not change here).
        var keys = [(utf8: KeyBytes, scalars: Int)?](repeating: nil, count: rows.count)
        func key(_ i: Int) -> (utf8: KeyBytes, scalars: Int) {
            if let k = keys[i] { return k }
            let k = Self.furnitureKey(rows[i].text)
            keys[i] = k
            return k
        }
        var pagesWithKey: [KeyBytes: Set<Int>] = [:]
        for (page, idx) in edges {
            for i in idx where rows[i].kind == .line {
                let key = key(i)
                guard key.scalars >= 3 else { continue }
                pagesWithKey[key.utf8, default: []].insert(page)
            }
        }
        // Extractors that do not mark pages (pypdf, some OCR) still repeat the header: a short line that
        // occurs several times, word for word, is furniture wherever it stands. With form feeds it must
        // come at least three times (a heading such as `Методы исследования` may come twice); with pages
        // found from their numbers twice, once of them at a page edge (OCR may put the header mid-page).
        var occurrences: [KeyBytes: Int] = [:]
        for i in rows.indices where rows[i].kind == .line && !rows[i].blank {
            let t = LineText.trimmed(Substring(rows[i].text))
            let length = LineText.scalarCount(t)
            guard length >= 12, length <= 120, !LineText.endsSentence(t) else { continue }
            occurrences[key(i).utf8, default: 0] += 1
        }
        let minPages = max(2, (pageCount + 2) / 3)
        func mark(_ i: Int, _ kind: BlockKind, _ rule: String, _ note: String?) {
            rows[i].kind = kind
            edits.append(Edit(rule: rule, location: SourceLocation(line: rows[i].line),
                              before: LineText.trimmed(rows[i].text), after: "", note: note))
        }
        for (_, idx) in edges.sorted(by: { $0.key < $1.key }) {
            for i in idx where rows[i].kind == .line {
                let t = Substring(rows[i].text)
                if Self.isPageNumber(t) {
                    mark(i, .pageNumber, "layout.page-number", nil)
                } else if let pages = pagesWithKey[key(i).utf8], pages.count >= minPages {
                    mark(i, .runningText, "layout.running-text", "repeated on \(pages.count) of \(pageCount) pages")
                }
            }
        }
        for i in rows.indices where rows[i].kind == .line && !rows[i].blank {
            let key = key(i).utf8
            guard let n = occurrences[key] else { continue }
            if formFeeds ? n >= max(3, minPages) : n >= 2 && (pageCount == 1 || pagesWithKey[key] != nil) {
                mark(i, .runningText, "layout.running-text", "the same line \(n)× in the document")
            }
        }
        // OCR misreads a letter of a header now and then (`Әл-Фараби` / `Әл-Фарабй`): a line within two
        // letters of a running header found (both of 15 characters or more, the line not ending a
        // sentence) is that header, at any page edge, or anywhere in OCR output that marks no pages.
        // Compared over the keys' UTF-8 bytes (a Cyrillic letter misread is one or two byte edits); lines
        // at page edges only when the document has pages.
        var found = Set<KeyBytes>()
        for i in rows.indices where rows[i].kind == .runningText && key(i).scalars >= 15 { found.insert(key(i).utf8) }
        if !found.isEmpty {
            let headers = found.map { $0.bytes.map(UInt32.init) }
            var candidate: [UInt32] = []
            let places = formFeeds || pageCount > 1 ? edges.values.flatMap { $0 } : Array(rows.indices)
            for i in places.sorted() where rows[i].kind == .line && !rows[i].blank {
                let k = key(i)
                guard k.scalars >= 15, k.scalars <= 120, !found.contains(k.utf8),
                      headers.contains(where: { abs($0.count - k.utf8.bytes.count) <= 4 }),
                      !LineText.endsSentence(LineText.trimmed(Substring(rows[i].text))) else { continue }
                candidate.removeAll(keepingCapacity: true)
                candidate.append(contentsOf: k.utf8.bytes.lazy.map(UInt32.init))
                if headers.contains(where: { abs($0.count - candidate.count) <= 4 && editDistance($0, candidate, limit: 4) <= 4 }) {
                    mark(i, .runningText, "layout.running-text", "a running header with a letter or two misread")
                }
            }
        }
        // A footer or header that carries the page number: `–1–   Научный журнал «Вестник»`.
        for (_, idx) in edges.sorted(by: { $0.key < $1.key }) {
            for i in [idx.first, idx.last].compactMap({ $0 }) where rows[i].kind == .line {
                if Self.hasPageNumberAffix(Substring(rows[i].text)) {
                    mark(i, .runningText, "layout.running-text", "header or footer with a page number")
                }
            }
        }
        // Body text does not go past the page number: short lines below it at the foot of a page, none
        // ending a sentence or starting in lowercase, are a footer too (`–1–` / `Научный журнал «Вестник»`).
        // (The last three rows of a page are the last three of its edge rows.)
        for (_, idx) in edges.sorted(by: { $0.key < $1.key }) {
            let bottom = idx.suffix(3)
            guard let number = bottom.firstIndex(where: { rows[$0].kind == .pageNumber }) else { continue }
            let after = bottom[(number + 1)...]
            let footer = after.allSatisfy { i in
                guard rows[i].kind == .line else { return true }
                let t = LineText.trimmed(Substring(rows[i].text))
                return !LineText.endsSentence(t) && LineText.wordCount(t) <= 10 && LineText.startsLikeParagraph(t)
            }
            guard footer else { continue }
            for i in after where rows[i].kind == .line { mark(i, .runningText, "layout.running-text", "beyond the page number") }
        }
        // The journal line above the title on the first page: `Вестник КазНУ. Серия филологическая. №3 (171). 2018`.
        let body = rows.indices.filter { rows[$0].kind == .line && !rows[$0].blank }
        if pageCount > 1 || occurrences.isEmpty == false, body.count > 2 {
            let first = LineText.trimmed(Substring(rows[body[0]].text)), next = LineText.trimmed(Substring(rows[body[1]].text))
            let looksLikeHeader = !LineText.isAllCaps(first) && !LineText.endsSentence(first) && LineText.wordCount(first) <= 14
            let marked = first.unicodeScalars.contains(where: LineText.isDigit) || first.contains("№")
            // An issue number and a year (`№1 (85). 2019`, `2020, №4`) name the journal whatever follows.
            let issue = first.contains("№") && Self.hasYear(first)
            if looksLikeHeader, issue || LineText.isAllCaps(next) || (marked && !LineText.endsWithPunctuation(next) && LineText.wordCount(next) <= 10) {
                mark(body[0], .runningText, "layout.running-text", "journal line above the title")
            }
        }
    }

    /// Four digits 1900–2099 standing as a number of their own.
    static func hasYear(_ s: Substring) -> Bool {
        let u = Array(s.unicodeScalars)
        var i = 0
        while i < u.count {
            guard LineText.isDigit(u[i]) else { i += 1; continue }
            var j = i
            while j < u.count, LineText.isDigit(u[j]) { j += 1 }
            if j - i == 4, (u[i] == "1" && u[i + 1] == "9") || (u[i] == "2" && u[i + 1] == "0") { return true }
            i = j
        }
        return false
    }

    /// A header that one page has alone: two-sided documents alternate two headers, so in a short one
    /// the even pages' header (`Л.Н. Гумилев атындағы ЕҰУ` / `Хабаршысы. Тарих сериясы`) may come only
    /// once. In a document where other pages have a running header at the top, a page without one whose
    /// first one or two body lines are capitalised and stand between a line that does not end a
    /// sentence (the previous page's last) and one that goes on in lowercase (`во-первых (только`)
    /// has them as its header: they interrupt the sentence running over the page break.
    func markLoneHeaders(_ rows: inout [Row], pageCount: Int, edits: inout [Edit]) {
        guard pageCount > 1 else { return }
        // Rows are in page order: each page is one stretch of them (walked without per-page arrays).
        func pageEnd(_ lo: Int) -> Int {
            var hi = lo
            while hi < rows.count, rows[hi].page == rows[lo].page { hi += 1 }
            return hi
        }
        /// The last of the first three non-blank rows of the page, and whether one of them is a header.
        func top(_ lo: Int, _ hi: Int) -> (last: Int, header: Bool) {
            var seen = 0, last = lo, header = false
            var i = lo
            while i < hi, seen < 3 {
                if !rows[i].blank {
                    seen += 1
                    last = i
                    if rows[i].kind == .runningText { header = true }
                }
                i += 1
            }
            return (last, header)
        }
        var lo = 0, headed = false
        while lo < rows.count, !headed {
            let hi = pageEnd(lo)
            headed = top(lo, hi).header
            lo = hi
        }
        guard headed else { return }
        var lastBody: Int? = nil
        lo = 0
        while lo < rows.count {
            let hi = pageEnd(lo)
            let t = top(lo, hi)
            if lo > 0, !t.header, let prev = lastBody, !LineText.endsSentence(LineText.trimmed(Substring(rows[prev].text))) {
                // The page's first three body lines.
                var body = (-1, -1, -1)
                var n = 0
                for i in lo..<hi where n < 3 && rows[i].kind == .line && !rows[i].blank {
                    switch n {
                    case 0: body.0 = i
                    case 1: body.1 = i
                    default: body.2 = i
                    }
                    n += 1
                }
                func capitalised(_ i: Int) -> Bool {
                    let line = LineText.trimmed(Substring(rows[i].text))
                    return LineText.startsLikeParagraph(line) && !LineText.endsSentence(line)
                }
                func lowercase(_ i: Int) -> Bool { i >= 0 && LineText.startsLowercase(LineText.trimmed(Substring(rows[i].text))) }
                var header: [Int] = []
                if body.0 >= 0, body.0 <= t.last, capitalised(body.0) {
                    if lowercase(body.1) {
                        header = [body.0]
                    } else if body.1 >= 0, body.1 <= t.last, capitalised(body.1), lowercase(body.2) {
                        header = [body.0, body.1]
                    }
                }
                for i in header {
                    rows[i].kind = .runningText
                    edits.append(Edit(rule: "layout.running-text", location: SourceLocation(line: rows[i].line),
                                      before: LineText.trimmed(rows[i].text), after: "",
                                      note: "header of this page alone: it interrupts a sentence running over the page break"))
                }
            }
            var i = hi - 1
            while i >= lo {
                if rows[i].kind == .line && !rows[i].blank { lastBody = i; break }
                i -= 1
            }
            lo = hi
        }
    }

    /// `–1–   Научный журнал «Вестник»`, `Научный журнал «Вестник» – 1 –`, `Бет 3   Ақиқат`: a short line
    /// that starts or ends with a page number and does not end a sentence.
    static func hasPageNumberAffix(_ s: Substring) -> Bool {
        let t = LineText.trimmed(s)
        // The page number in it has an ASCII digit (`isPageNumber`).
        guard t.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        guard !LineText.endsSentence(t), LineText.scalarCount(t) <= 120 else { return false }
        let words = t.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 2 else { return false }
        func hasDigit(_ w: Substring) -> Bool { w.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
        for n in 1...min(3, words.count - 1) {
            // A page number has a digit (`isPageNumber`): parts without one are not built.
            let head = words.prefix(n).contains(where: hasDigit) ? words.prefix(n).joined(separator: " ") : "",
                tail = words.suffix(n).contains(where: hasDigit) ? words.suffix(n).joined(separator: " ") : ""
            for (part, rest) in [(head, words.dropFirst(n)), (tail, words.dropLast(n))] where isPageNumber(Substring(part)) {
                let digits = part.unicodeScalars.filter(LineText.isDigit).count
                guard digits <= 3, let f = rest.first?.unicodeScalars.first, LineText.isUpper(f) || f == "«" || f == "©" else { continue }
                if rest.count <= 10 { return true }
            }
        }
        return false
    }

    /// Without form feeds there are no pages to compare: a bare number is taken as a page number only
    /// when it stands alone between blank lines (or at the start or end of the text); a decorated one
    /// (`– 3 –`, `Стр. 3`, `Бет 3`) wherever it stands, as pypdf glues pages without a blank line.
    /// When a blank line follows every line (pdfminer with a small `line_margin`), a lone number between
    /// single blank lines is a word of the text (`7,` / `5` / `триллион`): it then needs two blank lines
    /// on each side.
    func markIsolatedPageNumbers(_ rows: inout [Row], edits: inout [Edit]) {
        var lines = 0, singleGaps = 0
        for i in rows.indices where !rows[i].blank {
            lines += 1
            if i + 2 < rows.count, rows[i + 1].blank, !rows[i + 2].blank { singleGaps += 1 }
        }
        let gap = singleGaps * 2 >= lines ? 2 : 1
        func isolated(_ range: Range<Int>) -> Bool { range.allSatisfy { !rows.indices.contains($0) || rows[$0].blank } }
        for i in rows.indices where rows[i].kind == .line && !rows[i].blank {
            let t = LineText.trimmed(Substring(rows[i].text))
            let before = isolated(i - gap..<i)
            let after = isolated(i + 1..<i + 1 + gap)
            let decorated = !t.unicodeScalars.allSatisfy(LineText.isDigit)
            guard before && after || decorated, Self.isPageNumber(t) else { continue }
            rows[i].kind = .pageNumber
            edits.append(Edit(rule: "layout.page-number", location: SourceLocation(line: rows[i].line),
                              before: LineText.trimmed(rows[i].text), after: ""))
        }
    }

    /// Without form feeds (pypdf glues pages together) the page numbers found are where pages end: two
    /// or more of them split the rows into pages, so that running headers are found at the page edges
    /// (also a header broken over two lines, `Ақиқат. Қоғамдық-саяси` / `журнал`). Returns the page count.
    /// Page numbers closer than 6 lines (footnote numbers on lines of their own) split nothing.
    static func splitPages(atPageNumbers rows: inout [Row]) -> Int {
        var numbers = 0, sinceLast = Int.max
        for r in rows where !r.blank {
            if r.kind == .pageNumber {
                guard sinceLast >= 6 else { return 1 }
                numbers += 1
                sinceLast = 0
            } else {
                sinceLast = sinceLast == Int.max ? Int.max : sinceLast + 1
            }
        }
        guard numbers >= 2 else { return 1 }
        var page = 0
        for i in rows.indices {
            rows[i].page = page
            if rows[i].kind == .pageNumber { page += 1 }
        }
        return (rows.last?.page ?? 0) + 1
    }

    /// Rule lines: only `_ - – — = * • · .` and spaces, at least three of them.
    func markSeparators(_ rows: inout [Row], edits: inout [Edit]) {
        for i in rows.indices where !rows[i].blank {
            var n = 0
            var other = false
            for u in rows[i].text.unicodeScalars {
                switch u {
                case "_", "-", "–", "—", "=", "*", "•", "·", ".", "…": n += 1
                case " ", "\t", "\u{A0}": continue
                default: other = true
                }
                if other { break }
            }
            if !other, n >= 3 {
                rows[i].kind = .separator
                edits.append(Edit(rule: "layout.separator", location: SourceLocation(line: rows[i].line),
                                  before: LineText.trimmed(rows[i].text), after: ""))
            }
        }
    }

    static func isURL(_ s: Substring) -> Bool {
        let t = LineText.trimmed(s)
        // Over the bytes when every scalar is a Character of its own (the same answer).
        if let url = LineText.simpleUTF8(t, { p -> Bool in
            guard !p.contains(0x20), !p.contains(0x09) else { return false }
            return startsWith(p, "http://") || startsWith(p, "https://") || startsWith(p, "www.")
        }) { return url }
        guard !t.contains(" "), !t.contains("\t") else { return false }
        return t.hasPrefix("http://") || t.hasPrefix("https://") || t.hasPrefix("www.")
    }

    /// A line that is nothing but a URL is a footnote that the extractor put in the middle of the text.
    func markURLLines(_ rows: inout [Row], edits: inout [Edit]) {
        var note = 100_000
        for i in rows.indices where rows[i].kind == .line && !rows[i].blank {
            guard Self.isURL(Substring(rows[i].text)) else { continue }
            rows[i].kind = .footnote
            rows[i].note = note
            note += 1
            edits.append(Edit(rule: "layout.footnote.url", location: SourceLocation(line: rows[i].line),
                              before: LineText.trimmed(rows[i].text), after: "",
                              note: footnotes == .end ? "moved to the end" : "footnote URL removed from the running text"))
        }
    }

    // MARK: footnotes

    /// The marker number a footnote line starts with: `1См.: …`, `2 Қараңыз: …`, `³ …`.
    static func footnoteNumber(_ s: Substring) -> (number: Int, glued: Bool)? {
        let t = LineText.trimmed(s)
        var digits = 0
        var value = 0
        var it = t.unicodeScalars.makeIterator()
        var next: Unicode.Scalar?
        while let u = it.next() {
            if LineText.isDigit(u), digits < 2 {
                value = value * 10 + Int(u.value - 48)
                digits += 1
            } else {
                next = u
                break
            }
        }
        guard digits > 0, value > 0, let n = next else { return nil }
        if LineText.isLetter(n) || n == "«" || n == "\"" { return (value, true) }
        if n == " " || n == "\t" {
            let rest = t.unicodeScalars.dropFirst(digits + 1)
            guard let f = rest.first(where: { !LineText.isSpace($0) }), LineText.isUpper(f) || f == "«" else { return nil }
            return (value, false)
        }
        return nil
    }

    /// Numbers glued to the end of a word in body text (`берді1`, `чемпион.1`, `тап.2`): candidate markers.
    static func gluedMarkers(in s: String) -> Set<Int> {
        var found: Set<Int> = []
        guard mayHaveGluedNumber(s) else { return found }
        let scalars = LineText.scalars(s)
        var i = 1
        while i < scalars.count {
            guard LineText.isDigit(scalars[i]) else { i += 1; continue }
            var j = i
            var value = 0
            while j < scalars.count, LineText.isDigit(scalars[j]) {
                value = value * 10 + Int(scalars[j].value - 48)
                j += 1
            }
            let end = j == scalars.count || LineText.isSpace(scalars[j]) || ",.;:".unicodeScalars.contains(scalars[j])
            var k = i - 1
            if k > 0, ".,;:!?»\")".unicodeScalars.contains(scalars[k]) { k -= 1 }
            if end, j - i <= 2, value > 0, LineText.isLetter(scalars[k]), LineText.isLower(scalars[k]) || k < i - 1 {
                found.insert(value)
            }
            i = j
        }
        return found
    }

    /// Whether some run of digits in `s` follows a letter or `.,;:!?»")` (read over the bytes: the byte
    /// before the digit is non-ASCII, an ASCII letter or that punctuation); a marker needs one.
    static func mayHaveGluedNumber(_ s: String) -> Bool {
        func scan(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 1
            while i < p.count {
                let b = p[i]
                if b >= 0x30 && b <= 0x39 {
                    let a = p[i - 1]
                    if a >= 0x80 || ((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) { return true }
                    switch a {
                    case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x22, 0x29: return true
                    default: break
                    }
                }
                i += 1
            }
            return false
        }
        var s = s
        return s.withUTF8(scan)
    }

    /// An ASCII digit anywhere in `s` (read over the bytes).
    static func hasDigit(_ s: String) -> Bool {
        s.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A footnote starts here: `1См.: …`, `2 Қараңыз: …`, or a line holding only the number, with the
    /// note on the next line (pdftotext). Returns the number and the row where the note's text starts.
    func footnoteStart(_ rows: [Row], _ idx: [Int], _ k: Int) -> (number: Int, glued: Bool, textRow: Int)? {
        let t = LineText.trimmed(Substring(rows[idx[k]].text))
        if t.utf8.count <= 8, t.unicodeScalars.count <= 2, t.unicodeScalars.allSatisfy(LineText.isDigit), let n = Int(t), n > 0, n <= 30,
           k + 1 < idx.count, LineText.startsLikeParagraph(LineText.trimmed(Substring(rows[idx[k + 1]].text))) {
            return (n, Self.opensReference(LineText.trimmed(Substring(rows[idx[k + 1]].text))), k + 1)
        }
        if let (n, glued) = Self.footnoteNumber(t), n <= 30 { return (n, glued, k) }
        // A note whose number stayed glued to the text (`манер.4` / `См.: … https://…`): it opens with a
        // reference word and carries a URL on this line or the next two.
        guard Self.opensReference(t), idx[k...].prefix(3).contains(where: { Self.hasURL(Substring(rows[$0].text)) }) else { return nil }
        let before = k > 0 ? Self.gluedMarkers(in: rows[idx[k - 1]].text) : []
        return (before.count == 1 ? before.first! : 0, true, k)
    }

    /// `См.:`, `Қараңыз:`, `Дереккөз:`, `Источник:`, `Source:`: the words a footnote's reference opens with.
    static func opensReference(_ t: Substring) -> Bool {
        let t = LineText.trimmed(t)
        // Every reference word starts with С с Қ қ Д д И и S s: other lines are not read further.
        var bytes = t.utf8.makeIterator()
        guard let b0 = bytes.next() else { return false }
        switch b0 {
        case 0x53, 0x73: break
        case 0xD0:
            guard let b1 = bytes.next(), b1 == 0xA1 || b1 == 0x94 || b1 == 0xB4 || b1 == 0x98 || b1 == 0xB8 else { return false }
        case 0xD1:
            guard let b1 = bytes.next(), b1 == 0x81 else { return false }
        case 0xD2:
            guard let b1 = bytes.next(), b1 == 0x9A || b1 == 0x9B else { return false }
        default:
            return false
        }
        let word = LineText.firstWord(t)
        // No reference word has a letter with a canonical decomposition or a combining mark, so a word is
        // canonically equal to one exactly when its bytes are.
        return referenceWords.contains { word.utf8.elementsEqual($0.utf8) }
    }

    static let referenceWords = ["См.:", "См.", "См:", "Қараңыз:", "Қараңыз", "Дереккөз:", "Источник:", "Source:", "See:",
                                 "см.:", "см.", "см:", "қараңыз:", "қараңыз", "дереккөз:", "источник:", "source:", "see:"]

    static func hasURL(_ s: Substring) -> Bool {
        // Over the bytes when every scalar is a Character of its own (the same answer); else as Characters.
        if let found = LineText.simpleUTF8(s, { p in
            contains(p, "http") || contains(p, "www.") || contains(p, "://") || contains(p, "h t t p")
        }) { return found }
        return s.contains("http") || s.contains("www.") || s.contains("://") || s.contains("h t t p")
    }

    /// Whether the bytes start with `prefix` (ASCII).
    static func startsWith(_ p: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let m = prefix.utf8CodeUnitCount
        guard p.count >= m else { return false }
        let q = prefix.utf8Start
        for k in 0..<m where p[k] != q[k] { return false }
        return true
    }

    /// Whether the bytes hold `needle` (ASCII).
    static func contains(_ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        guard m > 0, p.count >= m else { return false }
        let q = needle.utf8Start
        let first = q[0]
        var i = 0
        while i + m <= p.count {
            if p[i] == first {
                var k = 1
                while k < m, p[i + k] == q[k] { k += 1 }
                if k == m { return true }
            }
            i += 1
        }
        return false
    }

    /// The rest of a URL broken over lines: one token with `/`, `_`, digits or a leading `-`, not a word
    /// ending a sentence (`natohq/topics_24360000.htm`, `-орталығындағы`, `a27613620`).
    static func isURLContinuation(_ s: Substring) -> Bool {
        let t = LineText.trimmed(s)
        guard !t.isEmpty, !t.contains(" "), !LineText.endsSentence(t) || t.contains("/") else { return false }
        return t.hasPrefix("-") || t.hasPrefix("/") || t.contains("/") || t.contains("_")
            || t.unicodeScalars.contains(where: LineText.isDigit)
    }

    func markFootnotes(_ rows: inout [Row], pageCount: Int, edits: inout [Edit]) {
        var markers: Set<Int> = []
        for r in rows where r.kind == .line && !r.blank { markers.formUnion(Self.gluedMarkers(in: r.text)) }
        var found: Set<Int> = []
        var nextNote = 0
        var byPage = [[Int]](repeating: [], count: pageCount)
        // Lines that are only a URL were marked already; a note whose URL stands on its own line takes them.
        for i in rows.indices where (rows[i].kind == .line || rows[i].note >= 100_000) && !rows[i].blank { byPage[rows[i].page].append(i) }
        for page in 0..<pageCount {
            let idx = byPage[page]
            let bottom = max(0, idx.count - 10)
            var k = 0
            while k < idx.count {
                guard let start = footnoteStart(rows, idx, k) else { k += 1; continue }
                var end = start.textRow
                var url = Self.hasURL(Substring(rows[idx[end]].text))
                // A note of two or three lines whose URL comes on its last line.
                if !url {
                    var j = end + 1
                    while j < idx.count, j - end <= 3, footnoteStart(rows, idx, j) == nil {
                        if Self.hasURL(Substring(rows[idx[j]].text)) {
                            end = j
                            url = true
                            break
                        }
                        j += 1
                    }
                }
                while end + 1 < idx.count, end - start.textRow < 6, footnoteStart(rows, idx, end + 1) == nil {
                    let next = Substring(rows[idx[end + 1]].text)
                    if url {
                        let brokenAtHyphen = Self.hasURL(Substring(rows[idx[end]].text)) && LineText.trimmed(Substring(rows[idx[end]].text)).hasSuffix("-")
                            && !LineText.trimmed(next).contains(" ")
                        guard Self.isURLContinuation(next) || brokenAtHyphen else { break }
                    } else {
                        guard k >= bottom, !LineText.endsSentence(LineText.trimmed(Substring(rows[idx[end]].text))) else { break }
                        if Self.hasURL(next) { url = true }
                    }
                    end += 1
                }
                let evidence = markers.contains(start.number) || start.glued
                guard evidence, url || (k >= bottom && markers.contains(start.number)) else { k += 1; continue }
                nextNote += 1
                if start.number > 0 { found.insert(start.number) }
                for i in idx[k...end] {
                    let urlLine = rows[i].kind == .footnote
                    rows[i].kind = .footnote
                    rows[i].note = nextNote
                    if urlLine { continue }
                    edits.append(Edit(rule: "layout.footnote", location: SourceLocation(line: rows[i].line),
                                      before: LineText.trimmed(rows[i].text), after: "",
                                      note: footnotes == .end ? "moved to the end" : "footnote removed from the running text"))
                }
                k = end + 1
            }
        }
        if !found.isEmpty { removeMarkers(found, in: &rows, edits: &edits) }
    }

    /// Removes `n` glued after a word (`берді1 .` → `берді.`, `чемпион.1` → `чемпион.`) for the notes found.
    func removeMarkers(_ numbers: Set<Int>, in rows: inout [Row], edits: inout [Edit]) {
        for i in rows.indices where rows[i].kind == .line && !rows[i].blank {
            // Markers are digits glued to a word: a row without any is left as it is, unread.
            guard Self.mayHaveGluedNumber(rows[i].text) else { continue }
            let scalars = LineText.scalars(rows[i].text)
            // The text is rebuilt only when a marker goes: the scalars kept before it, then the rest.
            var out: [Unicode.Scalar] = []
            var kept = 0
            var k = 0
            var changed = false
            while k < scalars.count {
                let u = scalars[k]
                if LineText.isDigit(u), k > 0, !LineText.isDigit(scalars[k - 1]) {
                    var j = k
                    var value = 0
                    while j < scalars.count, LineText.isDigit(scalars[j]) {
                        value = value * 10 + Int(scalars[j].value - 48)
                        j += 1
                    }
                    let prev = scalars[k - 1]
                    let gluedToWord = LineText.isLetter(prev) || (".,;:!?»\")".unicodeScalars.contains(prev) && k > 1 && LineText.isLetter(scalars[k - 2]))
                    let endsWord = j == scalars.count || LineText.isSpace(scalars[j]) || ",.;:".unicodeScalars.contains(scalars[j])
                    if gluedToWord, endsWord, j - k <= 2, numbers.contains(value) {
                        // `берді1 .`: the extractor put a space between the marker and the full stop.
                        if j + 1 < scalars.count, scalars[j] == " ", ".,;:".unicodeScalars.contains(scalars[j + 1]) { j += 1 }
                        let from = max(0, k - 12), to = min(scalars.count, j + 1)
                        let before = (from > 0 ? "…" : "") + LineText.string(scalars[from..<to])
                        let after = LineText.string(scalars[from..<k] + scalars[j..<to])
                        edits.append(Edit(rule: "layout.footnote.marker", location: SourceLocation(line: rows[i].line, column: k + 1),
                                          before: before, after: (from > 0 ? "…" : "") + after,
                                          note: "marker of footnote \(value)"))
                        out += scalars[kept..<k]
                        k = j
                        kept = j
                        changed = true
                        continue
                    }
                }
                k += 1
            }
            if changed {
                out += scalars[kept...]
                rows[i].text = LineText.string(out)
            }
        }
    }
}
