/// A synthetic but realistic PDF text dump built from real paragraphs (one paragraph per input line),
/// with the artifacts `normtool clean` repairs: hard-broken lines at 60–95 characters, typesetting
/// hyphens at line ends, runs of spaces from justified lines, a blank line after every line in some
/// documents (as in the bundled sample), page breaks (form feed) with a running header and a page
/// number in several forms, short heading lines, and footnote bodies with URLs at the foot of some pages.
///
/// Deterministic: the same paragraphs and seed give the same bytes.
public struct PDFDump {
    public private(set) var bytes: [UInt8] = []
    private var rng: UInt64
    private var page = 1
    private var linesOnPage = 0
    private var style = Style()

    private struct Style {
        var width = 80
        var blankAfterLine = false
        var linesPerPage = 42
        var header = "ҚазҰУ Хабаршысы. Халықаралық қатынастар сериясы. №2 (70). 2015"
        var pageNumberForm = 0
    }

    private static let headers = [
        "ҚазҰУ Хабаршысы. Халықаралық қатынастар сериясы. №2 (70). 2015",
        "Вестник КазНУ. Серия историческая. №3 (82). 2016",
        "ISSN 1563-0307                Хабаршы. Филология сериясы",
        "Известия НАН РК. Серия общественных наук",
    ]
    private static let headings = ["Кіріспе", "Введение", "ҚОРЫТЫНДЫ", "Заключение", "Әдебиеттер тізімі",
                                   "1. ЗЕРТТЕУ ӘДІСТЕРІ", "2. Результаты и обсуждение"]
    private static let footnotes = ["Қараңыз: http://www.mfa.gov.tr/turkiye-kazakistan.tr.mfa",
                                    "См.: https://www.inform.kz/ru/article/2914337",
                                    "Дереккөз: www.akorda.kz/kz/speeches/internal_political_affairs"]

    public init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) {
        rng = seed
    }

    private mutating func random(_ n: Int) -> Int {
        rng ^= rng << 13
        rng ^= rng >> 7
        rng ^= rng << 17
        return Int(rng % UInt64(n))
    }

    /// Appends a document made of `paragraphs` (each a line of real text) in a freshly drawn style.
    public mutating func appendDocument<S: Sequence>(_ paragraphs: S) where S.Element == Substring {
        style.width = 60 + random(36)
        style.blankAfterLine = random(4) == 0
        style.linesPerPage = 36 + random(14)
        style.header = Self.headers[random(Self.headers.count)]
        style.pageNumberForm = random(4)
        page = 1 + random(300)
        linesOnPage = 0
        var sinceHeading = 0
        for paragraph in paragraphs where !paragraph.isEmpty {
            sinceHeading += 1
            if sinceHeading > 12 && random(8) == 0 {
                sinceHeading = 0
                emitLine(Self.headings[random(Self.headings.count)])
            }
            appendParagraph(paragraph)
        }
        breakPage(footnote: false)
    }

    private mutating func appendParagraph(_ paragraph: Substring) {
        var line = ""
        var lineLength = 0
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
            let length = word.unicodeScalars.count
            if lineLength > 0 && lineLength + 1 + length > style.width {
                let room = style.width - lineLength - 2
                if length >= 7 && room >= 3 && random(3) == 0 {
                    // A typesetting hyphen: the head of the word ends this line, the rest starts the next.
                    let scalars = Array(word.unicodeScalars)
                    let cut = min(room, length - 3)
                    if cut >= 3 && scalars[0..<cut].allSatisfy(\.properties.isAlphabetic) {
                        line += " " + String(String.UnicodeScalarView(scalars[0..<cut])) + "-"
                        emitLine(line)
                        line = String(String.UnicodeScalarView(scalars[cut...]))
                        lineLength = length - cut
                        continue
                    }
                }
                emitLine(line)
                line = ""
                lineLength = 0
            }
            if lineLength > 0 {
                line += random(12) == 0 ? "  " : " "
                lineLength += 1
            }
            line += word
            lineLength += length
        }
        if lineLength > 0 { emitLine(line) }
    }

    private mutating func emitLine(_ line: String) {
        if linesOnPage == 0 && page > 1 {
            bytes.append(contentsOf: style.header.utf8)
            bytes.append(0x0A)
            if style.blankAfterLine { bytes.append(0x0A) }
        }
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
        if style.blankAfterLine { bytes.append(0x0A) }
        linesOnPage += 1
        if linesOnPage >= style.linesPerPage { breakPage(footnote: random(5) == 0) }
    }

    private mutating func breakPage(footnote: Bool) {
        if footnote {
            bytes.append(0x0A)
            bytes.append(contentsOf: "1 \(Self.footnotes[random(Self.footnotes.count)])".utf8)
            bytes.append(0x0A)
        }
        bytes.append(0x0A)
        let number: String
        switch style.pageNumberForm {
        case 0: number = "\(page)"
        case 1: number = "– \(page) –"
        case 2: number = "\(page) бет"
        default: number = "Стр. \(page)"
        }
        bytes.append(contentsOf: number.utf8)
        bytes.append(0x0A)
        bytes.append(0x0C)
        page += 1
        linesOnPage = 0
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension PDFDump {
    /// About `megabytes` MB of dump from the paragraphs of `corpus`/kk.txt, kk-extra.txt and ru.txt:
    /// documents of 24 Kazakh paragraphs then 24 Russian ones, cycling through the corpus.
    public static func make(megabytes: Int, corpus: String) -> [UInt8] {
        func paragraphs(_ files: [String]) -> [Substring] {
            var all: [Substring] = []
            for f in files {
                guard let text = readFile(corpus + "/" + f) else {
                    fatalError("corpus file \(f) not found under \(corpus) (set NORMALIZE_SHARED)")
                }
                all += text.split(separator: "\n", omittingEmptySubsequences: true)
            }
            return all
        }
        let kazakh = paragraphs(["kk.txt", "kk-extra.txt"])
        let russian = paragraphs(["ru.txt"])
        var dump = PDFDump()
        var k = 0, r = 0
        while dump.bytes.count < megabytes << 20 {
            var doc: [Substring] = []
            for _ in 0..<24 { doc.append(kazakh[k % kazakh.count]); k += 1 }
            for _ in 0..<24 { doc.append(russian[r % russian.count]); r += 1 }
            dump.appendDocument(doc)
        }
        return dump.bytes
    }

    private static func readFile(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n == 0 { break }
            out += buf[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
