import Experiments
import Foundation
import Reporting

/// Who is running and whether to say so: the command's name starts each periodic line;
/// `quiet` (`--quiet`) silences them.
struct ProgressStyle {
    var command = "ccsim"
    var quiet = false
}

/// "replications done / total, calls/s" on standard error once the run has lasted over a
/// second: on a terminal one line rewritten in place, otherwise (a log, a CI job) a line
/// every `periodSeconds` (total nil: not known in advance, a run to a precision).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int?
    private let callsPerReplication: Int
    private let style: ProgressStyle
    private let start = Date()
    private let terminal = isatty(2) == 1
    private var done = 0
    private var shown = false
    private var lastLine = 0.0
    static let periodSeconds = 10.0

    init(total: Int?, callsPerReplication: Int, style: ProgressStyle = ProgressStyle()) {
        self.total = total
        self.callsPerReplication = callsPerReplication
        self.style = style
    }

    func replicationFinished() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let elapsed = Date().timeIntervalSince(start)
        guard !style.quiet, elapsed > 1 else { return }
        let rate = Double(done * callsPerReplication) / elapsed
        let text = "replications \(done)\(total.map { "/\($0)" } ?? "")  \(fixed(rate / 1e6, 2)) M calls/s"
        if terminal {
            FileHandle.standardError.write(Data("\r  \(text)   ".utf8))
            shown = true
        } else if elapsed - lastLine >= Self.periodSeconds {
            lastLine = elapsed
            printError("\(style.command): \(text) · \(fixed(elapsed, 1)) s")
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// `staff` and `schedule`: what the planning has just done, one line each on standard
/// error with the seconds so far (`--quiet`: nothing).
struct PlanningProgressLines {
    let command: String
    let quiet: Bool
    /// A period's clock label ("08:00").
    let label: (Int) -> String
    private let start = Date()

    init(command: String, quiet: Bool, label: @escaping (Int) -> String) {
        self.command = command
        self.quiet = quiet
        self.label = label
    }

    func callAsFunction(_ event: PlanningProgress) {
        guard !quiet else { return }
        let text: String
        switch event {
        case .periodSettled(let k, let agents, let days): text = "\(label(k)) settled: \(agents) agents (\(days) days)"
        case .checkingPlans(let plans, let days): text = "holding \(plans) plan(s) against \(days) fresh days"
        case .rosterRound(let from, let round, let missing):
            text = "roster from \(from), round \(round): " + (missing == 0 ? "every period meets the goal" : "\(missing) period(s) miss it")
        case .rosterTrimmed(let from, let trims, let trials): text = "roster from \(from): \(trims) person(s) taken off in \(trials) trial(s)"
        }
        printError("\(command): \(text) · \(fixed(Date().timeIntervalSince(start), 1)) s")
    }
}
