import ArgumentParser
import Experiments
import Reporting
import ScenarioFiles

/// `--trace FILE [--trace-replications K]` for `run` and `compare`: one CSV row per call
/// attempt of the first K replications of every variant (`TraceFile` documents the columns).
struct TraceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write one CSV row per call of the first replications (columns: Scenarios/README.md, \"Results\").",
                               valueName: "file"))
    var trace: String?

    @Option(help: "Replications traced with --trace (from the first).")
    var traceReplications = 1

    func validate() throws {
        if trace?.isEmpty == true { throw ValidationError("--trace: needs a file name") }
        if traceReplications < 1 { throw ValidationError("--trace-replications: must be ≥ 1 (got \(traceReplications))") }
    }

    /// Exits 2 (before anything runs or is written) when more replications would be
    /// traced than run.
    /// A shard runs only some replications: traces are for whole runs.
    func refuseWithShards() throws {
        guard trace != nil else { return }
        printError("--trace: not with --shard (trace the first replications with a run on one machine)")
        throw ExitCodes.badInput
    }

    func check(_ scenario: Scenario) throws {
        guard trace != nil, traceReplications > scenario.replications else { return }
        printError("--trace-replications: must be at most the replications run (\(scenario.replications); got \(traceReplications))")
        throw ExitCodes.badInput
    }

    /// Writes the trace of `scenario`'s variants when one was asked for; returns the path
    /// written. Exits 1 when the file cannot be written.
    func write(_ scenario: Scenario, jobs: Int) throws -> [String] {
        guard let path = trace else { return [] }
        let traces = CallTraces.record(scenario.variants.map { ($0.name, $0.config) }, seed: scenario.seed,
                                       replications: traceReplications, jobs: jobs)
        let config = scenario.config
        do {
            try TraceFile.write(traces, config: config, to: path)
        } catch {
            printError("ccsim: \(error)")
            throw ExitCodes.runtimeFailure
        }
        return [path]
    }
}
