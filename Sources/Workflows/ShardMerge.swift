import Foundation
import ContactCenter
import Experiments
import ScenarioFiles
import Stochastic

/// A shard set or a command-line value that cannot be used, said in words.
public struct WorkflowError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `--param PATH=V1,V2,…` (a sweep's grid given on the command line, or recorded in a
/// shard's options): at most `Sweep.maxParameters` parameters; nil when none is given.
public enum SweepParameters {
    public static func parse(_ parameters: [String]) throws(WorkflowError) -> [(path: String, values: [String])]? {
        guard !parameters.isEmpty else { return nil }
        guard parameters.count <= Sweep.maxParameters else {
            throw WorkflowError("--param: at most \(Sweep.maxParameters) parameters (got \(parameters.count))")
        }
        var out: [(path: String, values: [String])] = []
        for text in parameters {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw WorkflowError("--param: expected PATH=V1,V2,… (got \(text.prefix(200)))")
            }
            out.append((parts[0], parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        return out
    }
}

/// `ccsim merge`: shard folders of one run put back together, exactly as the run on one
/// machine. Refused (nothing to write) unless the shards agree on every identifying field
/// (scenario, seed, options, build), hold each index 0…N−1 once, and each holds exactly
/// the units its plan deals it.
public enum ShardMerge {
    /// The run rebuilt: its scenario (with the shards' seed and replications), command,
    /// comparison plan, per-configuration results, and the shard folders by index.
    public struct Merged: Sendable {
        public let scenario: Scenario
        public let command: String
        public let comparison: String?
        /// The estimates use control variates (as the shards were asked).
        public let controlVariates: Bool
        public let scenarioFile: String
        public let scenarioBytes: [UInt8]
        public let results: [ReplicatedResult]
        public let directories: [String]
    }

    public static func merge(_ shards: [ShardContents]) throws(WorkflowError) -> Merged {
        guard let first = shards.first else { throw WorkflowError("no shard folders given") }
        // The same run: every identifying field of the manifests agrees with the first's.
        for shard in shards.dropFirst() {
            for key in Set(first.identity.keys).union(shard.identity.keys).sorted() where first.identity[key] != shard.identity[key] {
                throw WorkflowError("\(shard.directory) is not a shard of the same run as \(first.directory): \(key) differs "
                    + "(\(shard.identity[key] ?? "none") vs \(first.identity[key] ?? "none"))")
            }
        }
        let count = first.count
        var byIndex: [Int: ShardContents] = [:]
        for shard in shards {
            if let other = byIndex[shard.index] {
                throw WorkflowError("shard \(shard.index) of \(count) is given twice (\(other.directory), \(shard.directory))")
            }
            byIndex[shard.index] = shard
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let listed = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count))" : "")
            throw WorkflowError("missing shard\(missing.count == 1 ? "" : "s") " + listed + " of \(count)")
        }
        // The scenario as run, with the options the shards were run with (all shards agree).
        let command = first.command, seed = first.seed, replications = first.replications
        guard (1...ScenarioLimits.maxReplications).contains(replications), seed <= StreamID.maxSeed else {
            throw WorkflowError("\(first.directory)/manifest.json: replications \(replications) or seed \(seed) out of range")
        }
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(bytes: first.scenarioBytes, file: first.directory + "/scenario.yaml",
                                                sweep: try SweepParameters.parse(first.params))
        } catch let error as ScenarioError {
            throw WorkflowError(error.description)
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw WorkflowError("\(error)")
        }
        scenario.seed = seed
        scenario.replications = replications
        let configs: [CenterConfig]
        if command == "sweep" {
            guard let sweep = scenario.sweep else { throw WorkflowError("the shards' scenario has no sweep") }
            configs = sweep.points.flatMap { $0.variants.map(\.config) }
        } else {
            configs = scenario.variants.map(\.config)
        }
        // Disjoint and complete: each shard holds exactly the units the plan deals it.
        let plan = ShardSplit(configs, replications: replications, count: count)
        var results: [ShardResult] = []
        for index in 0..<count {
            let shard = byIndex[index]!
            guard shard.units == plan.shards[index] else {
                throw WorkflowError("\(shard.directory): shard \(index) of \(count) does not hold the replications its plan deals it "
                    + "(\(shard.units.count) units, \(plan.shards[index].count) expected)")
            }
            results.append(ShardResult(units: shard.units, records: shard.records, waits: shard.waits))
        }
        let combined = ShardResult.combine(results, configs: configs, replications: replications)
        for (c, result) in combined.enumerated() {
            let periodFigures = result.periodCount * result.periodMetricNames.count
            if result.records.contains(where: { $0.numerators.count != result.metricNames.count || $0.periodNumerators.count != periodFigures }) {
                throw WorkflowError("the records of configuration \(c) do not have its \(result.metricNames.count) metrics and "
                    + "\(periodFigures) period figures (another ccsim version?)")
            }
        }
        return Merged(scenario: scenario, command: command, comparison: first.comparison, controlVariates: first.controlVariates,
                      scenarioFile: first.scenarioFile,
                      scenarioBytes: first.scenarioBytes, results: combined, directories: (0..<count).map { byIndex[$0]!.directory })
    }
}
