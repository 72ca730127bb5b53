import ArgumentParser
import Calibration
import Experiments
import Foundation
import Reporting
import ScenarioFiles

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Hold a scenario against a call log: its KPIs per period and for the day, observed vs simulated.",
        discussion: """
            The log's KPIs with ccsim's own metric definitions (service level, ASA, mean wait, \
            abandonment, p_wait, occupancy; with an IVR its time and hang-ups) per period of the \
            scenario's day and for the day, next to the scenario's simulated figures, each with its \
            95 % interval; relative errors; whether they agree. --per-day replays each log day with \
            its own volume (and agents, when the log names them) and reports the correlation over \
            days. Writes OUT/backtest.csv (backtest-days.csv), manifest.json and OUT/plots/.

            Example: ccsim backtest calls.csv Results/my-center/scenario.yaml --columns calls-map.yaml
            """
    )

    @Argument(help: "The call log (CSV or TSV with a header line).")
    var log: String

    @Argument(help: "The scenario (a day in periods), e.g. the one ccsim fit wrote.")
    var scenario: String

    @OptionGroup var logOptions: LogOptions

    @Option(help: "Day type of the log to compare: a type of its own grouping, weekdays by name (sunday-thursday, friday, friday+saturday), or all (default: the type with most days).")
    var dayType: String?

    @Flag(help: "Also replay each log day with its own volume (and agents) and report the day-by-day correlation.")
    var perDay = false

    @Option(help: "Replications per replayed day (--per-day).")
    var perDayReplications: Int = 10

    @Option(help: "Practical tolerance for rates, times and counts, relative to the log's value: a KPI agrees only when consistent with the log and within it.")
    var tolerance = 0.10

    @Option(help: "Practical tolerance for service levels, in absolute points as a fraction (0.03: 3 points).")
    var serviceLevelTolerance = 0.03

    @Option(help: "Replications of the scenario (default: the scenario's).")
    var replications: Int?

    @Flag(name: .customLong("control-variates"), inversion: .prefixedNo,
          help: "The simulated figures corrected by each day's busyness and arrivals (control variates; default on from \(ControlVariates.minimumReplications) replications, for the scenario and for each replayed day).")
    var controlVariates = true

    @Option(help: "Worker threads (default: all cores); results do not depend on it.")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>-backtest).")
    var out: String?

    @Flag(help: forceHelp)
    var force = false

    @Flag(help: "Print the results as JSON (the CSV files' rows, the files written) instead of the tables.")
    var json = false

    @Option(help: "Folder of gnuplot templates (default: where ccsim is installed, else the checkout it was built in).")
    var templates: String?

    func validate() throws {
        guard (2...1000).contains(perDayReplications) else { throw ValidationError("--per-day-replications must be in 2...1000") }
        if let replications, !(2...100_000).contains(replications) { throw ValidationError("--replications must be in 2...100000") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard tolerance > 0 && tolerance < 10 else { throw ValidationError("--tolerance must be in (0, 10) (got \(tolerance))") }
        guard serviceLevelTolerance > 0 && serviceLevelTolerance <= 1 else {
            throw ValidationError("--service-level-tolerance must be in (0, 1] (got \(serviceLevelTolerance))")
        }
    }

    func run() throws {
        try refuseUnwritableResults(out, command: "backtest", force: force)
        let model: Scenario
        do { model = try ScenarioLoader.load(file: scenario) } catch let error as ScenarioError {
            printError(error.description)
            throw ExitCodes.badInput
        }
        let folder = resultsFolder(out, name: model.name, suffix: "-backtest")
        try refuseUnwritableResults(folder, command: "backtest", force: force, explicit: out != nil)
        let (bytes, _, callLog) = try logOptions.read(log)
        let backtest: Backtest
        do {
            var options = Backtest.Options()
            options.dayType = dayType
            options.weekend = logOptions.weekendDays
            options.perDay = perDay
            options.perDayReplications = perDayReplications
            options.jobs = jobs
            options.controlVariates = controlVariates
            options.tolerance.relative = tolerance
            options.tolerance.serviceLevelPoints = serviceLevelTolerance
            backtest = try Backtest.run(log: callLog, config: model.config, seed: model.seed, replications: replications ?? model.replications,
                                    options: options)
        } catch let error as DayTypes.Unknown {
            printError("ccsim backtest: \(error)")
            throw ExitCodes.badInput
        } catch let error as Backtest.Mismatch {
            printError("ccsim backtest: \(error)")
            throw ExitCodes.badInput
        }
        let scenarioBytes = (try? ScenarioLoader.readBytes(scenario)) ?? []
        let provenance = Invocation.provenance(command: "backtest", scenarioFile: scenario, bytes: scenarioBytes,
                                               serviceLevelTargetSeconds: model.config.serviceLevelTargetSeconds)
        var fields = Manifest.fields(scenario: model.name, seed: model.seed, replications: backtest.replications, provenance)
        fields["log_file"] = .string(log)
        fields["log_sha256"] = .string(SHA256.hex(bytes))
        fields["day_type"] = .string(backtest.dayType)
        fields["days"] = .integer(backtest.days.count)
        fields["agents_from"] = .string(backtest.agentsFrom)
        fields["estimator"] = .string(backtest.controlVariates ? "ratio_with_control_variates" : "ratio")
        fields["tolerance"] = .object(["relative": .number(tolerance), "service_level_points": .number(serviceLevelTolerance)])
        var written: [String]
        do {
            written = try Manifest.publish(folder, files: BacktestFiles.files(backtest), fields: fields, force: force)
            written += try Plotter.plot(resultsDirectory: folder, templates: TemplateFolder.locate(templates))
        } catch {
            printError("ccsim backtest: \(error)")
            throw ExitCodes.runtimeFailure
        }
        if json {
            var out: [String: JSON] = ["scenario": .string(model.name), "log": .string(log), "day_type": .string(backtest.dayType),
                                       "days": .integer(backtest.days.count), "files": .array(written.map { .string($0) })]
            for (name, contents) in BacktestFiles.files(backtest) {
                out[String(name.dropLast(4)).replacingOccurrences(of: "-", with: "_")] = CSV.records(contents)
            }
            print(JSON.object(out).rendered())
            return
        }
        print("\(model.name) against \(log): \(backtest.days.count) days of type \(backtest.dayType), \(backtest.replications) "
              + "simulated days" + (backtest.controlVariates ? " (corrected by their busyness and arrivals)" : "")
              + "; agents from \(backtest.agentsFrom)"
              + (backtest.callsOutsideDay > 0 ? "; \(backtest.callsOutsideDay) calls outside the scenario's day left out" : ""))
        print(BacktestFiles.table(backtest), terminator: "")
        print("wrote " + written.joined(separator: ", "))
    }
}
