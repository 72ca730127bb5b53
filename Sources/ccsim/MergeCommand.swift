import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import Scenario
import Stochastic

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Put the shard folders of a run together into its results folder.",
        discussion: """
            Reads the folders written by ccsim run|compare|sweep --shard I/N (or \
            --shard-from-env), checks that they come from the same scenario, seed, options \
            and ccsim version and hold every shard 0…N−1 exactly once with the units it \
            should (it names the missing, duplicated, foreign or corrupt shard otherwise: exit \
            2, nothing written), and writes the results folder. summary.json, summary.csv, \
            replications.csv, intervals.csv and sweep.csv are byte-identical to those of the \
            same run on one machine; manifest.json records the shards.

            Example: ccsim merge Results/bank-hotline-shard-*-of-4 --out Results/bank-hotline
            """
    )

    @Argument(help: "The shard folders.")
    var shards: [String] = []

    @Option(help: "A file naming the shard folders, one per line (as ccsim slurm writes it; beside or instead of the arguments).")
    var shardList: String?

    @Option(help: "Results folder (default: Results/<scenario name>).")
    var out: String?

    @Flag(help: "Exit 0 even when replications stopped at horizon.max_simulated_seconds (as run and compare).")
    var allowTruncation = false

    @Flag(help: "Print summary.json to standard output instead of the table (run and compare).")
    var json = false

    func run() throws {
        try refuseUnwritableResults(out)
        func refuse(_ message: String) -> ExitCode {
            printError("ccsim merge: " + message + "; nothing written")
            return ExitCodes.badInput
        }
        var shards = self.shards
        if let shardList {
            guard let text = try? String(contentsOfFile: shardList, encoding: .utf8) else { throw refuse("--shard-list \(shardList): cannot be read") }
            shards += text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        guard !shards.isEmpty else { throw refuse("no shard folders given") }
        var read: [ShardFiles.Shard] = []
        for directory in shards {
            do { read.append(try ShardFiles.read(directory)) } catch { throw refuse("\(error)") }
        }
        // The same run: every identifying field of the manifests agrees with the first's.
        let first = read[0]
        for shard in read.dropFirst() {
            for key in Set(first.identity.keys).union(shard.identity.keys).sorted() where first.identity[key] != shard.identity[key] {
                throw refuse("\(shard.directory) is not a shard of the same run as \(first.directory): \(key) differs "
                    + "(\(shard.identity[key] ?? "none") vs \(first.identity[key] ?? "none"))")
            }
        }
        let count = first.count
        var byIndex: [Int: ShardFiles.Shard] = [:]
        for shard in read {
            if let other = byIndex[shard.index] {
                throw refuse("shard \(shard.index) of \(count) is given twice (\(other.directory), \(shard.directory))")
            }
            byIndex[shard.index] = shard
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let listed = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count))" : "")
            throw refuse("missing shard\(missing.count == 1 ? "" : "s") " + listed + " of \(count)")
        }
        // The scenario as run, with the options the shards were run with (all shards agree).
        let command = first.command, seed = first.seed, replications = first.replications
        guard (1...ScenarioLimits.maxReplications).contains(replications), seed <= StreamID.maxSeed else {
            throw refuse("\(first.directory)/manifest.json: replications \(replications) or seed \(seed) out of range")
        }
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(bytes: first.scenarioBytes, file: first.directory + "/scenario.yaml",
                                                sweep: try SweepCommand.override(first.params))
        } catch let error as ScenarioError {
            throw refuse(error.description)
        }
        scenario.seed = seed
        scenario.replications = replications
        let configs: [CenterConfig]
        if command == "sweep" {
            guard let sweep = scenario.sweep else { throw refuse("the shards' scenario has no sweep") }
            configs = sweep.points.flatMap { $0.variants.map(\.config) }
        } else {
            configs = scenario.variants.map(\.config)
        }
        // Disjoint and complete: each shard holds exactly the units the plan deals it.
        let plan = ShardPlan(configs, replications: replications, count: count)
        var results: [ShardResult] = []
        for index in 0..<count {
            let shard = byIndex[index]!
            guard shard.units == plan.shards[index] else {
                throw refuse("\(shard.directory): shard \(index) of \(count) does not hold the replications its plan deals it "
                    + "(\(shard.units.count) units, \(plan.shards[index].count) expected)")
            }
            results.append(ShardResult(units: shard.units, records: shard.records, waits: shard.waits))
        }
        let combined = ShardResult.combine(results, configs: configs, replications: replications)
        for (c, result) in combined.enumerated() {
            let periodFigures = result.periodCount * result.periodMetricNames.count
            if result.records.contains(where: { $0.numerators.count != result.metricNames.count || $0.periodNumerators.count != periodFigures }) {
                throw refuse("the records of configuration \(c) do not have its \(result.metricNames.count) metrics and "
                    + "\(periodFigures) period figures (another ccsim version?)")
            }
        }
        let extra: [String: JSON] = ["merged": .object([
            "command": .string(command),
            "shards": .array((0..<count).map { .string(byIndex[$0]!.directory) }),
        ])]
        let bytes = first.scenarioBytes
        switch command {
        case "sweep":
            try SweepCommand.finish(scenario, sweep: scenario.sweep!, results: combined, command: "merge", scenarioFile: first.scenarioFile,
                                    bytes: bytes, out: out, allowTruncation: allowTruncation, manifestExtra: extra)
        case "compare":
            let plan = CompareCommand.plan(first.comparison ?? "")
            let run = execution(scenario, results: combined, plan: plan)
            let written = try writeResults(run, command: "merge", scenario: scenario, scenarioFile: first.scenarioFile, bytes: bytes,
                                           out: out, manifestExtra: extra)
            try CompareCommand.report(run.summary, scenario: scenario, written: written, json: json, allowTruncation: allowTruncation)
        default:
            let run = execution(scenario, results: combined, plan: .none)
            let written = try writeResults(run, command: "merge", scenario: scenario, scenarioFile: first.scenarioFile, bytes: bytes,
                                           out: out, manifestExtra: extra)
            try RunCommand.report(run.summary, scenario: scenario, written: written, json: json, allowTruncation: allowTruncation)
        }
    }
}
