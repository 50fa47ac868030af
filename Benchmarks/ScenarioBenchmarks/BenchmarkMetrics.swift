import Benchmark

extension BenchmarkMetric {
    /// Pods scheduled per second of wall time (larger is better; not scaled by iterations).
    static let podsPerSecond = BenchmarkMetric.custom("pods/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Manifests loaded per second of wall time (larger is better).
    static let manifestsPerSecond = BenchmarkMetric.custom(
        "manifests/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Engine events processed per second of wall time of the run (larger is better).
    static let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Engine events processed by one run (a count, for reading events/s against).
    static let engineEvents = BenchmarkMetric.custom(
        "engine events", polarity: .prefersSmaller, useScalingFactor: false)
}

extension Duration {
    /// The duration in seconds.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
