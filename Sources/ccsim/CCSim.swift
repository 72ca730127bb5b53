import ArgumentParser
import Foundation

/// Exit codes (documented in README.md):
/// 0 success; 2 the model has no answer (unstable Erlang C, unreachable goal);
/// 64 bad input or usage (ArgumentParser's validation failure).
enum ExitCodes {
    static let noAnswer = ExitCode(2)
    static let badInput = ExitCode.validationFailure
}

@main
struct CCSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccsim",
        abstract: "Discrete-event contact-center simulator (GSL random streams).",
        discussion: """
            Exit codes: 0 success; 2 the model has no answer (e.g. unstable Erlang C); \
            64 bad input or usage.
            """,
        version: CCSimVersion.string,
        subcommands: [ErlangCommand.self, StaffCommand.self]
    )
}

enum CCSimVersion {
    static let string = "0.1.0"
}

/// Prints `message` and a newline to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
