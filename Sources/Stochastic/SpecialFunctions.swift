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

    /// P(X > x) for X ~ χ² with `degreesOfFreedom` (`gsl_cdf_chisq_Q`).
    public static func chiSquareUpperTail(_ x: Double, degreesOfFreedom: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_chisq_Q(x, degreesOfFreedom)
    }

    /// The p-quantile of χ² with `degreesOfFreedom` (`gsl_cdf_chisq_Pinv`).
    public static func chiSquareQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_chisq_Pinv(p, degreesOfFreedom)
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
