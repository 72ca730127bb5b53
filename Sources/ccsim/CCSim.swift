import ArgumentParser
import CBuildID
import Foundation
import Reporting
import ScenarioFiles

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
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        if let word = CommandLine.arguments.dropFirst().first, !word.hasPrefix("-"), !names.contains(word), word != "help" {
            printError("ccsim: no command '\(MessageText.clipped(word))'\(Suggestion.hint(for: word, in: names)); the commands: "
                + names.joined(separator: ", ") + " (ccsim --help)")
            Foundation.exit(ExitCodes.badInput.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(ExitCodes.badInput.rawValue)
            }
            guard exitCode(for: error) != .success else { exit(withError: error) }  // --help, --version: stdout
            let text = fullMessage(for: error)
            if !text.isEmpty { printError(text) }
            Foundation.exit(exitCode(for: error).rawValue)
        }
    }
}

/// What identifies this ccsim: its release and its build. The GNU build ID the linker
/// stamps into the executable differs for every build, so results, shards and `merge`
/// can tell two builds of the same version apart, installed or run from a checkout.
enum CCSimVersion {
    static let release = "0.2.0"
    static let buildID: String = {
        var text = [CChar](repeating: 0, count: 129)
        return ccsim_build_id(&text, text.count) > 0 ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
    }()
    static var string: String { "\(release) (build \(buildID))" }
}

/// Prints `message` and a newline to standard error.
func printError(_ message: String) {
    // The throwing write: a failed write (standard error on a full device) is ignored,
    // the exit code still says what happened; `write(_:)` would trap.
    try? FileHandle.standardError.write(contentsOf: Data((MessageText.clipped(message) + "\n").utf8))
}

/// Messages quote input (names, values, paths), which may be any length: each line is
/// cut to `maximumLine` characters around its middle, and at most `maximumLines` lines
/// are printed, so that a 200,000-character name costs a line, not 400 KB of stderr.
enum MessageText {
    static let maximumLine = 400
    static let maximumLines = 200

    static func clipped(_ message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var shown = lines.prefix(maximumLines).map { line -> String in
            guard line.count > maximumLine else { return String(line) }
            let keep = maximumLine / 2
            return line.prefix(keep) + " … (\(line.count - 2 * keep) characters not shown) … " + line.suffix(keep)
        }
        if lines.count > maximumLines { shown.append("… and \(lines.count - maximumLines) more lines") }
        return shown.joined(separator: "\n")
    }
}

/// Refuses (exit 2) a results folder ccsim may not write (`ResultsFolder.refusal`) before
/// any simulation is done: `--out` as given (`explicit`), or the command's default folder;
/// with `command`, one another command wrote unless `force`.
func refuseUnwritableResults(_ directory: String?, command: String? = nil, force: Bool = false, explicit: Bool = true) throws {
    guard let directory, let reason = ResultsFolder.refusal(directory, command: command, force: force) else { return }
    printError((explicit ? "--out " : "") + "\(directory.isEmpty ? "''" : directory): \(reason)")
    throw ExitCodes.badInput
}

/// Refuses (exit 2, before any simulation) a `--write-scenario` path that cannot be
/// written: a folder, in a folder that does not exist, or the scenario being read.
func refuseUnwritableScenario(_ path: String?, reading scenario: String) throws {
    guard let path else { return }
    var isFolder: ObjCBool = false
    let parent = (path as NSString).deletingLastPathComponent
    let problem: String? =
        path.isEmpty ? "is empty"
        : FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue ? "is a folder"
        : !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) ? "is in a folder that does not exist (\(parent))"
        : URL(fileURLWithPath: path).standardizedFileURL == URL(fileURLWithPath: scenario).standardizedFileURL
            ? "is the scenario being read: give another file (the scenario is left as it is)" : nil
    if let problem {
        printError("--write-scenario \(path.isEmpty ? "''" : path): \(problem)")
        throw ExitCodes.badInput
    }
}

/// Every command's --force.
let forceHelp: ArgumentHelp = "Replace a results folder another command wrote (each command keeps to its own: Results/<name> for run and compare, <name>-staff, -sweep, -schedule, -backtest)."

/// A command's results folder: `--out`, else `Results/<name><suffix>`.
func resultsFolder(_ out: String?, name: String, suffix: String = "") -> String { out ?? "Results/\(name)\(suffix)" }
