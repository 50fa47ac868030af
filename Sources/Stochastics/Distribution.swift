/// A distribution of non-negative values (durations in seconds, sizes in bytes, rates).
///
/// The scenario format's `{exponential: {mean}}`, `{lognormal: {median, sigma}}`, … map onto
/// these cases; units are the caller's (the Scenario layer passes seconds or bytes).
public enum Distribution: Sendable, Hashable {
    /// Always `value`.
    case constant(Double)
    /// Exponential with the given mean.
    case exponential(mean: Double)
    /// Lognormal: `exp(N(mu, sigma²))`; see ``lognormal(median:sigma:)``.
    case lognormal(mu: Double, sigma: Double)
    /// Flat on [min, max).
    case uniform(min: Double, max: Double)
    /// Gamma with shape k and scale θ (mean kθ).
    case gamma(shape: Double, scale: Double)
    /// Weibull with scale λ and shape k.
    case weibull(scale: Double, shape: Double)
    /// Resampling (bootstrap) from observed values, each equally likely.
    case empirical([Double])

    /// A lognormal given by its median (`e^mu`) and sigma, the form users think in.
    public static func lognormal(median: Double, sigma: Double) -> Distribution {
        .lognormal(mu: median > 0 ? mathLog(median) : -.infinity, sigma: sigma)
    }

    /// Problems with the parameters, in the scenario format's words; empty when valid.
    public var parameterProblems: [String] {
        func positive(_ value: Double, _ name: String) -> [String] {
            value.isFinite && value > 0 ? [] : ["\(name) must be a positive finite number, got \(value)"]
        }
        switch self {
        case .constant(let value):
            return value.isFinite && value >= 0 ? [] : ["value must be a non-negative finite number, got \(value)"]
        case .exponential(let mean): return positive(mean, "mean")
        case .lognormal(let mu, let sigma):
            return (mu.isFinite ? [] : ["median must be positive"])
                + (sigma.isFinite && sigma >= 0 ? [] : ["sigma must be ≥ 0, got \(sigma)"])
        case .uniform(let min, let max):
            return min.isFinite && max.isFinite && min >= 0 && min <= max
                ? [] : ["uniform needs 0 ≤ min ≤ max, got min \(min), max \(max)"]
        case .gamma(let shape, let scale): return positive(shape, "shape") + positive(scale, "scale")
        case .weibull(let scale, let shape): return positive(scale, "scale") + positive(shape, "shape")
        case .empirical(let values):
            if values.isEmpty { return ["empirical needs at least one value"] }
            return values.allSatisfy { $0.isFinite && $0 >= 0 } ? [] : ["empirical values must be non-negative numbers"]
        }
    }

    /// The theoretical mean (for documentation, tests and sanity checks).
    public var mean: Double {
        switch self {
        case .constant(let value): return value
        case .exponential(let mean): return mean
        case .lognormal(let mu, let sigma): return mathExp(mu + sigma * sigma / 2)
        case .uniform(let min, let max): return (min + max) / 2
        case .gamma(let shape, let scale): return shape * scale
        case .weibull(let scale, let shape): return scale * mathGamma(1 + 1 / shape)
        case .empirical(let values): return values.reduce(0, +) / Double(Swift.max(values.count, 1))
        }
    }

    /// Draws one value from `source`.
    /// - Complexity: O(1).
    public func sample(using source: inout RandomSource) -> Double {
        switch self {
        case .constant(let value): return value
        case .exponential(let mean): return source.exponential(mean: mean)
        case .lognormal(let mu, let sigma): return source.lognormal(mu: mu, sigma: sigma)
        case .uniform(let min, let max): return min == max ? min : source.uniform(min: min, max: max)
        case .gamma(let shape, let scale): return source.gamma(shape: shape, scale: scale)
        case .weibull(let scale, let shape): return source.weibull(scale: scale, shape: shape)
        case .empirical(let values): return values[source.integer(below: values.count)]
        }
    }
}
