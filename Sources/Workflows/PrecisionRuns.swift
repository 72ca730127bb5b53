import ContactCenter
import Experiments
import ScenarioFiles

/// Replications to a stated precision (`--precision P`, `precision:` in a scenario):
/// batches of the scenario's replications are simulated until every headline rate
/// (`Metric.headline` of kind rate: service level, abandonment, occupancy, the IVR's
/// shares…) of every variant — and, in a comparison, of every paired difference — has a
/// 95 % half-width ≤ P, or `maxReplications` is reached. Replication r of every
/// configuration is substream r whatever the batches, and the stop is decided after whole
/// batches, so the results are those of a run of that many replications, byte for byte,
/// for any `--jobs`.
public enum PrecisionRuns {
    /// Why the batches stopped, and the widest interval then.
    public struct Outcome: Sendable {
        public let results: [ReplicatedResult]
        public let replications: Int
        public let batch: Int
        public let reached: Bool
        /// The widest headline rate: its metric, where (a variant, or `<variant>-minus-<baseline>`), its half-width.
        public let widest: (metric: String, of: String, halfWidth: Double)?
    }

    /// Runs `configs` (named `names`, the scenario's variants) in batches of
    /// `scenario.replications` until `goal` holds. `onReplication` is called as each
    /// replication ends.
    public static func simulate(_ scenario: Scenario, names: [String], configs: [CenterConfig], goal: RunPrecision,
                                pairs: ComparisonPairs, controlVariates: Bool, jobs: Int,
                                onReplication: @escaping @Sendable () -> Void = {}) -> Outcome {
        let batch = scenario.replications
        let controls = configs.map { controlVariates ? ControlVariates($0) : nil }
        var shards: [ShardResult] = [], n = 0
        while true {
            let units = configs.indices.flatMap { c in (n..<(n + batch)).map { ShardSplit.Unit(config: c, replication: $0) } }
            shards.append(ShardResult.simulate(configs, units: units, seed: scenario.seed, jobs: jobs) { _ in onReplication() })
            n += batch
            let results = ShardResult.combine(shards, configs: configs, replications: n)
            let used = ControlVariates.used(asked: controlVariates, replications: n, configs: configs)
            let widest = widest(results, names: names, pairs: pairs, controls: used ? controls : configs.map { _ in nil })
            let reached = widest.map { $0.halfWidth <= goal.halfWidth } ?? true
            if reached || n + batch > goal.maxReplications {
                return Outcome(results: results, replications: n, batch: batch, reached: reached, widest: widest)
            }
        }
    }

    /// The headline rates' widest 95 % half-width over the variants and the paired
    /// differences `pairs` asks for (NaN half-widths, of figures without calls, left out).
    static func widest(_ results: [ReplicatedResult], names: [String], pairs: ComparisonPairs,
                       controls: [ControlVariates?]) -> (metric: String, of: String, halfWidth: Double)? {
        let rates = Metric.headline.filter { $0.kind == .rate }.map(\.name)
        var candidates: [(metric: String, of: String, halfWidth: Double)] = []
        for (v, result) in results.enumerated() {
            for metric in rates where result.metricNames.contains(metric) {
                let ci = controls[v].map { result.interval(metric, controls: $0) } ?? result.interval(metric)
                candidates.append((metric, names[v], ci.halfWidth))
            }
        }
        for d in VariantComparison.differences(results, names: names, pairs: pairs, controls: controls) {
            for metric in rates {
                if let m = d.metrics[metric] { candidates.append((metric, d.name, m.interval.halfWidth)) }
            }
        }
        return candidates.filter { $0.halfWidth.isFinite }.max { $0.halfWidth < $1.halfWidth }
    }
}
