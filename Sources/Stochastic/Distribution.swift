import CGSL
import Foundation

/// A probability distribution of a non-negative duration or amount, sampled by GSL.
/// An enum sampled through one `switch` (no existentials on the hot path).
///
/// Parameterisations (each case says its parameters):
/// - `exponential(mean:)`: rate 1/mean (`gsl_ran_exponential`).
/// - `erlang(phases:mean:)`: sum of `phases` exponentials of mean mean/phases (`gsl_ran_erlang`).
/// - `gamma(shape:scale:)`: density x^(k−1) e^(−x/θ) / (Γ(k) θ^k) (`gsl_ran_gamma`).
/// - `lognormal(mu:sigma:)`: ln X ~ N(mu, sigma²) (`gsl_ran_lognormal`); see
///   `lognormal(mean:sd:)` for the moment parameterisation.
/// - `weibull(shape:scale:)`: P(X > x) = exp(−(x/scale)^shape) (`gsl_ran_weibull(r, scale, shape)`).
/// - `deterministic(_:)`: always the value.
/// - `uniform(low:high:)`: flat on [low, high) (`gsl_ran_flat`).
/// - `empirical(_:)`: one of the listed values, each with probability 1/count.
/// - `mixture(_:)`: component i with probability weight_i (weights sum to 1).
/// - `piecewiseExponential(breaks:means:)`: a piecewise-constant hazard, 1/means[k] on
///   [breaks[k−1], breaks[k]) (breaks[−1] = 0, the last mean holds beyond the last break):
///   S(t) = exp(−∫₀ᵗ h). The occurrence/exposure estimate of censored waits (a
///   Kaplan–Meier-like curve with an exponential tail; Lawless, *Statistical Models and
///   Methods for Lifetime Data*, 2003, §3.4). Drawn by inversion of the cumulative hazard.
public enum Distribution: Sendable, Equatable {
    case exponential(mean: Double)
    case erlang(phases: Int, mean: Double)
    case gamma(shape: Double, scale: Double)
    case lognormal(mu: Double, sigma: Double)
    case weibull(shape: Double, scale: Double)
    case deterministic(Double)
    case uniform(low: Double, high: Double)
    case empirical([Double])
    case mixture([MixtureComponent])
    case piecewiseExponential(breaks: [Double], means: [Double])

    public struct MixtureComponent: Sendable, Equatable {
        public var weight: Double
        public var distribution: Distribution
        public init(weight: Double, _ distribution: Distribution) {
            self.weight = weight
            self.distribution = distribution
        }
    }

    /// Lognormal with the given mean and standard deviation of X itself:
    /// sigma² = ln(1 + sd²/mean²), mu = ln(mean) − sigma²/2.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log(1 + (sd * sd) / (mean * mean))
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// Draws one value. The number of uniforms consumed depends only on the distribution
    /// (and, for gamma-type laws, on GSL's rejection sampler), never on the caller.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double { sample(stream.handle) }

    /// Draws one value through a non-owning handle (the event loop's path).
    @inlinable
    public func sample(_ stream: RandomStreamHandle) -> Double {
        switch self {
        case .exponential(let mean): return gsl_ran_exponential(stream.rng, mean)
        case .erlang(let phases, let mean):
            return gsl_ran_erlang(stream.rng, mean / Double(phases), Double(phases))
        case .gamma(let shape, let scale): return gsl_ran_gamma(stream.rng, shape, scale)
        case .lognormal(let mu, let sigma): return gsl_ran_lognormal(stream.rng, mu, sigma)
        case .weibull(let shape, let scale): return gsl_ran_weibull(stream.rng, scale, shape)
        case .deterministic(let value): return value
        case .uniform(let low, let high): return gsl_ran_flat(stream.rng, low, high)
        case .piecewiseExponential(let breaks, let means):
            return Self.piecewiseExponentialQuantile(gsl_rng_uniform(stream.rng), breaks: breaks, means: means)
        case .empirical(let values):
            return values[Int(gsl_rng_uniform_int(stream.rng, UInt(values.count)))]
        case .mixture(let components):
            let u = gsl_rng_uniform(stream.rng)
            var cumulative = 0.0
            for component in components.dropLast() {
                cumulative += component.weight
                if u < cumulative { return component.distribution.sample(stream) }
            }
            return components[components.count - 1].distribution.sample(stream)
        }
    }

