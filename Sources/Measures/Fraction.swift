/// One replication's figure for a metric as numerator ÷ denominator, the form in which
/// replications are combined: the estimate over replications is Σ numerators ÷ Σ
/// denominators (`ConfidenceInterval.ratioOfSums`). A count or a per-replication quantity
/// (a day's 90th percentile of waits) is itself ÷ 1; a figure a replication does not
/// define (no calls to take a percentile of) is 0 ÷ 0, so it weighs nothing.
public struct Fraction: Sendable, Equatable {
    public var numerator: Double
    public var denominator: Double

    public init(_ numerator: Double, _ denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// A per-replication quantity (÷ 1), or 0 ÷ 0 when it is undefined (NaN).
    public init(quantity x: Double) {
        self = x.isNaN ? Fraction(0, 0) : Fraction(x, 1)
    }

    /// numerator ÷ denominator; NaN over an empty denominator.
    public var value: Double { denominator > 0 ? numerator / denominator : .nan }
}
