import Foundation
import Stochastic

/// A duration law fitted to (possibly right-censored) observations: handling times, IVR
/// times, after-call work.
///
/// The observations' distribution is the Kaplan–Meier product-limit estimate (with no
/// censoring, the empirical distribution). Its mean m and standard deviation s give the
/// **mean-preserving lognormal** (moments: σ² = ln(1 + s²/m²), μ = ln m − σ²/2), not a
/// fit to the logarithms, which overstates the mean when the law is not lognormal; the
/// exponential of mean m is the other candidate. The one closer in Kolmogorov–Smirnov
/// distance D is kept unless D > 0.03 and √n·D exceeds 1.63 (the 1 % critical value;
/// conservative because the parameters were estimated); else `empirical`:
/// `quantileCount` values, the means of equal-probability slices of the estimate, scaled
/// so that their average is m exactly. Every candidate keeps the mean m.
///
/// A degenerate sample (one uncensored observation, or every event at one time) has no
/// spread to fit: its law is `deterministic` at the observed value, and `degenerate` says
/// why (fit.md, the scenario's comment and a warning on stderr repeat it).
public struct DurationFit: Sendable {
    public var observations: Int
    public var censored: Int
    public var mean: Double
    public var sd: Double
    /// 95 % interval of the mean (normal, s ÷ √n; with censoring a lower bound on its width).
    public var meanLow: Double
    public var meanHigh: Double
    public var ksDistance: Double
    /// P(√n·D ≥ observed) under the Kolmogorov law (approximate with estimated parameters).
    public var ksPValue: Double
    public var law: Distribution
    public var lawName: String {
        switch law {
        case .empirical: "empirical"
        case .exponential: "exponential"
        case .deterministic: "deterministic"
        default: "lognormal"
        }
    }
    /// Why the law is deterministic (a sample with no spread), else nil.
    public var degenerate: String?
    /// The estimate's distribution: ascending (time, F(time)) steps, for QQ plots.
    public var steps: [(time: Double, cdf: Double)]

    public static let quantileCount = 100

    /// nil when there is no uncensored observation or every value is 0.
    public init?(times: [Double], events: [Bool]? = nil) {
        let n = times.count
        let order = times.indices.sorted { times[$0] < times[$1] }
        // Product-limit steps at each distinct event time.
        var steps: [(Double, Double)] = []
        var survival = 1.0, atRisk = n, i = 0, uncensored = 0
        while i < n {
            let t = times[order[i]]
            var deaths = 0, leaving = 0
            while i < n && times[order[i]] == t {
                if events?[order[i]] ?? true { deaths += 1 }
                leaving += 1
                i += 1
            }
            if deaths > 0 {
                survival *= 1 - Double(deaths) / Double(atRisk)
                steps.append((t, 1 - survival))
                uncensored += deaths
            }
            atRisk -= leaving
        }
        guard uncensored >= 1, let lastTime = steps.last?.0, lastTime > 0 else { return nil }
        // Mass left beyond the last event (censored tail) is put at the last event time.
        if steps[steps.count - 1].1 < 1 { steps[steps.count - 1].1 = 1 }
        var m = 0.0, second = 0.0, previous = 0.0
        for (t, f) in steps {
            m += t * (f - previous); second += t * t * (f - previous); previous = f
        }
        let sd = max(0, second - m * m).squareRoot()
        self.observations = n
        self.censored = n - uncensored
        self.mean = m
        self.sd = sd * (Double(uncensored) / Double(max(1, uncensored - 1))).squareRoot()
        let half = 1.96 * self.sd / Double(uncensored).squareRoot()
        self.meanLow = m - half
        self.meanHigh = m + half
        self.steps = steps
        if uncensored == 1 || lastTime - steps[0].0 <= 1e-6 * lastTime {
            self.sd = 0
            self.meanLow = m
            self.meanHigh = m
            self.ksDistance = 0
            self.ksPValue = 1
            self.law = .deterministic(m)
            self.degenerate = uncensored == 1 ? "one observation (\(Self.seconds(m)) s): no spread to fit"
                : "all \(uncensored) observations are \(Self.seconds((m * 1000).rounded() / 1000)) s: no spread to fit"
            return
        }
        // Lognormal by moments and exponential of the same mean; the closer one to the estimate.
        let lognormal = Distribution.lognormal(mean: m, sd: max(self.sd, 1e-9 * m))
        guard case .lognormal(let mu, let sigma) = lognormal else { preconditionFailure() }
        func distance(_ cdf: (Double) -> Double) -> Double {
            var d = 0.0, previous = 0.0
            for (t, f) in steps {
                let fitted = cdf(t)
                d = max(d, abs(fitted - f), abs(fitted - previous))
                previous = f
            }
            return d
        }
        let dLognormal = distance { SpecialFunctions.lognormalCDF($0, mu: mu, sigma: sigma) }
        let dExponential = distance { -expm1(-$0 / m) }
        let (d, parametric) = dExponential < dLognormal ? (dExponential, Distribution.exponential(mean: m)) : (dLognormal, lognormal)
        self.ksDistance = d
        self.ksPValue = SpecialFunctions.kolmogorovUpperTail(d * Double(uncensored).squareRoot())
        self.law = d > 0.03 && d * Double(uncensored).squareRoot() > 1.63 ? .empirical(Self.sliceMeans(steps, mean: m)) : parametric
    }

    static func seconds(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }

    /// The means of `quantileCount` equal-probability slices of a step distribution,
    /// rescaled to average `mean`.
    static func sliceMeans(_ steps: [(Double, Double)], mean: Double) -> [Double] {
        let k = quantileCount
        var values = [Double](repeating: 0, count: k)
        var previous = 0.0
        for (t, f) in steps {
            // Spread the step's mass [previous, f) over the slices it covers.
            var low = previous
            while low < f {
                var slice = min(k - 1, Int(low * Double(k)))
                if slice < k - 1 && Double(slice + 1) / Double(k) <= low { slice += 1 }  // low·k rounded down a slice
                let top = slice == k - 1 ? f : min(f, Double(slice + 1) / Double(k))
                values[slice] += t * (top - low) * Double(k)
                low = top
            }
            previous = f
        }
        let average = values.reduce(0, +) / Double(k)
        return average > 0 ? values.map { ($0 * mean / average * 1e6).rounded() / 1e6 } : values
    }
}
