import ArgumentParser
import Experiments
import ScenarioFiles

/// Options shared by the commands that run a scenario (`run`, `compare`, `sweep`).
struct ScenarioRunOptions: ParsableArguments {
    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Replications (overrides the scenario's).")
    var replications: Int?

    @Option(help: "Seed, 0...\(ScenarioLimits.maxSeed) (overrides the scenario's).")
    var seed: UInt64?

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>; a sweep's Results/<scenario name>-sweep).")
    var out: String?

    @Flag(help: "Print summary.json to standard output instead of the table.")
    var json = false

    @Flag(help: forceHelp)
    var force = false

    @Flag(name: .customLong("control-variates"), inversion: .prefixedNo,
          help: "Estimates with control variates from \(ControlVariates.minimumReplications) replications on: the day's busyness factor and the arrivals, whose expectations are known (narrower intervals, corrected to the expected volume). Default: on for days with busyness:, where they narrow the intervals most; --no-control-variates: the plain estimates.")
    var controlVariatesAsked: Bool?

    /// Whether `scenario`'s estimates use control variates: as asked, else when its days
    /// vary (`ControlVariates.byDefault`); `ControlVariates.used` then needs enough days.
    func controlVariates(_ scenario: Scenario) -> Bool {
        controlVariatesAsked ?? ControlVariates.byDefault(scenario.variants.map(\.config))
    }

    @Flag(help: "No progress on standard error (otherwise: a live line on a terminal, a line every 10 s in a log, once a run lasts over a second).")
    var quiet = false

    @Flag(help: "Exit 0 even when replications stopped at horizon.max_simulated_seconds before their calls ended (summary.json says truncated).")
    var allowTruncation = false

    /// How this command shows its progress.
    func progress(_ command: String) -> ProgressStyle { ProgressStyle(command: command, quiet: quiet) }

    func validate() throws {
        if let r = replications, !(2...ScenarioLimits.maxReplications).contains(r) {
            throw ValidationError("--replications: must be in 2...\(ScenarioLimits.maxReplications) (got \(r))")
        }
        if let s = seed, s > ScenarioLimits.maxSeed { throw ValidationError("--seed: must be in 0...\(ScenarioLimits.maxSeed) (got \(s))") }
        if jobs < 1 { throw ValidationError("--jobs: must be ≥ 1 (got \(jobs))") }
    }

    /// The scenario with the command-line overrides applied, and the file's bytes; `--out`
    /// is checked first (for `command`'s results).
    func load(command: String, sweep: [(path: String, values: [String])]? = nil) throws -> (scenario: Scenario, bytes: [UInt8]) {
        try refuseUnwritableResults(out, command: command, force: force)
        var (scenario, bytes) = try loadScenarioOrExit(self.scenario, sweep: sweep)
        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }
        return (scenario, bytes)
    }

    /// Refuses (exit 2) the default results folder of `command` (`Results/<name><suffix>`)
    /// when another command wrote it, before any simulation.
    func refuseDefaultFolder(_ scenario: Scenario, command: String, suffix: String = "") throws {
        guard out == nil else { return }
        try refuseUnwritableResults(resultsFolder(nil, name: scenario.name, suffix: suffix), command: command, force: force, explicit: false)
    }
}
