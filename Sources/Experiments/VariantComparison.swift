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

    /// The differences `pairs` asks for between `results` (named by `names`, declaration
    /// order), each metric's p-value, and Holm's correction over all of them at
    /// family-wise level `alpha` (`DifferenceSummary.survivesHolm`).
    /// `controls[v]`: variant v's control variates (nil entries or an empty list: plain);
    /// each difference uses its baseline's, observed on the same days as the variant's.
    public static func differences(_ results: [ReplicatedResult], names: [String], pairs: ComparisonPairs,
                                   controls: [ControlVariates?] = [], alpha: Double = 0.05) -> [Difference] {
        let compared: [(variant: Int, baseline: Int)]
        switch pairs {
        case .none: return []
        case .baseline(let name):
            guard let b = names.firstIndex(of: name) else { return [] }
            compared = names.indices.filter { $0 != b }.map { ($0, b) }
        case .allPairs:
            compared = names.indices.flatMap { j in (0..<j).map { (j, $0) } }
        }
        let intervals = compared.map {
            differences(results[$0.variant], baseline: results[$0.baseline],
                        controls: controls.indices.contains($0.baseline) ? controls[$0.baseline] : nil)
        }
        let keys = intervals.map { $0.keys.sorted() }
        let flat = zip(intervals, keys).flatMap { m, k in k.map { m[$0]! } }
        let p = flat.map { ConfidenceInterval(mean: $0.mean, halfWidth: $0.halfWidth, n: $0.n, level: 0.95).pValueOfZero }
        let kept = Holm.rejected(p, alpha: alpha)
        var index = 0
        return compared.indices.map { k in
            var metrics: [String: DifferenceSummary] = [:]
            for name in keys[k] {
                metrics[name] = DifferenceSummary(interval: flat[index], pValue: p[index], survivesHolm: kept[index])
                index += 1
            }
            return Difference(variant: names[compared[k].variant], baseline: names[compared[k].baseline], metrics: metrics)
        }
    }

    /// Paired 95 % intervals of variant − baseline for every metric both define: the
    /// difference of the two ratio-of-sums estimates with the paired delta-method interval
    /// (`ConfidenceInterval.pairedRatioOfSums`), with the baseline's control variates when
    /// given (the same days: common random numbers).
    public static func differences(_ variant: ReplicatedResult, baseline: ReplicatedResult,
                                   controls: ControlVariates? = nil) -> [String: MetricSummary] {
        let c = controls?.window(baseline)
        var out: [String: MetricSummary] = [:]
        let names = Set(variant.metricNames).intersection(baseline.metricNames)
        let silent = Set(CenterCounters.conditionalMetricNames.filter { name in
            !(variant.records + baseline.records).contains { $0.hasNonzero(name) }
        })
        for name in names where !silent.contains(name) {
            let plain = ConfidenceInterval.pairedRatioOfSums(baseline: baseline.fractions(name), variant: variant.fractions(name))
            out[name] = MetricSummary(plain: plain, controlled: c.flatMap { c in
                ControlVariates.applies(to: name)
                    ? ConfidenceInterval.pairedRatioOfSums(baseline: baseline.fractions(name), variant: variant.fractions(name),
                                                           controls: c.values, controlMeans: c.means)
                    : nil
            })
        }
        return out
    }
}
