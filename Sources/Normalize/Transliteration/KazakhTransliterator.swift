/// Which of the sanctioned spellings to use where a standard allows two.
public enum TransliterationVariant: String, Sendable, Hashable, CaseIterable, Codable {
    /// The default: the spelling of the reference vectors (kk-2021: Ц → ts, Ч → tş).
    case standard
    /// kk-2021 only: the one-letter spellings the 2021 commission also allows (Ц → s, Ч → ş).
    case short
}

extension TransliterationScheme {
    /// The rule file (relative to `Rules/`) for this scheme and direction, nil if there is none.
    public func ruleFile(reverse: Bool) -> String? {
        switch (self, reverse) {
        case (.kk2021, false): return "translit/kk-2021-to-latin.txt"
        case (.kk2021, true): return "translit/kk-2021-from-latin.txt"
        case (.kk2018, false): return "translit/kk-2018-to-latin.txt"
        case (.kk2018, true): return "translit/kk-2018-from-latin.txt"
        case (.kk2017, false): return "translit/kk-2017-to-latin.txt"
        case (.bgn, false): return "translit/bgn-to-latin.txt"
        case (.kk2017, true), (.bgn, true): return nil
        }
    }

    /// The file whose variable definitions replace the main file's for `variant`, nil for the standard.
    func variantFile(_ variant: TransliterationVariant) -> String? {
        switch (self, variant) {
        case (_, .standard): return nil
        case (.kk2021, .short): return "translit/kk-2021-short.txt"
        case (_, .short): return nil
        }
    }
}

/// Kazakh Cyrillic ↔ Latin in one scheme and direction: the rule file of `Rules/translit/` compiled into
/// the byte engine, plus (Latin → Cyrillic) the word list that resolves what the letters alone cannot.
public struct KazakhTransliterator: BufferTransliterating {
    public let scheme: TransliterationScheme
    public let reverse: Bool
    public let variant: TransliterationVariant
    /// The effective rule text (variant applied) and where it came from, for ICU and for messages.
    public let ruleText: String
    public let rulePath: String
    let engine: ByteTransliterator
    let lexicon: ReverseLexicon?

    /// Loads and compiles the rules. `useLexicon: false` gives the rules alone (Latin → Cyrillic only;
    /// used to build and measure the word list).
    public init(scheme: TransliterationScheme, reverse: Bool = false, variant: TransliterationVariant = .standard,
                rules: RuleStore = .embedded, useLexicon: Bool = true) throws {
        guard let file = scheme.ruleFile(reverse: reverse) else {
            throw NormalizeError.badInput(place: "--scheme \(scheme.rawValue)",
                                          message: "Latin → Cyrillic is available for kk-2021 and kk-2018 only")
        }
        if variant != .standard && scheme.variantFile(variant) == nil {
            throw NormalizeError.badInput(place: "--variant \(variant.rawValue)",
                                          message: "only kk-2021 has a \(variant.rawValue) variant")
        }
        self.scheme = scheme
        self.reverse = reverse
        self.variant = variant
        rulePath = rules.displayPath(file)
        var text = try rules.text(file)
        if let v = scheme.variantFile(variant) {
            text = try TransformRules.applying(variant: rules.text(v), variantPath: rules.displayPath(v), to: text)
        }
        ruleText = text
        engine = ByteTransliterator(rules: try TransformRules(text: text, path: rulePath))
        if reverse && useLexicon {
            let forward = try KazakhTransliterator(scheme: scheme, reverse: false, rules: rules)
            let rulesOnly = try KazakhTransliterator(scheme: scheme, reverse: true, rules: rules, useLexicon: false)
            lexicon = try ReverseLexicon(words: rules, forward: forward.engine, rulesOnly: rulesOnly.engine, scheme: scheme)
        } else {
            lexicon = nil
        }
    }

    /// ICU compiled from the same rule text: the reference engine the byte engine is tested against.
    public func referenceICU() throws -> ICUTransliterator {
        try ICUTransliterator(rules: ruleText, id: "Normalize-\(scheme.rawValue)\(reverse ? "-reverse" : "")",
                              path: rulePath)
    }

    /// Output buffer size that `transliterate(_:into:)` needs for `count` input bytes.
    public func outputCapacity(forInputCount count: Int) -> Int {
        let base = engine.outputCapacity(forInputCount: count)
        return lexicon == nil ? base : base * 2
    }

    /// Transliterates `input` (any number of LF-separated lines) into `output`, which has room for
    /// `outputCapacity(forInputCount:)` bytes; returns the number of bytes written. A line that is not
    /// valid UTF-8 is copied unchanged and the offset of its first bad byte passed to `invalidByte`.
    public func transliterate(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                              invalidByte: (Int) -> Void = { _ in }) -> Int {
        guard let lexicon else { return engine.transliterate(input, into: output, invalidByte: invalidByte) }
        guard firstInvalidUTF8Offset(input) != nil, let base = input.baseAddress else {
            return lexicon.transliterate(input, into: output, engine: engine)
        }
        var written = 0
        var start = 0
        while start < input.count {
            var end = start
            while end < input.count && base[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(start: base + start, count: end - start)
            if let bad = firstInvalidUTF8Offset(line) {
                invalidByte(start + bad)
                (output + written).update(from: base + start, count: line.count)
                written += line.count
            } else {
                written += lexicon.transliterate(line, into: output + written, engine: engine)
            }
            if end < input.count {
                output[written] = 0x0A
                written += 1
            }
            start = end + 1
        }
        return written
    }
}
