import CGSL

extension Distribution {
    /// The u-quantile F⁻¹(u) for u in (0, 1): a draw by inversion, so that two laws fed the
    /// same uniform give the same quantile of each (the same call is "slow" with every
    /// group: common random numbers across groups and variants).
    ///
    /// - exponential: −mean · ln(1 − u) (`gsl_cdf_exponential_Pinv`);
    /// - erlang(k, mean), gamma(shape, scale): `gsl_cdf_gamma_Pinv(u, k, mean/k)`,
    ///   `gsl_cdf_gamma_Pinv(u, shape, scale)`;
    /// - lognormal: exp(mu + sigma · Φ⁻¹(u)) (`gsl_cdf_lognormal_Pinv`);
    /// - weibull: scale · (−ln(1 − u))^(1/shape) (`gsl_cdf_weibull_Pinv`);
    /// - uniform: low + u · (high − low); deterministic: the value;
    /// - empirical: values[⌊u · n⌋], the empirical quantile when the values are ascending
    ///   (`preparedForInversion` sorts them; unsorted, still a valid draw);
    /// - mixture: composition: u picks component i (cumulative weights), and
    ///   (u − W_{i−1}) / w_i is that component's uniform. A valid draw from the mixture,
    ///   monotone in u within a component (not the mixture's own F⁻¹, which has no closed form);
    /// - piecewise exponential: the cumulative hazard −ln(1 − u) inverted segment by segment.
    /// Results are finite and ≥ 0 for validated parameters (`parameterProblems` empty).
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .exponential(let mean): return gsl_cdf_exponential_Pinv(u, mean)
        case .erlang(let phases, let mean): return Self.gammaQuantile(u, shape: Double(phases), scale: mean / Double(phases))
        case .gamma(let shape, let scale): return Self.gammaQuantile(u, shape: shape, scale: scale)
        case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_Pinv(u, mu, sigma)
        case .weibull(let shape, let scale): return gsl_cdf_weibull_Pinv(u, scale, shape)
        case .deterministic(let value): return value
        case .uniform(let low, let high): return low + u * (high - low)
        case .empirical(let values):
            return values[min(values.count - 1, Int(u * Double(values.count)))]
        case .piecewiseExponential(let breaks, let means):
            return Self.piecewiseExponentialQuantile(u, breaks: breaks, means: means)
        case .mixture(let components):
            var cumulative = 0.0
            for component in components.dropLast() where component.weight > 0 {
                if u < cumulative + component.weight {
                    return component.distribution.quantile(min(max((u - cumulative) / component.weight, 0x1p-53), 1 - 0x1p-53))
                }
                cumulative += component.weight
            }
            let last = components[components.count - 1]
            let rest = 1 - cumulative
            let v = rest > 0 ? (u - cumulative) / rest : 0.5
            return last.distribution.quantile(min(max(v, 0x1p-53), 1 - 0x1p-53))
        }
    }

    /// The same law with empirical values in ascending order (also inside mixtures), so
    /// that `quantile` is monotone in u. Sampling is unchanged in law.
    public var preparedForInversion: Distribution {
        switch self {
        case .empirical(let values): return .empirical(values.sorted())
        case .mixture(let components):
            return .mixture(components.map { MixtureComponent(weight: $0.weight, $0.distribution.preparedForInversion) })
        default: return self
        }
    }

    /// `gsl_cdf_gamma_Pinv`; GSL returns NaN (its error handler is off) when its Newton
    /// refinement does not converge, which happens only at the extreme tails: then the
    /// u-quantile of the Wilson–Hilferty normal approximation, x ≈ k·θ·(1 − 1/(9k) +
    /// z·√(1/(9k)))³ (Wilson & Hilferty 1931), clamped at 0.
    static func gammaQuantile(_ u: Double, shape: Double, scale: Double) -> Double {
        GSL.ensureErrorHandlerOff()  // GSL reports non-convergence through its handler
        let x = gsl_cdf_gamma_Pinv(u, shape, scale)
        if x.isFinite && x >= 0 { return x }
        let z = gsl_cdf_ugaussian_Pinv(u)
        let c = 1 / (9 * shape)
        let cube = 1 - c + z * c.squareRoot()
        return max(0, shape * scale * cube * cube * cube)
    }
}
