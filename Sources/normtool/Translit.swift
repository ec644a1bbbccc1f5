import ArgumentParser
import Normalize

extension TransliterationScheme: ExpressibleByArgument {}
extension TransliterationVariant: ExpressibleByArgument {}

struct Translit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transliterate Kazakh Cyrillic to Latin (or back with --reverse), line for line.")

    @Option(help: "kk-2021 (default), kk-2018, kk-2017 or bgn.")
    var scheme: TransliterationScheme = .kk2021

    @Flag(help: "Latin to Cyrillic (kk-2021 and kk-2018).")
    var reverse = false

    @Option(help: "standard (default) or short: kk-2021 with Ц → s and Ч → ş instead of ts and tş.")
    var variant: TransliterationVariant = .standard

    @Flag(help: .hidden)
    var noLexicon = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var inputOptions: InputFormatOptions

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    func run() throws {
        do {
            try transliterate()
        } catch let error as NormalizeError {
            warn(error.description)
            throw ExitCode(ExitStatus.failure)
        }
    }

    private func transliterate() throws {
        let engine = try KazakhTransliterator(scheme: scheme, reverse: reverse, variant: variant,
                                              rules: ruleOptions.store, useLexicon: !noLexicon)
        let out = try OutputSink(path: nil)
        var scratch = [UInt8](repeating: 0, count: engine.outputCapacity(forInputCount: 1 << 21))
        var hadInvalid = false

        for source in InputSource.sources(files) where inputOptions.isJSONL {
            let problems = try source.transformRecords(field: inputOptions.field, to: out) { text, _ in
                var text = text
                return text.withUTF8 { bytes in
                    let need = engine.outputCapacity(forInputCount: bytes.count)
                    if scratch.count < need { scratch = [UInt8](repeating: 0, count: need) }
                    let n = scratch.withUnsafeMutableBufferPointer {
                        engine.transliterate(bytes, into: $0.baseAddress!) { _ in }  // valid UTF-8: checked by the reader
                    }
                    return String(decoding: scratch[0..<n], as: UTF8.self)
                }
            }
            hadInvalid = hadInvalid || problems
        }
        for source in InputSource.sources(files) where !inputOptions.isJSONL {
            try source.forEachBlockOfLines { block, offset in
                let need = engine.outputCapacity(forInputCount: block.count)
                if scratch.count < need { scratch = [UInt8](repeating: 0, count: need) }
                let n = scratch.withUnsafeMutableBufferPointer {
                    engine.transliterate(block, into: $0.baseAddress!) { bad in
                        warn("\(source.displayName): byte \(offset + bad): invalid UTF-8; line passed through unchanged")
                        hadInvalid = true
                    }
                }
                try scratch.withUnsafeBufferPointer { try out.write(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            }
        }
        try out.commit()
        if hadInvalid { throw ExitCode(ExitStatus.inputHadProblems) }
    }
}
