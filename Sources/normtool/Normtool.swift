import ArgumentParser
import Normalize

@main
struct Normtool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normtool",
        abstract: "Clean Kazakh and Russian text from PDF and OCR dumps; transliterate Kazakh to Latin.",
        subcommands: [Clean.self, Translit.self, Detect.self, Restore.self, Spell.self]
    )
}

/// Options every command that reads rule data shares.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Read rule data from this folder (a copy of Rules/) instead of the compiled-in copy.")
    var rules: String?

    var store: RuleStore { rules.map { RuleStore(.directory($0)) } ?? .embedded }
}
