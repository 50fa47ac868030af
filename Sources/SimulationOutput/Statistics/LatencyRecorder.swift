import Histogram
import SimulationCore

/// One distribution of a run (a latency, or a per-pod count) in an HdrHistogram.
///
/// Latencies are recorded in microseconds of simulated time. Every recorder uses
/// ``configuration``, so any two can be merged (HdrHistogram traps when the significant
/// digits or lowest discernible value differ). Percentiles are HdrHistogram's: the highest
/// value equivalent to the nearest-rank sample at three significant digits (so within 0.1 %
/// above it), clamped to the exact maximum; `min`, `max` and `mean` are exact.
public struct LatencyRecorder: Sendable {
    /// The shared histogram configuration: 1 µs to 30 days, three significant digits.
    public enum Configuration {
        /// Lowest discernible value (1 µs).
        public static let lowestDiscernibleValue: UInt64 = 1
        /// Highest trackable value (30 days in µs); larger samples are clamped to it.
        public static let highestTrackableValue: UInt64 = 30 * 86_400 * 1_000_000
        /// Significant decimal digits.
        public static let significantDigits: SignificantDigits = .three
    }

    /// The histogram (µs, or plain counts for count distributions).
    public private(set) var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: Configuration.lowestDiscernibleValue,
        highestTrackableValue: Configuration.highestTrackableValue,
        numberOfSignificantValueDigits: Configuration.significantDigits)
    private var sum: UInt64 = 0
    private var minimum: UInt64 = .max
    private var maximum: UInt64 = 0

    /// An empty recorder.
    public init() {}

    /// Samples recorded.
    public var count: UInt64 { histogram.totalCount }

    /// Records a duration, rounded to the nearest microsecond (negative durations count as zero).
    public mutating func record(_ duration: SimulationDuration) {
        let micros = duration.nanoseconds <= 0 ? 0 : UInt64((duration.nanoseconds + 500) / 1000)
        record(value: micros)
    }

    /// Records a raw value (µs, or a count).
    public mutating func record(value: UInt64) {
        let clamped = min(value, Configuration.highestTrackableValue)
        histogram.record(clamped)
        sum &+= clamped
        minimum = min(minimum, clamped)
        maximum = max(maximum, clamped)
    }

    /// The summary, dividing values by `scale` (1e6 turns µs into seconds; 1 keeps counts).
    public func summary(scale: Double = 1_000_000) -> DistributionSummary {
        guard count > 0 else { return DistributionSummary() }
        func value(_ raw: UInt64) -> Double { DistributionSummary.round(Double(raw) / scale) }
        return DistributionSummary(
            count: Int(count),
            mean: DistributionSummary.round(Double(sum) / Double(count) / scale),
            min: value(minimum),
            p50: value(histogram.valueAtPercentile(50)),
            p90: value(histogram.valueAtPercentile(90)),
            p99: value(histogram.valueAtPercentile(99)),
            p999: value(histogram.valueAtPercentile(99.9)),
            max: value(maximum))
    }
}

/// Count, mean and percentiles of one distribution, in seconds for latencies.
public struct DistributionSummary: Codable, Sendable, Hashable {
    /// Samples.
    public var count = 0
    /// Exact arithmetic mean.
    public var mean = 0.0
    /// Exact minimum.
    public var min = 0.0
    /// Median (HdrHistogram, three significant digits).
    public var p50 = 0.0
    /// 90th percentile.
    public var p90 = 0.0
    /// 99th percentile.
    public var p99 = 0.0
    /// 99.9th percentile.
    public var p999 = 0.0
    /// Exact maximum.
    public var max = 0.0

    /// An empty distribution (count 0, all zeros).
    public init() {}

    /// Creates a summary.
    public init(count: Int, mean: Double, min: Double, p50: Double, p90: Double, p99: Double, p999: Double, max: Double)
    {
        self.count = count
        self.mean = mean
        self.min = min
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    /// Rounds to six decimals (a microsecond, for seconds) so the JSON text is short and stable.
    static func round(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
