import CGSL

/// Student's t distribution, from GSL (`gsl_cdf_tdist_P`, `gsl_cdf_tdist_Pinv`): the quantiles
/// behind every confidence interval of a sweep.
public enum StudentT {
    /// The cumulative distribution function.
    /// - Parameters:
    ///   - t: the point.
    ///   - degreesOfFreedom: ν > 0.
    /// - Returns: P(T ≤ t).
    /// - Complexity: O(1).
    public static func cdf(_ t: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        return gsl_cdf_tdist_P(t, degreesOfFreedom)
    }

    /// The quantile function (inverse CDF).
    /// - Parameters:
    ///   - p: probability in (0, 1), e.g. 0.975 for a two-sided 95 % interval.
    ///   - degreesOfFreedom: ν > 0.
    /// - Returns: t with P(T ≤ t) = p.
    /// - Complexity: O(1).
    public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        precondition(p > 0 && p < 1, "p must be in (0, 1)")
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }

    /// The two-sided critical value: `quantile((1 + confidence) / 2, ν)`.
    /// - Complexity: O(1).
    public static func criticalValue(confidence: Double, degreesOfFreedom: Int) -> Double {
        quantile((1 + confidence) / 2, degreesOfFreedom: Double(degreesOfFreedom))
    }
}
