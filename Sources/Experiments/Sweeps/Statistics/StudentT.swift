import Foundation

/// Student's t distribution: the quantiles behind every confidence interval of a sweep.
///
/// The CDF is computed from the regularized incomplete beta function
/// (`P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½)` for t ≥ 0), evaluated by Lentz's continued
/// fraction; the quantile inverts it by bisection to 1e-12. Accurate to at least six
/// significant digits, which is more than any replication count justifies.
public enum StudentT {
    /// The cumulative distribution function.
    /// - Parameters:
    ///   - t: the point.
    ///   - degreesOfFreedom: ν > 0.
    /// - Returns: P(T ≤ t).
    /// - Complexity: O(1) (at most 300 continued-fraction terms).
    public static func cdf(_ t: Double, degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let x = degreesOfFreedom / (degreesOfFreedom + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x, a: degreesOfFreedom / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The quantile function (inverse CDF).
    /// - Parameters:
    ///   - p: probability in (0, 1), e.g. 0.975 for a two-sided 95 % interval.
    ///   - degreesOfFreedom: ν > 0.
    /// - Returns: t with P(T ≤ t) = p.
    /// - Complexity: O(1) (about 80 bisection steps).
    public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        precondition(p > 0 && p < 1, "p must be in (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: degreesOfFreedom) }
        var low = 0.0
        var high = 1.0
        while cdf(high, degreesOfFreedom: degreesOfFreedom) < p { high *= 2 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if cdf(mid, degreesOfFreedom: degreesOfFreedom) < p { low = mid } else { high = mid }
            if high - low < 1e-12 * max(1, high) { break }
        }
        return (low + high) / 2
    }

    /// The two-sided critical value: `quantile((1 + confidence) / 2, ν)`.
    public static func criticalValue(confidence: Double, degreesOfFreedom: Int) -> Double {
        quantile((1 + confidence) / 2, degreesOfFreedom: Double(degreesOfFreedom))
    }

    // MARK: - Incomplete beta (Numerical Recipes §6.4, modified Lentz)

    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(logFront)
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
