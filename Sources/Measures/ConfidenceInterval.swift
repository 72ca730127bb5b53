import Stochastic

/// A two-sided confidence interval for a mean: mean ± halfWidth.
public struct ConfidenceInterval: Sendable, Equatable {
    public let mean: Double
    public let halfWidth: Double
    public let n: Int
    public let level: Double

    public init(mean: Double, halfWidth: Double, n: Int, level: Double) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.n = n
        self.level = level
    }

    public var low: Double { mean - halfWidth }
    public var high: Double { mean + halfWidth }

    public func contains(_ x: Double) -> Bool { x >= low && x <= high }

    /// Student t interval over independent replications: x̄ ± t_{1−α/2, n−1} · s/√n,
    /// with the t quantile from GSL (`gsl_cdf_tdist_Pinv`). With n = 1 the half-width is
    /// NaN (no estimate of spread); a sample with zero spread gives half-width 0.
    public static func studentT(_ tally: Tally, level: Double = 0.95) -> ConfidenceInterval {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        let n = tally.count
        guard n >= 2 else {
            return ConfidenceInterval(mean: n == 1 ? tally.mean : .nan, halfWidth: .nan, n: n, level: level)
        }
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))
        let halfWidth = t * tally.standardDeviation / Double(n).squareRoot()
        return ConfidenceInterval(mean: tally.mean, halfWidth: halfWidth, n: n, level: level)
    }

    public static func studentT(_ samples: [Double], level: Double = 0.95) -> ConfidenceInterval {
        studentT(Tally(samples), level: level)
    }

    /// Paired interval for E[Y − X] from the replication-wise differences y_r − x_r
    /// (common random numbers make the differences less variable than either side).
    public static func paired(_ x: [Double], _ y: [Double], level: Double = 0.95) -> ConfidenceInterval {
        precondition(x.count == y.count, "paired samples need equal lengths")
        return studentT(zip(x, y).map { $1 - $0 }, level: level)
    }
}
