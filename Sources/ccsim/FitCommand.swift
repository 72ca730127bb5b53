import ArgumentParser
import Calibration
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Workflows

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scenario to a call log: arrivals, busyness, handling, patience, IVR, agents on duty.",
        discussion: """
            LOG is a CSV or TSV file with a header and one row per call; --columns names which \
            column is which (Scenarios/README.md, "Call logs"); ccsim's own --trace files need no map. \
            Writes OUT/scenario.yaml (commented: where each number came from), OUT/fit.md (methods, \
            tests, dropped rows by reason), the figures' data (fit-*.csv) and OUT/plots/ (gnuplot). \
            Nothing is written when the log has a problem: each is reported with its line and column \
            (exit 2).

            Example: ccsim fit calls.csv --columns calls-map.yaml --out Results/my-center
            """
    )

    @Argument(help: "The call log (CSV or TSV with a header line).")
    var log: String

    @OptionGroup var logOptions: LogOptions

    @Option(help: "Period length in minutes.")
    var periodMinutes: Double = 30

    @Option(help: "Day type to fit: a type fit.md lists (e.g. sunday-thursday), weekdays by name (weekdays, weekend, friday, friday+saturday), or all (default: the type with most days).")
    var dayType: String?

    @Option(help: "Service-level target T (seconds) written into the scenario.")
    var targetSeconds: Double = 20

    @Option(help: "Replications (days) the written scenario asks for.")
    var replications: Int = 40

    @Option(help: "An agent's idle gap (minutes) that ends a session (presence rule).")
    var idleGapMinutes: Double = 30

    @Option(help: ArgumentHelp("Agents not ready while present (callers waited though they were there): test (replay the log's days "
        + "with and without them as absence, write the closer), always, or never.", valueName: "test|always|never"))
    var notReady: LogFit.NotReadyMode = .test

    @Flag(help: "No progress lines on standard error.")
    var quiet = false

    @Option(help: "Worker threads for the not-ready test's replays (default: all cores); results do not depend on it.")
    var jobs: Int = availableCores

    @Option(help: "The scenario's name (default: the log's file name + -fit).")
    var name: String?

    @Option(help: "Results folder (default: Results/<name>).")
    var out: String?

    @Flag(help: forceHelp)
    var force = false

    @Flag(help: "Print what was fitted as JSON (the scenario's name and file, calls kept and dropped, day type, days, warnings, files) instead of the lines.")
    var json = false

    @Option(help: "Folder of gnuplot templates (default: where ccsim is installed, else the checkout it was built in).")
    var templates: String?

    func validate() throws {
        guard periodMinutes >= 1 && periodMinutes <= 1440 else { throw ValidationError("--period-minutes must be in [1, 1440]") }
        guard targetSeconds >= 0 && targetSeconds.isFinite else { throw ValidationError("--target-seconds must be ≥ 0") }
        guard (2...100_000).contains(replications) else { throw ValidationError("--replications must be in 2...100000") }
        guard idleGapMinutes > 0 && idleGapMinutes.isFinite else { throw ValidationError("--idle-gap-minutes must be positive") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let name, !ScenarioName.isValid(name) {
            throw ValidationError("--name \(ScenarioName.rule) (got \(name))")
        }
    }

    /// The log's file name without extension, reduced to a scenario name (other characters
    /// become `_`, leading `.` and `-` dropped), + "-fit".
    static func defaultName(_ log: String) -> String {
        let file = PathParts.split(log).name.split(separator: ".").first.map(String.init) ?? ""
        var kept = String(file.unicodeScalars.map { ScenarioName.isValid(String($0)) || $0 == "-" ? Character($0) : "_" })
        while kept.first == "-" { kept.removeFirst() }
        return String((kept.isEmpty ? "log" : kept).prefix(60)) + "-fit"
    }

    func run() throws {
        let scenarioName = name ?? FitCommand.defaultName(log)
        let folder = resultsFolder(out, name: scenarioName)
        try refuseUnwritableResults(folder, command: "fit", force: force, explicit: out != nil)
        let started = Date()
        let (bytes, layout, callLog) = try logOptions.read(log)
        let (fit, yaml, notReadyTest): (CenterFit, String, NotReadyTest?)
        do {
            var options = CenterFit.Options()
            options.periodMinutes = periodMinutes
            options.dayType = dayType
            options.weekend = logOptions.weekendDays
            options.idleGapSeconds = idleGapMinutes * 60
            (fit, yaml, notReadyTest) = try LogFit.fit(callLog, layout: layout ?? .ccsimTrace, options: options, name: scenarioName,
                                                       source: PathParts.split(log).name, targetSeconds: targetSeconds,
                                                       replications: replications, notReady: notReady, jobs: jobs,
                                                       progress: { [quiet] line in if !quiet { printError("fit: \(line) · \(fixed(Date().timeIntervalSince(started), 1)) s") } })
        } catch let error as DayTypes.Unknown {
            printError("ccsim fit: \(error)")
            throw ExitCodes.badInput
        } catch let error as LogFit.InvalidScenario {
            printError("ccsim fit: \(error)")
            throw ExitCodes.runtimeFailure
        } catch let error as Backtest.Mismatch {
            printError("ccsim fit: the not-ready test's replay failed (please report this): \(error)")
            throw ExitCodes.runtimeFailure
        }
        let provenance = Invocation.provenance(command: "fit", scenarioFile: log, bytes: bytes, serviceLevelTargetSeconds: targetSeconds)
        var fields = Manifest.fields(scenario: scenarioName, seed: 1, replications: replications, provenance)
        // The scenario is the one written here; the log is what it came from.
        fields["scenario_file"] = .string("scenario.yaml")
        fields["scenario_sha256"] = .string(SHA256.hex(Array(yaml.utf8)))
        fields["log_sha256"] = .string(provenance.scenarioSHA256)
        fields["log_file"] = .string(log)
        fields["log_rows"] = .integer(fit.log.rowsRead)
        fields["log_calls_kept"] = .integer(fit.log.count)
        fields["log_rows_dropped"] = .object(fit.dropped.mapValues { .integer($0) })
        if fit.log.abandonedInIVR > 0 { fields["log_abandoned_in_ivr"] = .integer(fit.log.abandonedInIVR) }
        fields["day_type"] = .string(fit.dayType)
        if let test = notReadyTest { fields["not_ready_written"] = .string(test.candidates[test.chosen].name) }
        fields["verdict"] = .array(FitFiles.verdict(fit, source: PathParts.split(log).name).map { .string($0) })
        let files = FitFiles.files(fit, scenarioYAML: yaml, scenarioName: scenarioName, source: PathParts.split(log).name,
                                   notReadyTest: notReadyTest)
        var written: [String]
        do {
            written = try Manifest.publish(folder, files: files, fields: fields, force: force)
            written += try Plotter.plot(resultsDirectory: folder, templates: TemplateFolder.locate(templates))
        } catch let error as Plotter.PlotError {
            printError("ccsim fit: \(error)")
            throw ExitCodes.runtimeFailure
        } catch {
            printError("ccsim fit: \(error)")
            throw ExitCodes.runtimeFailure
        }
        for warning in fit.warnings { printError("warning: " + warning) }
        if layout == nil {
            printError("warning: \(log) read as a ccsim trace, whose times are seconds from each day's start: the fitted day opens "
                + "at 00:00; give --seconds-from HH:MM (the clock time of second 0) for its real opening")
        }
        let days = fit.arrivals.days.count
        if json {
            print(JSON.object(["scenario": .string(scenarioName), "scenario_file": .string(folder + "/scenario.yaml"),
                               "calls": .integer(fit.log.count), "rows_dropped": .integer(fit.dropped.values.reduce(0, +)),
                               "day_type": .string(fit.dayType), "days": .integer(days),
                               "not_ready": .string(notReadyTest.map { $0.candidates[$0.chosen].name } ?? "not tested"),
                               "warnings": .array(fit.warnings.map { .string($0) }), "files": .array(written.map { .string($0) })]).rendered())
            return
        }
        print("fitted \(fit.log.count) calls (\(fit.dropped.values.reduce(0, +)) rows dropped; fit.md says why) of day type "
              + "\(fit.dayType), \(days) day\(days == 1 ? "" : "s")")
        if let test = notReadyTest {
            let c = test.candidates.map { "\($0.name): service level bias \(FitFiles.points($0.serviceLevelBias)), P(wait) \(FitFiles.points($0.pWaitBias))" }
            print("not ready while present, replayed on the log's \(test.days) days: " + c.joined(separator: "; ")
                  + "; written: \(test.candidates[test.chosen].name)")
        }
        print("wrote " + written.joined(separator: ", "))
    }
}
extension LogFit.NotReadyMode: ExpressibleByArgument {}
