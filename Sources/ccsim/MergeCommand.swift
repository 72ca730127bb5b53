import ArgumentParser
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Workflows

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

    @Option(help: "Results folder (default: Results/<scenario name>, a sweep's Results/<scenario name>-sweep).")
    var out: String?

    @Flag(help: forceHelp)
    var force = false

    @Flag(help: "Exit 0 even when replications stopped at horizon.max_simulated_seconds (as run and compare).")
    var allowTruncation = false

    @Flag(help: "Print summary.json to standard output instead of the table (run and compare).")
    var json = false

    func run() throws {
        try refuseUnwritableResults(out)  // the command's own folder is checked once the shards say which
        func refuse(_ message: String) -> ExitCode {
            printError("ccsim merge: " + message + "; nothing written")
            return ExitCodes.badInput
        }
        var shards = self.shards
        if let shardList {
            guard let text = try? String(contentsOfFile: shardList, encoding: .utf8) else { throw refuse("--shard-list \(shardList): cannot be read") }
            shards += text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        var read: [ShardContents] = []
        for directory in shards {
            do { read.append(try ShardFiles.read(directory)) } catch { throw refuse("\(error)") }
        }
        let merged: ShardMerge.Merged
        do { merged = try ShardMerge.merge(read) } catch { throw refuse(error.description) }
        let (scenario, command, combined) = (merged.scenario, merged.command, merged.results)
        let extra: [String: JSON] = ["merged": .object([
            "command": .string(command), "shards": .array(merged.directories.map { .string($0) }),
        ])]
        let bytes = merged.scenarioBytes
        let folder = resultsFolder(out, name: scenario.name, suffix: command == "sweep" ? "-sweep" : "")
        try refuseUnwritableResults(folder, command: command, force: force, explicit: out != nil)
        switch command {
        case "sweep":
            try SweepCommand.finish(scenario, sweep: scenario.sweep!, results: combined, command: "merge", scenarioFile: merged.scenarioFile,
                                    bytes: bytes, out: out, allowTruncation: allowTruncation,
                                    controlVariates: merged.controlVariates, force: force, manifestExtra: extra)
        case "compare":
            let pairs = CompareCommand.pairs(merged.comparison ?? "")
            let run = execution(scenario, results: combined, pairs: pairs, controlVariates: merged.controlVariates)
            let written = try writeResults(run, command: "merge", scenario: scenario, scenarioFile: merged.scenarioFile, bytes: bytes,
                                           out: out, manifestExtra: extra, force: force)
            try CompareCommand.report(run.summary, scenario: scenario, written: written, json: json, allowTruncation: allowTruncation)
        default:
            let run = execution(scenario, results: combined, pairs: .none, controlVariates: merged.controlVariates)
            let written = try writeResults(run, command: "merge", scenario: scenario, scenarioFile: merged.scenarioFile, bytes: bytes,
                                           out: out, manifestExtra: extra, force: force)
            try RunCommand.report(run.summary, scenario: scenario, written: written, json: json, allowTruncation: allowTruncation)
        }
    }
}
