import CGSL

/// GSL special functions and quantiles used by Measures, Staffing and the tests.
/// Arguments outside a function's domain give NaN (GSL's error handler is off).
public enum SpecialFunctions {
    /// Γ(x) (`gsl_sf_gamma`).
    public static func gamma(_ x: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_sf_gamma(x)
    }

    /// ln Γ(x) (`gsl_sf_lngamma`).
    public static func lnGamma(_ x: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_sf_lngamma(x)
    }

    /// The p-quantile of Student's t with `degreesOfFreedom` (`gsl_cdf_tdist_Pinv`).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        GSL.ensureErrorHandlerOff()
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
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
}
