import Measures
import Stochastic

/// Sample moments of n draws with large-sample confidence intervals.
///
/// - mean: x̄ ± z · s/√n;
/// - variance: s² ± z · √((m4 − s⁴)/n), the asymptotic standard error of the sample
///   variance, with m4 the sample fourth central moment (e.g. Casella & Berger §5.5).
public struct SampleMoments {
    public let n: Int
    public let mean: Double
    public let variance: Double
    public let meanHalfWidth: Double
    public let varianceHalfWidth: Double

    /// z = 3.891 is the two-sided 99.99 % normal quantile: a correct sampler fails a check
    /// with probability 1e-4 per moment, and each test uses one fixed seed (DESIGN.md,
    /// "Tests for stochastic code": the suite's budget of statistical asserts).
    public static let z = 3.891

    public init(_ draws: [Double], z: Double = SampleMoments.z) {
        n = draws.count
        let m = draws.reduce(0, +) / Double(n)
        var m2 = 0.0, m4 = 0.0
        for x in draws {
            let d = (x - m) * (x - m)
            m2 += d
            m4 += d * d
        }
        mean = m
        variance = m2 / Double(n - 1)
        let fourth = m4 / Double(n)
        meanHalfWidth = z * (variance / Double(n)).squareRoot()
        varianceHalfWidth = z * (max(0, fourth - variance * variance) / Double(n)).squareRoot()
    }

    public func meanCovers(_ expected: Double) -> Bool { abs(mean - expected) <= meanHalfWidth }
    public func varianceCovers(_ expected: Double) -> Bool { abs(variance - expected) <= varianceHalfWidth }
}

/// Draws `n` values of `distribution` from a stream reserved for tests.
public func draws(_ distribution: Distribution, n: Int, seed: UInt64, entity: Int = 0) -> [Double] {
    let stream = RandomStream(StreamID(seed: seed, purpose: .test, entity: entity), replication: 0)
    return (0..<n).map { _ in distribution.sample(stream) }
}

/// The confidence level of every simulation-vs-formula check: 99.99 %, so that a correct
/// model fails one with probability 1e-4.
public let wideLevel = 0.9999

/// A Student t interval at `wideLevel`.
public func wideInterval(_ samples: [Double]) -> ConfidenceInterval {
    ConfidenceInterval.studentT(samples, level: wideLevel)
}
