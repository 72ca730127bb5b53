import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Workflows

/// A scenario's variants run: their summary, every replication's figures and the IVR's
/// flow (`IVRFlowFile`; nil without an IVR).
struct Execution {
    let summary: RunSummary
    let replications: [ReplicationsFile.Block]
    var ivrFlow: JSON?
}

/// Runs every variant of a scenario with common random numbers, with a progress line,
/// and summarises it (with the paired differences `pairs` asks for; with control
/// variates when `controlVariates`).
/// `sampleWarning` false: no warning about the days' volume (`check` pins the scenario's
/// first days on purpose).
func execute(_ scenario: Scenario, jobs: Int, pairs: ComparisonPairs = .none, controlVariates: Bool = false,
             sampleWarning: Bool = true, progress: ProgressStyle = ProgressStyle()) -> Execution {
    execution(scenario, results: simulate(scenario, scenario.variants.map(\.config), jobs: jobs, progress: progress), pairs: pairs,
              controlVariates: controlVariates, sampleWarning: sampleWarning)
}

/// A run as asked: to `precision` when given (batches until it holds: `PrecisionRuns`,
/// with a progress line), else exactly the scenario's replications. Returns the
/// execution, the scenario as run (its replications), the manifest's `precision` field and
/// the sentence to print (nil without a precision).
func executeAsAsked(_ scenario: Scenario, jobs: Int, precision: RunPrecision?, pairs: ComparisonPairs = .none,
                    controlVariates: Bool, progress style: ProgressStyle)
    -> (execution: Execution, ran: Scenario, manifestExtra: [String: JSON], sentence: String?) {
    guard let precision else {
        return (execute(scenario, jobs: jobs, pairs: pairs, controlVariates: controlVariates, progress: style), scenario, [:], nil)
    }
    let configs = scenario.variants.map(\.config)
    let progress = ProgressLine(total: nil, callsPerReplication: ScenarioRuns.workload(scenario, configs).callsPerReplication, style: style)
    let outcome = PrecisionRuns.simulate(scenario, names: scenario.variants.map(\.name), configs: configs, goal: precision,
                                         pairs: pairs, controlVariates: controlVariates, jobs: jobs,
                                         onReplication: { progress.replicationFinished() })
    progress.finish()
    var ran = scenario
    ran.replications = outcome.replications
    let run = execution(ran, results: outcome.results, pairs: pairs, controlVariates: controlVariates)
    var fields: [String: JSON] = ["half_width": .number(precision.halfWidth), "max_replications": .integer(precision.maxReplications),
                                  "batch": .integer(outcome.batch), "replications": .integer(outcome.replications),
                                  "reached": .bool(outcome.reached)]
    if let w = outcome.widest {
        fields["widest"] = .object(["metric": .string(w.metric), "of": .string(w.of), "half_width": .number(w.halfWidth)])
    }
    return (run, ran, ["precision": .object(fields)], precisionSentence(outcome, goal: precision))
}

/// `run` and `compare` on one machine: the scenario run as asked (`executeAsAsked`), its
/// results and trace written, the precision sentence said; returns the execution, the
/// scenario as run and the files written, for the command's own report.
func executeAndWrite(_ scenario: Scenario, command: String, bytes: [UInt8], options: ScenarioRunOptions, precision: RunPrecision?,
                     pairs: ComparisonPairs = .none, tracing: TraceOptions) throws -> (execution: Execution, ran: Scenario, written: [String]) {
    try tracing.check(scenario)
    try options.refuseDefaultFolder(scenario, command: command)
    let (execution, ran, extra, sentence) = executeAsAsked(scenario, jobs: options.jobs, precision: precision, pairs: pairs,
                                                           controlVariates: options.controlVariates(scenario), progress: options.progress(command))
    let written = try writeResults(execution, command: command, scenario: ran, scenarioFile: options.scenario,
                                   bytes: bytes, out: options.out, manifestExtra: extra, force: options.force)
        + tracing.write(ran, jobs: options.jobs)
    if let sentence { options.json ? printError(sentence) : print(sentence) }
    return (execution, ran, written)
}

