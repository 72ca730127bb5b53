import ArgumentParser
import Foundation

/// Exit codes (documented in README.md), the same for every subcommand:
/// 0 success; 1 runtime failure (the model has no answer: unstable Erlang C, unreachable
/// goal; a truncated run; a check that failed); 2 usage or bad input (unknown option, bad
/// number, invalid scenario, a bad set of shards).
enum ExitCodes {
    static let runtimeFailure = ExitCode(1)
    static let badInput = ExitCode(2)
}

@main
struct CCSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccsim",
        abstract: "Discrete-event contact-center simulator (GSL random streams).",
        discussion: """
            Exit codes: 0 success; 1 runtime failure (the model has no answer, e.g. an \
            unstable Erlang C; a run cut short by horizon.max_simulated_seconds; a pinned \
            figure that moved in check); 2 usage or bad input.
            """,
        version: CCSimVersion.string,
        subcommands: [RunCommand.self, CompareCommand.self, SweepCommand.self, MergeCommand.self, SlurmCommand.self, PlotCommand.self, ReportCommand.self, ScheduleCommand.self, FitCommand.self, BacktestCommand.self, CheckCommand.self, ValidateCommand.self, ErlangCommand.self, StaffCommand.self]
    )

    /// Parses and runs like ArgumentParser's default, but maps its usage and validation
    /// failures (64, EX_USAGE) to ccsim's documented exit code 2.
    static func main() {
        Invocation.started = Date()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(ExitCodes.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}

enum CCSimVersion {
    static let string = "0.1.0"
}

/// Prints `message` and a newline to standard error.
func printError(_ message: String) {
    // The throwing write: a failed write (standard error on a full device) is ignored,
    // the exit code still says what happened; `write(_:)` would trap.
    try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
}
