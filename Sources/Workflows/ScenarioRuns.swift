import ContactCenter
import Experiments
import Foundation
import ScenarioFiles

/// The run pipeline of `run`, `compare`, `sweep` and `merge` as library functions that
/// return values: replications of a scenario's configurations on common random numbers,
/// their summaries with the paired differences asked for, and what the user must be told
/// (`RunWarning`, `truncation`). The CLI parses, calls these, and hands the values to
/// Reporting; nothing here prints or writes.
public enum ScenarioRuns {
    /// Replications of every configuration on the same streams (replication r of each on
    /// substream r); `onReplication` is called (from any thread) as each one ends.
    public static func simulate(_ scenario: Scenario, _ configs: [CenterConfig], jobs: Int,
                                onReplication: @escaping @Sendable () -> Void = {}) -> [ReplicatedResult] {
        let comparison = VariantComparison(variants: configs.map { ("", $0) }, seed: scenario.seed, replications: scenario.replications)
        return comparison.run(jobs: jobs) { _ in onReplication() }
    }

    /// The replications each progress report is about: configurations × replications,
    /// and the calls one replication simulates (for a rate).
    public static func workload(_ scenario: Scenario, _ configs: [CenterConfig]) -> (replications: Int, callsPerReplication: Int) {
        (configs.count * scenario.replications, configs.map(\.simulatedCallsPerReplication).max() ?? 0)
    }

    /// Summaries of the variants' results with the paired differences `pairs` asks for, and
    /// the warnings their figures call for.
    /// `controlVariates`: every estimate but the arrivals' uses each variant's
    /// `ControlVariates` (the day's busyness and arrivals) when there are enough
    /// replications (`ControlVariates.used`); false: the plain estimates.
    public static func summarize(_ scenario: Scenario, variants: [ScenarioVariant], results: [ReplicatedResult],
                                 pairs: ComparisonPairs, controlVariates asked: Bool = false) -> (summary: RunSummary, warnings: [RunWarning]) {
        let controlVariates = ControlVariates.used(asked: asked, replications: results.first?.records.count ?? 0,
                                                   configs: variants.map(\.config))
        let controls = variants.map { controlVariates ? ControlVariates($0.config) : nil }
        let named = zip(variants, zip(results, controls)).map { ($0.name, VariantSummary($1.0, controls: $1.1)) }
        let diffs = VariantComparison.differences(results, names: variants.map(\.name), pairs: pairs, controls: controls)
        let labels = results.first?.periodLabels ?? []
        var warnings: [RunWarning] = []
        for (name, summary) in named where summary.ivrStepLimitWalks > 0 {
            warnings.append(.ivrStepLimit(variant: name, walks: summary.ivrStepLimitWalks))
        }
        // Truncated runs are reported once, by `truncation`.
        for (name, summary) in named where summary.unfinishedCalls > 0 && summary.truncatedReplications == 0 {
            let offered = summary.metrics[Metric.offered.name].map { $0.mean * Double(scenario.replications) } ?? .nan
            let periods = summary.periodsWithUnfinishedCalls.map { labels.indices.contains($0) ? labels[$0] : "\($0)" }
            warnings.append(.unfinished(variant: name, calls: summary.unfinishedCalls,
                                        shareOfOffered: Double(summary.unfinishedCalls) / offered, periods: periods))
        }
        var warnedDays: [[Double]] = []  // variants on the same days (common random numbers) are warned about once
        for (v, result) in results.enumerated() {
            let days = result.fractions(Metric.offered.name).numerators
            guard !warnedDays.contains(days), let warning = unusualVolume(result, name: variants[v].name, config: variants[v].config)
            else { continue }
            warnedDays.append(days)
            warnings.append(warning)
        }
        let summary = RunSummary(scenario: scenario.name, seed: scenario.seed, replications: scenario.replications,
                                 variants: named, differences: diffs, pairs: pairs, periodLabels: labels,
                                 controlVariates: controlVariates)
        return (summary, warnings)
    }

