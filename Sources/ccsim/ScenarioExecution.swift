import ContactCenter
import Experiments
import Foundation
import Reporting
import Scenario
import Stochastic

/// Runs every variant of a scenario with common random numbers, with a progress line,
/// and summarises it (with paired differences against the first variant if asked).
func execute(_ scenario: Scenario, jobs: Int, differences: Bool) -> RunSummary {
    summarize(scenario, variants: scenario.variants, results: simulate(scenario, scenario.variants.map(\.config), jobs: jobs),
              differences: differences)
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

/// Summaries of the variants' results, with paired differences from the first if asked.
func summarize(_ scenario: Scenario, variants: [ScenarioVariant], results: [ReplicatedResult], differences: Bool) -> RunSummary {
    let named = zip(variants, results).map { ($0.name, VariantSummary($1)) }
    var diffs: [String: [String: MetricSummary]] = [:]
    if differences {
        for (variant, result) in zip(variants, results).dropFirst() {
            diffs[variant.name] = VariantComparison.differences(result, baseline: results[0])
        }
    }
    let labels = results.first?.runs.first?.periodLabels ?? []
    for (name, summary) in named where summary.ivrStepLimitWalks > 0 {
        printError("warning: \(name): \(summary.ivrStepLimitWalks) IVR walk(s) reached \(IVRConfig.maxNodeVisits) node visits "
            + "(a loop in the menu graph callers kept going round); they end there, counted in ivr_step_limit_rate")
    }
    for (name, summary) in named where summary.unfinishedCalls > 0 {
        if summary.truncatedReplications > 0 {
            printError("warning: \(name): \(summary.truncatedReplications) replication(s) reached horizon.max_simulated_seconds "
                + "before every call finished; their unfinished calls are excluded")
        } else {
            let offered = summary.metrics["offered"].map { $0.mean * Double(scenario.replications) } ?? .nan
            let periods = summary.periodsWithUnfinishedCalls.map { labels.indices.contains($0) ? labels[$0] : "\($0)" }
            printError("warning: \(name): \(summary.unfinishedCalls) call(s) (\(fixed(100 * Double(summary.unfinishedCalls) / offered, 1)) % "
                + "of those offered, over all replications) were still waiting when the run ended, with no agent left to "
                + "serve them and no patience to leave" + (periods.isEmpty ? "" : " (arrived in " + periods.joined(separator: ", ") + ")")
                + "; they count as entered the queue, neither answered nor abandoned (metric unfinished)")
        }
    }
    return RunSummary(scenario: scenario.name, seed: scenario.seed, replications: scenario.replications,
                      variants: named, differences: diffs, periodLabels: results.first?.runs.first?.periodLabels ?? [])
}

/// Writes summary.json, summary.csv and manifest.json; exits with a runtime failure if it cannot.
func writeResults(_ summary: RunSummary, scenario: Scenario, scenarioFile: String, bytes: [UInt8], out: String?) throws -> [String] {
    let provenance = RunProvenance(
        scenarioFile: scenarioFile, scenarioSHA256: SHA256.hex(bytes), ccsimVersion: CCSimVersion.string,
        gslVersion: GSL.version, createdUTC: ISO8601DateFormatter().string(from: Date()),
        serviceLevelTargetSeconds: scenario.config.serviceLevelTargetSeconds)
    do {
        return try ResultsFiles.write(summary, provenance: provenance, to: out ?? "Results/\(summary.scenario)")
    } catch {
        printError("ccsim: \(error)")
        throw ExitCodes.runtimeFailure
    }
}
