import ContactCenter

/// A comparison's answer in words: for each variant against its baseline, the headline
/// metrics (`Metric.headline` with a better direction, `Metric.better`) on which it is
/// better or worse — a difference that survives Holm's correction — and those on which
/// no difference is established. Rates differ in points (pts), times in seconds.
public enum Verdict {
    /// One difference of a metric: its estimate and whether it survives Holm.
    public struct Figure: Sendable {
        public let mean: Double
        public let significant: Bool
        public init(mean: Double, significant: Bool) {
            self.mean = mean
            self.significant = significant
        }
    }

    /// "dynamic vs static: better on mean IVR time (−8.9 s), transfer rate (−0.8 pts); worse
    /// on abandonment (+0.4 pts); no significant difference on service level, ASA."
    public static func sentence(variant: String, baseline: String, figures: [String: Figure]) -> String {
        var better: [String] = [], worse: [String] = [], same: [String] = []
        for metric in Metric.headline {
            guard let direction = metric.better, let f = figures[metric.name], f.mean.isFinite else { continue }
            if !f.significant {
                same.append(metric.title)
                continue
            }
            let shown = metric.title + " (" + difference(f.mean, metric.name) + ")"
            if (f.mean > 0) == (direction == .higher) { better.append(shown) } else { worse.append(shown) }
        }
        var parts: [String] = []
        if !better.isEmpty { parts.append("better on " + better.joined(separator: ", ")) }
        if !worse.isEmpty { parts.append("worse on " + worse.joined(separator: ", ")) }
        if !same.isEmpty { parts.append("no significant difference on " + same.joined(separator: ", ")) }
        return "\(variant) vs \(baseline): " + (parts.isEmpty ? "no headline metric to compare" : parts.joined(separator: "; ")) + "."
    }

    /// A signed difference in its unit: rates in points, times in seconds, counts whole
    /// (a mean over replications, rounded), levels with two decimals.
    public static func difference(_ x: Double, _ metric: String) -> String {
        let sign = x > 0 ? "+" : (x < 0 ? "−" : "")
        switch Metric.kind(of: metric) {
        case .rate: return sign + fixed(abs(100 * x), 1) + " pts"
        case .seconds: return sign + fixed(abs(x), 1) + " s"
        case .count: return sign + fixed(abs(x), 0)
        case .level: return sign + fixed(abs(x), 2)
        }
    }
}
