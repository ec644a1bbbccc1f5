import ArgumentParser
import Normalize

@main
struct Normtool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normtool",
        abstract: "Clean Kazakh and Russian text from PDF and OCR dumps; transliterate Kazakh to Latin.",
        subcommands: [Clean.self, Translit.self, Detect.self, Restore.self, Spell.self]
    )

    /// Runs the chosen command. An error about the input or the rules (`NormalizeError`) is printed with
    /// the place it names and exits with status 2, so scripts can tell it from "finished, with problems
    /// reported" (1); argument errors keep ArgumentParser's usage status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as NormalizeError {
            warn(error.description)
            exit(withError: ExitCode(ExitStatus.failure))
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that reads rule data shares.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Read rule data from this folder (a copy of Rules/) instead of the compiled-in copy.")
    var rules: String?

    var store: RuleStore { rules.map { RuleStore(.directory($0)) } ?? .embedded }
}
