import ContactCenter

/// Where a swept variant overtakes a reference the sweep leaves unchanged (the bank
/// hotline's speech prompt at rising recognition accuracy against the dynamic menu): per
/// metric with a better direction, the swept value at which the paired mean difference
/// (variant − reference, common random numbers) changes sign, by linear interpolation
/// between the two points around the change.
public struct BreakEven: Sendable, Equatable {
    public let variant: String
    public let reference: String
    public let metric: String
    public let outcome: Outcome
    /// Per point: the paired difference variant − reference (its mean and 95 % half-width).
    public let differences: [MetricSummary]

    public enum Outcome: Sendable, Equatable {
        /// The variant is better at every point.
        case everywhere
        /// At no point.
        case nowhere
        /// Better from `axis` on (rising: at the points above it) or up to it (falling),
        /// the sign change between points `below` and `below + 1`.
        case crossing(axis: Double, below: Int, rising: Bool)
        /// Better and worse more than once along the axis: no single break-even.
        case mixed
    }

    /// The break-evens of every variant that changes along the sweep against every variant
    /// that does not, for `metrics` (those with a better direction the model has), from
    /// each point's paired differences of all pairs (`RunSummary.differences`). `axis`:
    /// the swept values; `names`: the variants in plan order.
    public static func find(axis: [Double], names: [String], points: [[Difference]], changing: [Bool],
                            metrics: [String]) -> [BreakEven] {
        guard axis.count == points.count, axis.count >= 2, names.count == changing.count else { return [] }
        var out: [BreakEven] = []
        for (v, variant) in names.enumerated() where changing[v] {
            for (r, reference) in names.enumerated() where !changing[r] {
                for metric in metrics {
                    guard let better = Metric.named(metric)?.better else { continue }
                    let differences = points.compactMap { difference($0, variant: variant, reference: reference, metric: metric) }
                    guard differences.count == points.count else { continue }
                    out.append(BreakEven(variant: variant, reference: reference, metric: metric,
                                         outcome: outcome(axis: axis, differences: differences.map(\.mean), better: better),
                                         differences: differences))
                }
            }
        }
        return out
    }

    /// variant − reference at one point (the pair's difference, negated when the summary
    /// has it the other way round).
    static func difference(_ differences: [Difference], variant: String, reference: String, metric: String) -> MetricSummary? {
        for d in differences {
            if d.variant == variant && d.baseline == reference { return d.metrics[metric]?.interval }
            if d.variant == reference && d.baseline == variant, let m = d.metrics[metric]?.interval {
                return MetricSummary(mean: -m.mean, ciLow: -m.ciHigh, ciHigh: -m.ciLow, halfWidth: m.halfWidth, n: m.n)
            }
        }
        return nil
    }

    /// The sign pattern of the mean differences along the axis (better: > 0 for a metric
    /// where higher is better, < 0 where lower is); one change gives the crossing, by
    /// linear interpolation of the differences between its two points.
    public static func outcome(axis: [Double], differences d: [Double], better: Metric.Better) -> Outcome {
        let wins = d.map { better == .higher ? $0 > 0 : $0 < 0 }
        if wins.allSatisfy({ $0 }) { return .everywhere }
        if !wins.contains(true) { return .nowhere }
        let changes = zip(wins, wins.dropFirst()).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        guard changes.count == 1, let k = changes.first else { return .mixed }
        let t = d[k] / (d[k] - d[k + 1])
        return .crossing(axis: axis[k] + t * (axis[k + 1] - axis[k]), below: k, rising: wins[k + 1])
    }

    /// An axis value with at most 3 significant decimals.
    public static func number(_ x: Double) -> String {
        var s = String(format: "%.3f", x)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }
}
