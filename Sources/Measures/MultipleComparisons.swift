import Stochastic

extension ConfidenceInterval {
    /// The two-sided p-value of "the mean is 0" for this Student t (or delta-method)
    /// interval: t = mean ÷ SE with SE = half-width ÷ t_{1−α/2, n−1}, p = 2·P(T_{n−1} > |t|).
    /// A zero half-width with a nonzero mean gives 0 (the same difference in every
    /// replication); with mean 0 there is nothing to test (identical in every replication,
    /// e.g. the calls offered under common random numbers): NaN, as without an interval.
    public var pValueOfZero: Double {
        guard n >= 2, mean.isFinite, halfWidth.isFinite else { return .nan }
        guard halfWidth > 0 else { return mean == 0 ? .nan : 0 }
        let df = Double(n - 1)
        let se = halfWidth / SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: df)
        return min(1, 2 * SpecialFunctions.studentTUpperTail(abs(mean) / se, degreesOfFreedom: df))
    }
}

/// Holm's step-down correction (Holm, Scand. J. Statist. 6(2), 1979): with the m
/// p-values sorted, p_(1) ≤ … ≤ p_(m), reject the hypotheses of p_(1), …, p_(k−1) where
/// k is the first rank with p_(k) > α ÷ (m − k + 1). The chance of any false rejection
/// among the m is at most α, whatever their dependence (uniformly more powerful than
/// Bonferroni). NaN p-values are not tested (not rejected, not counted in m).
public enum Holm {
    /// Whether each hypothesis is rejected at family-wise level `alpha`, in input order.
    public static func rejected(_ pValues: [Double], alpha: Double = 0.05) -> [Bool] {
        let tested = pValues.indices.filter { !pValues[$0].isNaN }.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var out = pValues.map { _ in false }
        let m = tested.count
        for (rank, i) in tested.enumerated() {
            guard pValues[i] <= alpha / Double(m - rank) else { break }
            out[i] = true
        }
        return out
    }
}
