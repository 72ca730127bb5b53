import CGSL
import Foundation

/// GSL special functions and quantiles used by Measures, Staffing and the tests.
/// Arguments outside a function's domain give NaN (GSL's error handler is off; where GSL
/// returns a status, `_e` functions, anything but `GSL_SUCCESS` gives NaN).
public enum SpecialFunctions {
    /// Γ(x) (`gsl_sf_gamma_e`); NaN on a domain error or overflow (x > 171.6).
    public static func gamma(_ x: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        var result = gsl_sf_result()
        return gsl_sf_gamma_e(x, &result) == GSL_SUCCESS ? result.val : .nan
    }

    /// ln Γ(x) (`gsl_sf_lngamma_e`); NaN on a domain error.
    public static func lnGamma(_ x: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        var result = gsl_sf_result()
        return gsl_sf_lngamma_e(x, &result) == GSL_SUCCESS ? result.val : .nan
    }

    /// The p-quantile of Student's t with `degreesOfFreedom` (`gsl_cdf_tdist_Pinv`).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }

    /// P(T > t) for Student's t with `degreesOfFreedom` (`gsl_cdf_tdist_Q`).
    public static func studentTUpperTail(_ t: Double, degreesOfFreedom: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_tdist_Q(t, degreesOfFreedom)
    }

    /// The p-quantile of the standard normal (`gsl_cdf_ugaussian_Pinv`).
    public static func normalQuantile(_ p: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// P(N > k) for N ~ Poisson(mean) (`gsl_cdf_poisson_Q`).
    public static func poissonUpperTail(_ k: Int, mean: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        precondition(k >= 0 && k <= Int(UInt32.max))
        return gsl_cdf_poisson_Q(UInt32(k), mean)
    }

    /// P(K > k) for K ~ Binomial(trials, p) (`gsl_cdf_binomial_Q`).
    public static func binomialUpperTail(_ k: Int, trials: Int, p: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        precondition(k >= 0 && trials >= 0 && trials <= Int(UInt32.max))
        return gsl_cdf_binomial_Q(UInt32(k), p, UInt32(trials))
    }

    /// P(X > x) for X ~ χ² with `degreesOfFreedom` (`gsl_cdf_chisq_Q`).
    public static func chiSquareUpperTail(_ x: Double, degreesOfFreedom: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_chisq_Q(x, degreesOfFreedom)
    }

    /// The p-quantile of χ² with `degreesOfFreedom` (`gsl_cdf_chisq_Pinv`). Where GSL's
    /// Newton iteration gives up (NaN: it does for hundreds of thousands of degrees of
    /// freedom, e.g. a month's abandons in a patience interval), the root of F(x) = p by
    /// bisection on `gsl_cdf_chisq_P` (or 1 − p on `gsl_cdf_chisq_Q` above the median, for
    /// accuracy in that tail), bracketed around the Wilson–Hilferty approximation
    /// k (1 − 2/(9k) + z √(2/(9k)))³ (Johnson, Kotz & Balakrishnan 1994, §18.5).
    public static func chiSquareQuantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        let gsl = gsl_cdf_chisq_Pinv(p, k)
        guard gsl.isNaN, p > 0, p < 1, k > 0, k.isFinite else { return gsl }
        let c = 2 / (9 * k), z = gsl_cdf_ugaussian_Pinv(p)
        let guess = k * pow(max(1e-3, 1 - c + z * c.squareRoot()), 3), spread = (2 * k).squareRoot()
        // F(x) − p with the smaller tail computed directly: increasing in x.
        func excess(_ x: Double) -> Double { p < 0.5 ? gsl_cdf_chisq_P(x, k) - p : (1 - p) - gsl_cdf_chisq_Q(x, k) }
        var low = max(0, guess - 10 * spread), high = guess + 10 * spread
        while excess(low) > 0 && low > 0 { low = max(0, low - 10 * spread) }
        while excess(high) < 0 { high += 10 * spread }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { break }
            if excess(mid) < 0 { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// P(X ≤ x) for ln X ~ N(mu, sigma²) (`gsl_cdf_lognormal_P`).
    public static func lognormalCDF(_ x: Double, mu: Double, sigma: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_lognormal_P(x, mu, sigma)
    }

    /// P(K > d) for the Kolmogorov distribution of √n·D, large n: 2 Σ_{k≥1} (−1)^(k−1)
    /// e^(−2k²d²) (Kolmogorov 1933; Marsaglia, Tsang & Wang 2003 for its accuracy).
    public static func kolmogorovUpperTail(_ d: Double) -> Double {
        guard d > 0.2 else { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * d * d)
            sum += (k % 2 == 1 ? 1 : -1) * term
            if term < 1e-17 { break }
        }
        return min(1, max(0, 2 * sum))
    }
}
