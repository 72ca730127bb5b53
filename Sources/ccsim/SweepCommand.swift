import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Workflows

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameter values (all variants, common random numbers).",
        discussion: """
            The grid is the scenario's sweep: block, or --param PATH=V1,V2,… (at most two). \
            Every point × variant runs on the same random streams. Writes \
            Results/<name>-sweep/sweep.csv (point, parameter values, variant, metric, mean, CI) and \
            sweep-meta.json; `ccsim plot Results/<name>-sweep` draws the curves.

            Example: ccsim sweep Scenarios/bank-hotline.yaml --param agents.universal.count=86,89,92,95,98
            """
    )

    @OptionGroup var options: ScenarioRunOptions

    @Option(name: .customLong("param"), help: "PATH=V1,V2,… (replaces the scenario's sweep:; at most two).")
    var parameters: [String] = []

    @OptionGroup var sharding: ShardOptions

    func run() throws {
        let (scenario, bytes) = try options.load(command: "sweep", sweep: try Self.override(parameters))
        guard let sweep = scenario.sweep, !sweep.points.isEmpty else {
            printError("\(options.scenario): no sweep: block; give --param PATH=V1,V2,…")
            throw ExitCodes.badInput
        }
        let configs = sweep.points.flatMap { $0.variants.map(\.config) }
        if let shard = try sharding.resolve() {
            try runShard(shard, command: "sweep", options: ["command": .string("sweep"), "params": .array(parameters.map { .string($0) }),
                                                                   "control_variates": .bool(options.controlVariates(scenario))],
                         scenario: scenario, bytes: bytes, scenarioFile: options.scenario, configs: configs, jobs: options.jobs,
                         out: options.out)
            return
        }
        try options.refuseDefaultFolder(scenario, command: "sweep", suffix: "-sweep")
        let results = simulate(scenario, configs, jobs: options.jobs, progress: options.progress("sweep"))
        try Self.finish(scenario, sweep: sweep, results: results, command: "sweep", scenarioFile: options.scenario, bytes: bytes,
                        out: options.out, allowTruncation: options.allowTruncation, controlVariates: options.controlVariates(scenario),
                        force: options.force)
    }

    /// `--param PATH=V1,V2,…` as the sweep's grid (nil: the file's sweep: block).
    static func override(_ parameters: [String]) throws -> [(path: String, values: [String])]? {
        do { return try SweepParameters.parse(parameters) } catch { throw ValidationError(error.description) }
    }

    /// Writes the sweep's folder from its results (one per point × variant, simulated here
    /// or put together from shards by `merge`) and prints its tables.
    static func finish(_ scenario: Scenario, sweep: Sweep, results: [ReplicatedResult], command: String, scenarioFile: String,
                       bytes: [UInt8], out: String?, allowTruncation: Bool, controlVariates: Bool, force: Bool,
                       manifestExtra: [String: JSON] = [:]) throws {
        let perPoint = sweep.points[0].variants.count
        var grid: [[Int]] = [[]]
        for p in sweep.parameters { grid = grid.flatMap { prefix in p.values.indices.map { prefix + [$0] } } }
        // Variants the sweep leaves unchanged (a path only others have) are reference lines:
        // each changing variant's break-even against each of them needs the paired differences.
        let changing = (0..<perPoint).map { v in sweep.points.contains { $0.variants[v].config != sweep.points[0].variants[v].config } }
        let breakEvenAxis = sweep.parameters.count == 1 && changing.contains(true) && changing.contains(false) ? sweep.parameters[0].axis : nil
        let points = sweep.points.enumerated().map { k, point -> (values: [Int], summary: RunSummary) in
            let slice = Array(results[(k * perPoint)..<((k + 1) * perPoint)])
            return (grid[k], summarize(scenario, variants: point.variants, results: slice, pairs: breakEvenAxis == nil ? .none : .allPairs,
                                       controlVariates: controlVariates))
        }
        var breakEvens: [BreakEven] = []
        // The break-evens of the table's metrics in words, a line per pair (every headline
        // metric's in break-even.csv).
        var breakEvenLines: [String] = []
        if let axis = breakEvenAxis {
            breakEvens = BreakEven.find(axis: axis, names: points[0].summary.variantOrder, points: points.map(\.summary.differences),
                                        changing: changing, metrics: Metric.headline.map(\.name))
            let shown = Set(ScenarioRuns.sweepTableMetrics(scenario.config))
            breakEvenLines = BreakEvenFiles.lines(breakEvens.filter { shown.contains($0.metric) }, label: sweep.parameters[0].label, axis: axis)
        }
        let parameters = sweep.parameters.map {
            SweepFiles.Parameter(path: $0.path, values: $0.values, axis: $0.axis, label: $0.label)
        }
        let directory = resultsFolder(out, name: scenario.name, suffix: "-sweep")
        let provenance = Invocation.provenance(command: command, scenarioFile: scenarioFile, bytes: bytes)
        let blocks = sweep.points.indices.flatMap { k in
            sweep.points[k].variants.indices.map { v in
                ReplicationsFile.Block(variant: sweep.points[k].variants[v].name, point: k, result: results[k * perPoint + v])
            }
        }
        let files = [
            (name: "sweep.csv", contents: SweepFiles.csv(parameters, points: points)),
            (name: "sweep-meta.json",
             contents: SweepFiles.meta(scenario: scenario.name, parameters: parameters,
                                       variants: points[0].summary.variantOrder).rendered() + "\n"),
            (name: "replications.csv", contents: ReplicationsFile.csv(blocks)),
        ] + (breakEvenAxis == nil ? [] : [(name: "break-even.csv", contents: BreakEvenFiles.csv(breakEvens, points: points.count))])
        let written: [String]
        do {
            written = try Manifest.publish(directory, files: files, fields: Manifest.fields(
                scenario: scenario.name, seed: scenario.seed, replications: scenario.replications, provenance)
                .merging(manifestExtra) { $1 }.merging(breakEvenLines.isEmpty ? [:] : ["break_even": .array(breakEvenLines.map { .string($0) })]) { $1 },
                force: force)
        } catch {
            printError("ccsim \(command): \(error)")
            throw ExitCodes.runtimeFailure
        }
        print("\(scenario.name): \(sweep.points.count) points × \(perPoint) variant(s) × \(scenario.replications) replications, "
            + "seed \(scenario.seed), common random numbers")
        for metric in ScenarioRuns.sweepTableMetrics(scenario.config) {
            print("")
            print(SweepFiles.table(metric, parameters: parameters, points: points))
        }
        if !breakEvenLines.isEmpty {
            print("")
            print(BreakEvenFiles.heading + ":")
            for line in breakEvenLines { print("  " + line) }
        }
        print("")
        print("wrote " + written.joined(separator: ", "))
        try refuseTruncation(points.map(\.summary), allowed: allowTruncation)
    }
}
