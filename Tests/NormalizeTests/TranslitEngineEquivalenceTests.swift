import Foundation
import Testing
@testable import Normalize

/// The byte engine is generated from the same rule files ICU compiles; on the whole Kazakh corpus it
/// must give exactly ICU's bytes, ICU being run one line at a time.
@Suite struct TranslitEngineEquivalenceTests {
    struct Config: Sendable, CustomTestStringConvertible {
        var scheme: TransliterationScheme
        var variant: TransliterationVariant = .standard
        var reverse = false
        var testDescription: String { "\(scheme.rawValue) \(variant.rawValue)\(reverse ? " reverse" : "")" }
    }

    static let configs: [Config] = [
        Config(scheme: .kk2021), Config(scheme: .kk2021, variant: .short), Config(scheme: .kk2018),
        Config(scheme: .kk2017), Config(scheme: .bgn),
        Config(scheme: .kk2021, reverse: true), Config(scheme: .kk2018, reverse: true),
    ]

    static func corpus() throws -> [String] {
        try ["kk.txt", "kk-extra.txt"].map {
            try String(contentsOf: Paths.shared.appendingPathComponent("corpus").appendingPathComponent($0), encoding: .utf8)
        }
    }

    @Test(arguments: configs)
    func byteEngineEqualsICUOnTheWholeCorpus(config: Config) throws {
        guard Paths.sharedAvailable else { return }
        let engine = try KazakhTransliterator(scheme: config.scheme, reverse: config.reverse, variant: config.variant,
                                              useLexicon: false)
        let icu = try engine.referenceICU()
        for var text in try Self.corpus() {
            if config.reverse {
                // Latin input: the corpus in the scheme's Latin, as the forward rules write it.
                text = try KazakhTransliterator(scheme: config.scheme).transliterate(text)
            }
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { engine.transliterate($0) }
            let reference = try icu.transliterateLines(bytes)
            if fast != reference {
                let a = fast.split(separator: 0x0A, omittingEmptySubsequences: false)
                let b = reference.split(separator: 0x0A, omittingEmptySubsequences: false)
                let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                Issue.record("line \(k + 1): ICU «\(String(decoding: k < b.count ? Array(b[k]) : [], as: UTF8.self))» engine «\(String(decoding: k < a.count ? Array(a[k]) : [], as: UTF8.self))»")
            }
        }
    }

    @Test func bgnEqualsICUsBuiltInWhereItsDefectDoesNotApply() throws {
        guard Paths.sharedAvailable else { return }
        let ours = try KazakhTransliterator(scheme: .bgn)
        let builtIn = try ICUTransliterator(systemID: "Kazakh-Latin/BGN")
        var compared = 0
        for text in try Self.corpus() {
            let lines = text.split(separator: "\n").filter { !$0.contains(where: { "ЙйЁё".contains($0) }) }
            let sample = Array(lines.joined(separator: "\n").utf8)
            let fixed = sample.withUnsafeBufferPointer { ours.transliterate($0) }
            #expect(fixed == (try builtIn.transliterateLines(sample)))
            compared += lines.count
        }
        #expect(compared > 1000)
    }
}