    /// The theoretical mean E[X].
    public var mean: Double {
        switch self {
        case .exponential(let mean): return mean
        case .erlang(_, let mean): return mean
        case .gamma(let shape, let scale): return shape * scale
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .weibull(let shape, let scale): return scale * SpecialFunctions.gamma(1 + 1 / shape)
        case .deterministic(let value): return value
        case .uniform(let low, let high): return (low + high) / 2
        case .empirical(let values): return values.reduce(0, +) / Double(values.count)
        case .mixture(let components):
            return components.reduce(0) { $0 + $1.weight * $1.distribution.mean }
        case .piecewiseExponential(let breaks, let means):
            return Self.piecewiseExponentialMoments(breaks: breaks, means: means).mean
        }
    }

    /// The theoretical variance Var[X].
    public var variance: Double {
        switch self {
        case .exponential(let mean): return mean * mean
        case .erlang(let phases, let mean): return mean * mean / Double(phases)
        case .gamma(let shape, let scale): return shape * scale * scale
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return (exp(s2) - 1) * exp(2 * mu + s2)
        case .weibull(let shape, let scale):
            let g1 = SpecialFunctions.gamma(1 + 1 / shape)
            return scale * scale * (SpecialFunctions.gamma(1 + 2 / shape) - g1 * g1)
        case .deterministic: return 0
        case .uniform(let low, let high): return (high - low) * (high - low) / 12
        case .empirical(let values):
            let m = mean
            return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        case .mixture(let components):
            let m = mean
            let secondMoment = components.reduce(0) {
                $0 + $1.weight * ($1.distribution.variance + $1.distribution.mean * $1.distribution.mean)
            }
            return secondMoment - m * m
        case .piecewiseExponential(let breaks, let means):
            let (mean, second) = Self.piecewiseExponentialMoments(breaks: breaks, means: means)
            return second - mean * mean
        }
    }

    /// F⁻¹(u) of the piecewise-constant hazard: the cumulative hazard −ln(1 − u) spent
    /// segment by segment (segment k of length L_k at rate 1/m_k holds L_k/m_k of it).
    @usableFromInline
    static func piecewiseExponentialQuantile(_ u: Double, breaks: [Double], means: [Double]) -> Double {
        var hazard = -log1p(-u)
        var start = 0.0
        for k in 0..<breaks.count {
            let held = (breaks[k] - start) / means[k]
            if hazard < held { return start + hazard * means[k] }
            hazard -= held
            start = breaks[k]
        }
        return start + hazard * means[means.count - 1]
    }

    /// E[X] = ∫ S and E[X²] = 2 ∫ t S(t) dt, segment by segment: on [a, b) with
    /// S(t) = S_a e^(−(t−a)/m) and e = e^(−(b−a)/m), ∫ S = S_a m (1 − e) and
    /// ∫ t S = S_a (m (a − b e) + m² (1 − e)); the unbounded last segment S_a m and S_a (m a + m²).
    static func piecewiseExponentialMoments(breaks: [Double], means: [Double]) -> (mean: Double, secondMoment: Double) {
        var survival = 1.0, start = 0.0, mean = 0.0, firstMomentOfS = 0.0
        for k in 0..<breaks.count {
            let m = means[k], e = exp(-(breaks[k] - start) / m)
            mean += survival * m * (1 - e)
            firstMomentOfS += survival * (m * (start - breaks[k] * e) + m * m * (1 - e))
            survival *= e
            start = breaks[k]
        }
        let m = means[means.count - 1]
        mean += survival * m
        firstMomentOfS += survival * (m * start + m * m)
        return (mean, 2 * firstMomentOfS)
    }