    /// `RunWarning.unusualVolume` when the replications' mean first-attempt arrivals are
    /// more than 2 standard errors and 2 % from the expectation the rates give (known for
    /// Poisson arrivals: `ControlVariates`), else nil.
    static func unusualVolume(_ result: ReplicatedResult, name: String, config: CenterConfig) -> RunWarning? {
        guard let expected = ControlVariates(config).expectedOffered, expected > 0 else { return nil }
        let offered = result.fractions(Metric.offered.name).numerators
        let n = Double(offered.count)
        guard n >= 2 else { return nil }
        let mean = offered.reduce(0, +) / n
        let variance = offered.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let z = (mean - expected) / (variance / n).squareRoot()
        guard z.isFinite, abs(z) > 2, abs(mean / expected - 1) > 0.02 else { return nil }
        return .unusualVolume(variant: name, replications: offered.count, meanOffered: mean, expectedOffered: expected, standardErrors: z)
    }

    /// The metrics a sweep's terminal tables show for `config`, in order: the IVR's (with
    /// ports, their load and blocking), the lines' blocking, then the queue's.
    public static func sweepTableMetrics(_ config: CenterConfig) -> [String] {
        let parts = config.parts
        return ((parts.contains(.ivr) ? [Metric.meanIVRSeconds, .transferRate, .ivrAbandonRate] : [])
            + (parts.contains(.ivrPorts) ? [Metric.ivrPortsBusyMean, .ivrBlockRate] : []) + (parts.contains(.lines) ? [Metric.blockRate] : [])
            + [Metric.serviceLevel, .asaSeconds, .abandonRate]).map(\.name)
    }

    /// Why runs stopped at `horizon.max_simulated_seconds` before their calls ended (nil
    /// when none did): which variants, how many replications, and the share of the
    /// requested calls that never ended.
    public static func truncation(_ summaries: [RunSummary]) -> String? {
        var cut: [String] = []
        for summary in summaries {
            for name in summary.variantOrder {
                guard let v = summary.variants[name], v.truncatedReplications > 0 else { continue }
                // completed counts redials too: the share is at least 0.
                let share = v.requestedCalls.map { r in
                    r > 0 ? " (\(String(format: "%.1f", 100 * max(0, 1 - Double(v.completedCalls) / Double(r)))) % of the requested calls never ended)" : ""
                } ?? ""
                cut.append("\(name): \(v.truncatedReplications) of \(summary.replications) replications\(share)")
            }
        }
        guard !cut.isEmpty else { return nil }
        return "runs stopped at horizon.max_simulated_seconds before their calls ended: " + Array(Set(cut)).sorted().joined(separator: "; ")
            + " (summary.json: truncated, stop_reason)"
    }
}

/// What a run's figures call for telling the user.
public enum RunWarning: Sendable, Equatable, CustomStringConvertible {
    /// IVR walks that reached `IVRConfig.maxNodeVisits` node visits (a loop callers kept going round).
    case ivrStepLimit(variant: String, walks: Int)
    /// Calls still waiting when the run ended, with no agent left and no patience to leave.
    case unfinished(variant: String, calls: Int, shareOfOffered: Double, periods: [String])
    /// The simulated days' mean arrivals are far from what the rates give (a light or busy
    /// sample): more than 2 standard errors and 2 % away.
    case unusualVolume(variant: String, replications: Int, meanOffered: Double, expectedOffered: Double, standardErrors: Double)

    public var description: String {
        switch self {
        case .ivrStepLimit(let name, let walks):
            "\(name): \(walks) IVR walk(s) reached \(IVRConfig.maxNodeVisits) node visits (a loop in the menu graph callers "
                + "kept going round); they end there, counted in ivr_step_limit_rate"
        case .unfinished(let name, let calls, let share, let periods):
            "\(name): \(calls) call(s) (\(String(format: "%.1f", 100 * share)) % of those offered, over all replications) were "
                + "still waiting when the run ended, with no agent left to serve them and no patience to leave"
                + (periods.isEmpty ? "" : " (arrived in " + periods.joined(separator: ", ") + ")")
                + "; they count as entered the queue, neither answered nor abandoned (metric unfinished)"
        case .unusualVolume(let name, let n, let mean, let expected, let z):
            "\(name): the \(n) simulated replications average \(String(format: "%.0f", mean)) arrivals against the "
                + "\(String(format: "%.0f", expected)) the rates give (\(String(format: "%+.1f", 100 * (mean / expected - 1))) %, "
                + "\(String(format: "%+.1f", z)) standard errors): the figures describe \(mean < expected ? "lighter" : "busier") days than "
                + "the scenario's; run more (--precision 0.01, or more --replications)"
        }
    }
}
