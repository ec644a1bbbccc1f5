/// The rule data of the decode and unicode passes (code pages, look-alike letters, letter trigrams),
/// parsed once per rule store: the compiled-in store is parsed on first use and shared.
final class UnicodeRules: Sendable {
    let trigrams: LetterTrigramModel
    let homoglyphs: HomoglyphTable
    let pages: [String: CodePage]

    /// Code pages kept at hand: the detectable ones and windows-1252 (for mojibake).
    static let preloaded: [(name: String, source: CodePage.Source)] =
        CodePage.detectable + [("windows-1252", .icu("windows-1252"))]

    init(_ store: RuleStore) throws {
        trigrams = try LetterTrigramModel(ruleText: store.text("unicode/letter-trigrams.tsv"),
                                          path: store.displayPath("unicode/letter-trigrams.tsv"))
        homoglyphs = try HomoglyphTable(ruleText: store.text("unicode/homoglyphs.tsv"),
                                        path: store.displayPath("unicode/homoglyphs.tsv"))
        var p: [String: CodePage] = [:]
        for (name, source) in Self.preloaded {
            p[name] = try CodePage.load(name: name, source: source, rules: store)
        }
        pages = p
    }

    func codePage(_ name: String, source: CodePage.Source, rules: RuleStore) throws -> CodePage {
        if let p = pages[name] { return p }
        return try CodePage.load(name: name, source: source, rules: rules)
    }

    private static let embedded: Result<UnicodeRules, NormalizeError> = {
        do {
            return .success(try UnicodeRules(.embedded))
        } catch let e as NormalizeError {
            return .failure(e)
        } catch {
            return .failure(.badInput(place: "Rules/", message: "\(error)"))
        }
    }()

    static func load(_ store: RuleStore) throws -> UnicodeRules {
        switch store.source {
        case .embedded: return try embedded.get()
        case .directory: return try UnicodeRules(store)
        }
    }
}

/// Latin/Cyrillic look-alike letters (`Rules/unicode/homoglyphs.tsv`).
struct HomoglyphTable: Sendable {
    enum Use: String, Sendable { case both, evidence, toLatin = "to-latin" }

    /// Latin letter → Cyrillic candidates (first = default) and when the swap is allowed.
    let toCyrillic: [UInt32: (candidates: [UInt32], use: Use)]
    /// Cyrillic letter → Latin letter.
    let toLatin: [UInt32: UInt32]

    init(ruleText: String, path: String) throws {
        var toC: [UInt32: (candidates: [UInt32], use: Use)] = [:]
        var toL: [UInt32: UInt32] = [:]
        for (n, line) in ruleText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3, f[0].unicodeScalars.count == 1, let use = Use(rawValue: String(f[2])) else {
                throw NormalizeError.ruleFile(path: path, line: n + 1, column: 1,
                                              message: "expected LATIN<TAB>CYRILLIC…<TAB>both|evidence|to-latin")
            }
            let latin = f[0].unicodeScalars.first!.value
            let cyr = f[1].split(separator: " ").map { Array($0.unicodeScalars) }
            guard !cyr.isEmpty, cyr.allSatisfy({ $0.count == 1 }) else {
                throw NormalizeError.ruleFile(path: path, line: n + 1, column: f[0].count + 2,
                                              message: "expected single Cyrillic letters separated by spaces")
            }
            let candidates = cyr.map { $0[0].value }
            toC[latin] = (candidates, use)
            for c in candidates where toL[c] == nil { toL[c] = latin }
        }
        toCyrillic = toC
        toLatin = toL
    }
}