    /// The largest mean accepted (seconds, about 31.7 years): far beyond any contact-center
    /// duration, and small enough that no sum of samples along a run overflows to infinity.
    public static let maxMeanSeconds = 1e9

    /// Problems with the parameters, each as (parameter key, message), empty when valid.
    /// Durations must be finite and non-negative; scale parameters positive; mixture
    /// weights in [0, 1] summing to 1 (within 1e-9); the mean at most `maxMeanSeconds`
    /// (key "": the law as a whole).
    public var parameterProblems: [(key: String, message: String)] {
        let problems = ownParameterProblems
        guard problems.isEmpty, !(mean <= Self.maxMeanSeconds) else { return problems }
        return [("", "has a mean of \(mean) s; at most 1e9 s (about 31 years) is accepted")]
    }

    private var ownParameterProblems: [(key: String, message: String)] {
        var problems: [(key: String, message: String)] = []
        func positive(_ key: String, _ v: Double) {
            if !(v.isFinite && v > 0) { problems.append((key, "must be a positive finite number (got \(v))")) }
        }
        func nonNegative(_ key: String, _ v: Double) {
            if !(v.isFinite && v >= 0) { problems.append((key, "must be a finite number ≥ 0 (got \(v))")) }
        }
        switch self {
        case .exponential(let mean): positive("mean", mean)
        case .erlang(let phases, let mean):
            if phases < 1 { problems.append(("phases", "must be an integer ≥ 1 (got \(phases))")) }
            positive("mean", mean)
        case .gamma(let shape, let scale): positive("shape", shape); positive("scale", scale)
        case .lognormal(let mu, let sigma):
            if !mu.isFinite { problems.append(("mu", "must be finite (got \(mu))")) }
            positive("sigma", sigma)
        case .weibull(let shape, let scale): positive("shape", shape); positive("scale", scale)
        case .deterministic(let value): nonNegative("value", value)
        case .uniform(let low, let high):
            nonNegative("low", low); nonNegative("high", high)
            if low.isFinite && high.isFinite && !(high > low) {
                problems.append(("high", "must be greater than low (got \(high) ≤ \(low))"))
            }
        case .empirical(let values):
            if values.isEmpty { problems.append(("values", "must list at least one value (got none)")) }
            for (i, v) in values.enumerated() { nonNegative("values[\(i)]", v) }
        case .mixture(let components):
            if components.isEmpty { problems.append(("components", "must have at least one component (got none)")) }
            var total = 0.0
            for (i, c) in components.enumerated() {
                if !(c.weight >= 0 && c.weight <= 1) {
                    problems.append(("[\(i)].weight", "must be in [0, 1] (got \(c.weight))"))
                }
                total += c.weight
                for p in c.distribution.parameterProblems { problems.append(("[\(i)].\(p.key)", p.message)) }
            }
            if !components.isEmpty && abs(total - 1) > 1e-9 {
                problems.append(("weights", "must sum to 1 (got \(total))"))
            }
        case .piecewiseExponential(let breaks, let means):
            for (i, b) in breaks.enumerated() {
                positive("breaks[\(i)]", b)
                if i > 0, b.isFinite, breaks[i - 1].isFinite, !(b > breaks[i - 1]) {
                    problems.append(("breaks[\(i)]", "must be greater than the break before it (got \(b) ≤ \(breaks[i - 1]))"))
                }
            }
            for (i, m) in means.enumerated() { positive("means[\(i)]", m) }
            if means.count != breaks.count + 1 {
                problems.append(("means", "must list one mean more than breaks (got \(means.count) means for \(breaks.count) breaks)"))
            }
        }
        return problems
    }
}
