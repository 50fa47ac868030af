import Stochastics

/// A sample mean with its Student-t confidence interval: one cell of a sweep's table.
///
/// With n values, mean x̄ and sample standard deviation s (divisor n − 1), the interval is
/// x̄ ± t(1 − α/2, n − 1) · s / √n. It needs n ≥ 2; with one value the half-width is NaN.
/// Infinite values (a metric that was never reached, such as the startup p99 of a cluster
/// that never started its pods) make the mean infinite and the half-width NaN.
public struct MeanEstimate: Sendable, Hashable, Codable {
    /// Number of values.
    public var count: Int
    /// Sample mean.
    public var mean: Double
    /// Sample standard deviation (n − 1 divisor); 0 for one value.
    public var standardDeviation: Double
    /// Half-width of the interval (NaN below two values or with infinite values).
    public var halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public var confidence: Double

    /// Lower end of the interval.
    public var lower: Double { mean - halfWidth }
    /// Upper end of the interval.
    public var upper: Double { mean + halfWidth }

    /// Estimates the mean of `values`.
    /// - Parameters:
    ///   - values: the observations (one per replication).
    ///   - confidence: two-sided level in (0, 1).
    /// - Complexity: O(n).
    public init(_ values: [Double], confidence: Double = 0.95) {
        count = values.count
        self.confidence = confidence
        guard !values.isEmpty else {
            mean = .nan
            standardDeviation = .nan
            halfWidth = .nan
            return
        }
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        if values.contains(where: { !$0.isFinite }) {
            standardDeviation = .nan
            halfWidth = .nan
            return
        }
        guard values.count >= 2 else {
            standardDeviation = 0
            halfWidth = .nan
            return
        }
        let m = mean
        let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        standardDeviation = (squares / (n - 1)).squareRoot()
        halfWidth =
            StudentT.criticalValue(confidence: confidence, degreesOfFreedom: values.count - 1)
            * standardDeviation / n.squareRoot()
    }
}
