import ArgumentParser
import Normalize

extension TransliterationScheme: ExpressibleByArgument {}

struct Translit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transliterate Kazakh Cyrillic to Latin (or back with --reverse), line for line.")

    @Option(help: "kk-2021 (default), kk-2018, kk-2017 or bgn.")
    var scheme: TransliterationScheme = .kk2021

    @Flag(help: "Latin to Cyrillic (kk-2021 and kk-2018).")
    var reverse = false

    @OptionGroup var ruleOptions: RuleOptions

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    func run() throws {
        let config = Configuration.transliterate(scheme)
        let context = PassContext(configuration: config, rules: ruleOptions.store)
        let pipeline = Pipeline(configuration: config)
        let out = try OutputSink(path: nil)
        var hadInvalid = false
        for source in InputSource.sources(files) {
            try source.forEachLine { line, offset in
                let bytes = Array(line)
                if let bad = firstInvalidUTF8Offset(bytes) {
                    warn("\(source.displayName): byte \(offset + bad): invalid UTF-8; line passed through unchanged")
                    hadInvalid = true
                    try out.write(line)
                } else {
                    let doc = try pipeline.run(Document(blocks: [Block(kind: .line, text: String(decoding: bytes, as: UTF8.self), line: 0)]), context: context)
                    try out.write(doc.blocks[0].text)
                }
                try out.write("\n")
            }
        }
        try out.commit()
        if hadInvalid { throw ExitCode(ExitStatus.inputHadProblems) }
    }
}