/// Shards run a fixed number of replications: `--precision` with `--shard` is refused
/// (exit 2); a scenario's `precision:` is set aside with a warning.
func precisionForShards(_ options: PrecisionOptions, goal: RunPrecision?, scenario: Scenario) throws {
    if options.precision != nil {
        throw ValidationError("--precision: shards run a fixed number of replications; run once to the precision, then shard "
            + "with the --replications it reports")
    }
    if goal != nil {
        printError("warning: the shards run the scenario's \(scenario.replications) replications: its precision: needs one machine "
            + "(give --replications to silence this)")
    }
}

/// What a run to a precision did, in a sentence.
func precisionSentence(_ outcome: PrecisionRuns.Outcome, goal: RunPrecision) -> String {
    let widest = outcome.widest.map { "; widest: \($0.of) \($0.metric) ±\(fixed(100 * $0.halfWidth, 2)) points" } ?? ""
    return (outcome.reached
        ? "precision: every headline rate within ±\(fixed(100 * goal.halfWidth, 2)) points after \(outcome.replications) replications"
        : "precision NOT reached: stopped at \(outcome.replications) replications (--max-replications \(goal.maxReplications))")
        + " (batches of \(outcome.batch))" + widest
}

/// The summary and replication blocks of the variants' results (simulated here, or put
/// together from shards by `merge`).
func execution(_ scenario: Scenario, results: [ReplicatedResult], pairs: ComparisonPairs, controlVariates: Bool,
               sampleWarning: Bool = true) -> Execution {
    Execution(summary: summarize(scenario, variants: scenario.variants, results: results, pairs: pairs, controlVariates: controlVariates,
                                 sampleWarning: sampleWarning),
              replications: zip(scenario.variants, results).map { ReplicationsFile.Block(variant: $0.name, result: $1) },
              ivrFlow: IVRFlowFile.json(variants: zip(scenario.variants, results).map { ($0.name, $0.config, $1) }))
}

/// Replications of every config on the same streams (`ScenarioRuns.simulate`), with a progress line.
func simulate(_ scenario: Scenario, _ configs: [CenterConfig], jobs: Int, progress style: ProgressStyle = ProgressStyle()) -> [ReplicatedResult] {
    let work = ScenarioRuns.workload(scenario, configs)
    let progress = ProgressLine(total: work.replications, callsPerReplication: work.callsPerReplication, style: style)
    let results = ScenarioRuns.simulate(scenario, configs, jobs: jobs) { progress.replicationFinished() }
    progress.finish()
    return results
}

/// Summaries of the variants' results (`ScenarioRuns.summarize`); its warnings printed.
func summarize(_ scenario: Scenario, variants: [ScenarioVariant], results: [ReplicatedResult], pairs: ComparisonPairs,
               controlVariates: Bool, sampleWarning: Bool = true) -> RunSummary {
    let (summary, warnings) = ScenarioRuns.summarize(scenario, variants: variants, results: results, pairs: pairs,
                                                     controlVariates: controlVariates)
    for warning in warnings {
        if case .unusualVolume = warning, !sampleWarning { continue }
        printError("warning: \(warning)")
    }
    return summary
}

/// Writes the results folder (`ResultsFiles.write`); exits with a runtime failure if it cannot.
func writeResults(_ run: Execution, command: String, scenario: Scenario, scenarioFile: String, bytes: [UInt8],
                  out: String?, manifestExtra: [String: JSON] = [:], force: Bool) throws -> [String] {
    var provenance = Invocation.provenance(command: command, scenarioFile: scenarioFile, bytes: bytes,
                                           serviceLevelTargetSeconds: scenario.config.serviceLevelTargetSeconds)
    provenance.serviceLevelGoal = scenario.serviceLevelGoal
    do {
        return try ResultsFiles.write(run.summary, replications: run.replications, provenance: provenance,
                                      to: resultsFolder(out, name: run.summary.scenario), manifestExtra: manifestExtra,
                                      ivrFlow: run.ivrFlow, force: force)
    } catch {
        printError("ccsim: \(error)")
        throw ExitCodes.runtimeFailure
    }
}

/// A run cut short by the simulated-time cap did not simulate what was asked: it exits 1
/// (after its results, which say so, are written) unless truncation is allowed.
func refuseTruncation(_ summaries: [RunSummary], allowed: Bool) throws {
    guard let message = ScenarioRuns.truncation(summaries) else { return }
    if allowed {
        printError("warning: " + message + "; allowed by --allow-truncation")
    } else {
        printError("ccsim: " + message + "; raise max_simulated_seconds or ask for fewer calls, or pass --allow-truncation")
        throw ExitCodes.runtimeFailure
    }
}
