import ContactCenter
import Experiments
import Foundation
import Reporting
import Scenario
import Stochastic

/// A scenario's variants run: their summary, every replication's figures and the IVR's
/// flow (`IVRFlowFile`; nil without an IVR).
struct Execution {
    let summary: RunSummary
    let replications: [ReplicationsFile.Block]
    var ivrFlow: JSON?
}

/// Runs every variant of a scenario with common random numbers, with a progress line,
/// and summarises it (with the paired differences `plan` asks for).
func execute(_ scenario: Scenario, jobs: Int, plan: ComparisonPlan = .none) -> Execution {
    execution(scenario, results: simulate(scenario, scenario.variants.map(\.config), jobs: jobs), plan: plan)
}

/// The summary and replication blocks of the variants' results (simulated here, or put
/// together from shards by `merge`).
func execution(_ scenario: Scenario, results: [ReplicatedResult], plan: ComparisonPlan) -> Execution {
    Execution(summary: summarize(scenario, variants: scenario.variants, results: results, plan: plan),
              replications: zip(scenario.variants, results).map { ReplicationsFile.Block(variant: $0.name, result: $1) },
              ivrFlow: IVRFlowFile.json(variants: zip(scenario.variants, results).map { ($0.name, $0.config, $1) }))
}

/// Replications of every config on the same streams (common random numbers), with a progress line.
func simulate(_ scenario: Scenario, _ configs: [CenterConfig], jobs: Int) -> [ReplicatedResult] {
    let comparison = VariantComparison(variants: configs.map { ("", $0) }, seed: scenario.seed,
                                       replications: scenario.replications)
    let progress = ProgressLine(total: configs.count * scenario.replications,
                                callsPerReplication: scenario.config.simulatedCallsPerReplication)
    let results = comparison.run(jobs: jobs) { _ in progress.replicationFinished() }
    progress.finish()
    return results
}

/// Summaries of the variants' results, with the paired differences `plan` asks for.
func summarize(_ scenario: Scenario, variants: [ScenarioVariant], results: [ReplicatedResult], plan: ComparisonPlan) -> RunSummary {
    let named = zip(variants, results).map { ($0.name, VariantSummary($1)) }
    let diffs = VariantComparison.differences(results, names: variants.map(\.name), plan: plan)
    let labels = results.first?.periodLabels ?? []
    for (name, summary) in named where summary.ivrStepLimitWalks > 0 {
        printError("warning: \(name): \(summary.ivrStepLimitWalks) IVR walk(s) reached \(IVRConfig.maxNodeVisits) node visits "
            + "(a loop in the menu graph callers kept going round); they end there, counted in ivr_step_limit_rate")
    }
    // Truncated runs are reported once, by `refuseTruncation`.
    for (name, summary) in named where summary.unfinishedCalls > 0 && summary.truncatedReplications == 0 {
        do {
            let offered = summary.metrics[Metric.offered.name].map { $0.mean * Double(scenario.replications) } ?? .nan
            let periods = summary.periodsWithUnfinishedCalls.map { labels.indices.contains($0) ? labels[$0] : "\($0)" }
            printError("warning: \(name): \(summary.unfinishedCalls) call(s) (\(fixed(100 * Double(summary.unfinishedCalls) / offered, 1)) % "
                + "of those offered, over all replications) were still waiting when the run ended, with no agent left to "
                + "serve them and no patience to leave" + (periods.isEmpty ? "" : " (arrived in " + periods.joined(separator: ", ") + ")")
                + "; they count as entered the queue, neither answered nor abandoned (metric unfinished)")
        }
    }
    return RunSummary(scenario: scenario.name, seed: scenario.seed, replications: scenario.replications,
                      variants: named, differences: diffs, plan: plan, periodLabels: labels)
}

/// Writes the results folder (`ResultsFiles.write`); exits with a runtime failure if it cannot.
func writeResults(_ run: Execution, command: String, scenario: Scenario, scenarioFile: String, bytes: [UInt8],
                  out: String?, manifestExtra: [String: JSON] = [:]) throws -> [String] {
    var provenance = Invocation.provenance(command: command, scenarioFile: scenarioFile, bytes: bytes,
                                           serviceLevelTargetSeconds: scenario.config.serviceLevelTargetSeconds)
    provenance.serviceLevelGoal = scenario.serviceLevelGoal
    do {
        return try ResultsFiles.write(run.summary, replications: run.replications, provenance: provenance,
                                      to: out ?? "Results/\(run.summary.scenario)", manifestExtra: manifestExtra,
                                      ivrFlow: run.ivrFlow)
    } catch {
        printError("ccsim: \(error)")
        throw ExitCodes.runtimeFailure
    }
}

/// A run cut short by the simulated-time cap did not simulate what was asked: it exits 1
/// (after its results, which say so, are written) unless truncation is allowed.
func refuseTruncation(_ summaries: [RunSummary], allowed: Bool) throws {
    var cut: [String] = []
    for summary in summaries {
        for name in summary.variantOrder {
            guard let v = summary.variants[name], v.truncatedReplications > 0 else { continue }
            // completed counts redials too: the share is at least 0.
            let share = v.requestedCalls.map { r in
                r > 0 ? " (\(fixed(100 * max(0, 1 - Double(v.completedCalls) / Double(r)), 1)) % of the requested calls never ended)" : ""
            } ?? ""
            cut.append("\(name): \(v.truncatedReplications) of \(summary.replications) replications\(share)")
        }
    }
    guard !cut.isEmpty else { return }
    let message = "runs stopped at horizon.max_simulated_seconds before their calls ended: " + Array(Set(cut)).sorted().joined(separator: "; ")
        + " (summary.json: truncated, stop_reason)"
    if allowed {
        printError("warning: " + message + "; allowed by --allow-truncation")
    } else {
        printError("ccsim: " + message + "; raise max_simulated_seconds or ask for fewer calls, or pass --allow-truncation")
        throw ExitCodes.runtimeFailure
    }
}
