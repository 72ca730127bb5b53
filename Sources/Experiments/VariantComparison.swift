import ContactCenter
import Measures
import Stochastic

/// Several variants of one scenario run on the same random streams (common random
/// numbers): replication r of every variant uses substream r of every stream, so the
/// per-replication differences between variants are far less noisy than the variants.
public struct VariantComparison: Sendable {
    public let variants: [(name: String, config: CenterConfig)]
    public let seed: UInt64
    public let replications: Int

    public init(variants: [(name: String, config: CenterConfig)], seed: UInt64, replications: Int) {
        precondition(!variants.isEmpty && replications >= 1 && seed <= StreamID.maxSeed)
        self.variants = variants
        self.seed = seed
        self.replications = replications
    }

    /// Runs every (variant, replication) pair on up to `jobs` threads; results do not
    /// depend on `jobs`.
    public func run(jobs: Int = availableCores, finished: @Sendable (Int) -> Void = { _ in }) -> [ReplicatedResult] {
        ReplicatedResult.simulate(variants.map(\.config), seed: seed, replications: replications, jobs: jobs, finished: finished)
    }

    /// Paired 95 % intervals of variant − baseline for every metric both define: the
    /// difference of the two ratio-of-sums estimates with the paired delta-method interval
    /// (`ConfidenceInterval.pairedRatioOfSums`).
    public static func differences(_ variant: ReplicatedResult, baseline: ReplicatedResult) -> [String: MetricSummary] {
        var out: [String: MetricSummary] = [:]
        let names = Set(variant.metricNames).intersection(baseline.metricNames)
        let silent = Set(CenterCounters.conditionalMetricNames.filter { name in
            !(variant.runs + baseline.runs).contains { $0.hasNonzero(name) }
        })
        for name in names where !silent.contains(name) {
            out[name] = MetricSummary(ConfidenceInterval.pairedRatioOfSums(baseline: baseline.fractions(name),
                                                                           variant: variant.fractions(name)))
        }
        return out
    }
}
