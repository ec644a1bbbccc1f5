/// spacing: repairs the spaces of PDF text in paragraphs and headings.
///
/// It changes: runs of spaces and tabs (double spaces, the wide gaps of justified lines) become one
/// space (`spacing.collapse`); spaces at the start and end of a block go (`spacing.trim`); a missing
/// space after a sentence end is put back when a capitalised word or a number follows
/// (`болды.1998` → `болды. 1998`, `spacing.after-sentence`).
///
/// It never touches initials and abbreviations (`Н.Ә.`, `т.б.`, `ж.`), numbers (`3.14`, `1.5`), URLs
/// (`www.mfa.gov.tr`, `https://…`), e-mail addresses, or any other character than those spaces.
public struct SpacingPass: Pass {
    public var name: String { "spacing" }

    public init() {}

    public func apply(to document: inout Document, context: PassContext) throws {
        for i in document.blocks.indices {
            switch document.blocks[i].kind {
            case .paragraph, .heading, .listItem, .footnote: break
            default: continue
            }
            let block = document.blocks[i]
            if let fixed = Self.repair(block.text, line: block.line, edits: &document.edits) {
                document.blocks[i].text = fixed
            }
        }
    }

    static func isBlank(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\t" || u == "\u{0C}" || u == "\r" }

    /// Whether `repair` could change anything, read over the bytes: a blank at either end, a blank
    /// other than a single space, or `.` `!` `?` followed by anything but a space. Most paragraphs have
    /// none of these and skip the scalar-level repair.
    static func mayNeedRepair(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { p in
            guard let first = p.first, let last = p.last else { return false }
            if first == 0x20 || first == 0x09 || first == 0x0C || first == 0x0D { return true }
            if last == 0x20 || last == 0x09 || last == 0x0C || last == 0x0D { return true }
            var previous: UInt8 = 0
            for b in p {
                switch b {
                case 0x09, 0x0C, 0x0D: return true
                case 0x20 where previous == 0x20: return true
                default:
                    if (previous == 0x2E || previous == 0x21 || previous == 0x3F) && b != 0x20 { return true }
                }
                previous = b
            }
            return false
        }
    }

    /// The repaired text, or nil when nothing changed.
    static func repair(_ text: String, line: Int, edits: inout [Edit]) -> String? {
        guard mayNeedRepair(text) else { return nil }
        let s = LineText.scalars(text)
        var lo = 0, hi = s.count
        while lo < hi, isBlank(s[lo]) { lo += 1 }
        while hi > lo, isBlank(s[hi - 1]) { hi -= 1 }
        var changed = lo > 0 || hi < s.count
        if lo > 0 {
            edits.append(Edit(rule: "spacing.trim", location: SourceLocation(line: line),
                              before: LineText.string(s[0..<min(lo + 12, s.count)]),
                              after: LineText.string(s[lo..<min(lo + 12, s.count)]),
                              note: "spaces removed at the start of the block"))
        }
        if hi < s.count {
            let from = max(hi - 12, lo)
            edits.append(Edit(rule: "spacing.trim", location: SourceLocation(line: line, column: hi + 1),
                              before: LineText.string(s[from..<s.count]),
                              after: LineText.string(s[from..<hi]),
                              note: "spaces removed at the end of the block"))
        }
        var out: [UInt8] = []  // UTF-8: appending scalars to a String one by one is far slower
        out.reserveCapacity(text.utf8.count + 8)
        var k = lo
        while k < hi {
            let u = s[k]
            if isBlank(u) {
                var j = k
                while j < hi, isBlank(s[j]) { j += 1 }
                if j - k > 1 || u != " " {
                    changed = true
                    edits.append(Edit(rule: "spacing.collapse", location: SourceLocation(line: line, column: k + 1),
                                      before: window(s, k - 8, j + 8), after: window(s, k - 8, k, " ", j, j + 8)))
                }
                out.append(0x20)
                k = j
                continue
            }
            UTF8.encode(u) { out.append($0) }
            if (u == "." || u == "!" || u == "?"), needsSpaceAfter(s, k, hi) {
                out.append(0x20)
                changed = true
                edits.append(Edit(rule: "spacing.after-sentence", location: SourceLocation(line: line, column: k + 1),
                                  before: context(s, k + 1, k + 1) + context(s, k + 1, k + 1, left: false),
                                  after: context(s, k + 1, k + 1) + " " + context(s, k + 1, k + 1, left: false)))
            }
            k += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

    /// `болды.1998`, `етті.Бұл`: two letters, the sentence end, then a capitalised word or a number,
    /// outside URLs and e-mail addresses.
    static func needsSpaceAfter(_ s: [Unicode.Scalar], _ k: Int, _ end: Int) -> Bool {
        guard k >= 2, k + 2 < end else { return false }
        guard LineText.isLetter(s[k - 1]), LineText.isLetter(s[k - 2]) else { return false }
        let n = s[k + 1], n2 = s[k + 2]
        let word = LineText.isUpper(n) && LineText.isLower(n2)
        let number = LineText.isDigit(n) && LineText.isDigit(n2)
        guard word || number else { return false }
        // A token longer than 256 characters is looked at near the point only: no quadratic scans.
        var a = k
        while a > 0, k - a < 256, !isBlank(s[a - 1]) { a -= 1 }
        var b = k
        while b < end, b - k < 256, !isBlank(s[b]) { b += 1 }
        let token = LineText.string(s[a..<b]).lowercased()
        if token.contains("@") || token.contains("://") || token.hasPrefix("www.") { return false }
        // An abbreviation of initials before the point (`А.Б.Сидоров`) is not a sentence end.
        var dots = 0
        for u in s[a..<k] where u == "." { dots += 1 }
        return dots == 0 || number
    }

    /// `s[from..<to]`, then `middle`, then `s[from2..<to2]` (bounds clamped), built as one string.
    static func window(_ s: [Unicode.Scalar], _ from: Int, _ to: Int, _ middle: Unicode.Scalar? = nil,
                       _ from2: Int = 0, _ to2: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, 2 * (to - from + 1) + 2 * (to2 - from2)))
        for u in s[max(0, from)..<max(max(0, from), min(s.count, to))] { UTF8.encode(u) { out.append($0) } }
        if let middle {
            UTF8.encode(middle) { out.append($0) }
            for u in s[max(0, from2)..<max(max(0, from2), min(s.count, to2))] { UTF8.encode(u) { out.append($0) } }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A few characters around a position, for an edit's before/after.
    static func context(_ s: [Unicode.Scalar], _ from: Int, _ to: Int, left: Bool = true) -> String {
        if left {
            let a = max(0, from - 8)
            return LineText.string(s[a..<to])
        }
        let b = min(s.count, from + 8)
        return LineText.string(s[from..<b])
    }
}
