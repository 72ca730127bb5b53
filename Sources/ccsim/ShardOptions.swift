import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import ScenarioFiles

/// `--shard I/N`, `--shard-from-env [--shard-count N]`: run one part of the work (for a
/// job array) and write a shard folder for `ccsim merge`.
struct ShardOptions: ParsableArguments {
    @Option(help: "Run only shard I of N (0 ≤ I < N) and write a shard folder for ccsim merge.")
    var shard: String?

    @Flag(help: """
        Take the shard from the job array's environment: SLURM_ARRAY_TASK_ID (array \
        indices 0…N−1) of SLURM_ARRAY_TASK_COUNT or --shard-count; AWS_BATCH_JOB_ARRAY_INDEX \
        or JOB_COMPLETION_INDEX (Kubernetes) with --shard-count.
        """)
    var shardFromEnv = false

    @Option(help: "Shards in all, with --shard-from-env where the environment does not say (AWS Batch, Kubernetes).")
    var shardCount: Int?

    /// The shard to run (index, count), or nil for the whole run.
    func resolve(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (index: Int, count: Int)? {
        if shard != nil && shardFromEnv { throw ValidationError("--shard and --shard-from-env: give one of them") }
        if let shard {
            let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, i >= 0, i < n else {
                throw ValidationError("--shard: expected I/N with 0 ≤ I < N ≤ 100000 (got \(shard))")
            }
            return (i, n)
        }
        guard shardFromEnv else {
            if shardCount != nil { throw ValidationError("--shard-count: only with --shard-from-env") }
            return nil
        }
        func number(_ key: String) throws -> Int? {
            guard let text = environment[key] else { return nil }
            guard let v = Int(text), v >= 0 else { throw ValidationError("--shard-from-env: \(key) is not a number ≥ 0 (got \(text))") }
            return v
        }
        var index: Int?, count = shardCount
        // The array index itself, not its offset from SLURM_ARRAY_TASK_MIN: a failed task
        // re-run alone (sbatch --array=3 with --shard-count N) is still shard 3.
        let slurmCount = try number("SLURM_ARRAY_TASK_COUNT")
        let aws = try number("AWS_BATCH_JOB_ARRAY_INDEX"), kubernetes = try number("JOB_COMPLETION_INDEX")
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            index = id
            if count == nil { count = slurmCount }
        } else if let id = aws ?? kubernetes {
            index = id
        }
        guard let index else {
            throw ValidationError("--shard-from-env: none of SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX, JOB_COMPLETION_INDEX is set")
        }
        guard let count, count >= 1 else {
            throw ValidationError("--shard-from-env: the number of shards is not in the environment; give --shard-count N")
        }
        guard index >= 0 && index < count else {
            throw ValidationError("--shard-from-env: shard \(index) is not in 0..<\(count)")
        }
        return (index, count)
    }
}

/// Runs shard `shard` of the configurations `configs` (variants, or every sweep point ×
/// variant) and writes its folder (default `Results/<name>-shard-I-of-N`).
func runShard(_ shard: (index: Int, count: Int), command: String, options: [String: JSON], scenario: Scenario, bytes: [UInt8],
              scenarioFile: String, configs: [CenterConfig], jobs: Int, out: String?) throws {
    let plan = ShardSplit(configs, replications: scenario.replications, count: shard.count)
    let units = plan.shards[shard.index]
    let progress = ProgressLine(total: units.count, callsPerReplication: configs.map(\.simulatedCallsPerReplication).max() ?? 0)
    let result = ShardResult.simulate(configs, units: units, seed: scenario.seed, jobs: jobs) { _ in progress.replicationFinished() }
    progress.finish()
    let directory = out ?? "Results/\(scenario.name)-shard-\(shard.index)-of-\(shard.count)"
    let provenance = Invocation.provenance(command: command, scenarioFile: scenarioFile, bytes: bytes,
                                           serviceLevelTargetSeconds: scenario.config.serviceLevelTargetSeconds)
    let written: [String]
    do {
        written = try ShardFiles.write(result, index: shard.index, count: shard.count, options: options, scenarioBytes: bytes,
                                       fields: Manifest.fields(scenario: scenario.name, seed: scenario.seed,
                                                               replications: scenario.replications, provenance),
                                       to: directory)
    } catch {
        printError("ccsim \(command): \(error)")
        throw ExitCodes.runtimeFailure
    }
    let calls = units.reduce(0) { $0 + configs[$1.config].simulatedCallsPerReplication }
    print("\(scenario.name): shard \(shard.index) of \(shard.count): \(units.count) of \(configs.count * scenario.replications) "
        + "replications (about \(calls) calls), seed \(scenario.seed)")
    print("wrote " + written.joined(separator: ", ") + "; put the shards together with ccsim merge SHARD_DIR… --out DIR")
}
