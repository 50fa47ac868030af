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
    ///
    /// - Parameters:
    ///   - scale: divisor from recorded units to reported units.
    ///   - censored: samples known only to be at least some value (pods that had not reached the
    ///     milestone when the run ended). They count in every percentile's rank, as if each were
    ///     slower than every recorded sample; a percentile whose rank falls among them, and the
    ///     maximum, are reported as unknown (`nil`) with ``DistributionSummary/atLeast``.
    /// - Returns: count, mean and minimum of the recorded samples; percentiles over recorded and
    ///   censored samples together.
    /// - Complexity: O(buckets) per percentile that must be walked (only when `censored` is not empty).
    public func summary(scale: Double = 1_000_000, censored: CensoredSamples = CensoredSamples()) -> DistributionSummary
    {
        guard count > 0 || censored.count > 0 else { return DistributionSummary() }
        func value(_ raw: UInt64) -> Double { DistributionSummary.round(Double(raw) / scale) }
        var result = DistributionSummary()
        result.count = Int(count)
        if count > 0 {
            result.mean = DistributionSummary.round(Double(sum) / Double(count) / scale)
            result.min = value(minimum)
        }
        result.p50 = quantile(50, censored: censored.count).map(value)
        result.p90 = quantile(90, censored: censored.count).map(value)
        result.p99 = quantile(99, censored: censored.count).map(value)
        result.p999 = quantile(99.9, censored: censored.count).map(value)
        result.max = censored.count > 0 ? nil : value(maximum)
        if censored.count > 0 {
            result.censored = censored.count
            result.atLeast = value(censored.minimum)
        }
        return result
    }

    /// The nearest-rank sample at `percentile` of the recorded samples plus `censored` samples
    /// ranked above all of them, or `nil` when that rank is a censored one.
    ///
    /// The rank is HdrHistogram's (`max(1, ⌈p·n/100⌉)`, with p one ulp lower so that exact
    /// products do not round up), over n = recorded + censored samples; the value at a recorded
    /// rank is the highest value equivalent to that sample, clamped to the exact extremes.
    /// - Parameters:
    ///   - percentile: in (0, 100).
    ///   - censored: samples above every recorded one.
    /// - Returns: the value in recorded units, or `nil` when the rank exceeds the recorded count.
    /// - Complexity: O(1) without censored samples beyond HdrHistogram's own walk; O(buckets) with.
    public func quantile(_ percentile: Double, censored: Int) -> UInt64? {
        precondition(percentile > 0 && percentile < 100, "percentile in (0, 100)")
        guard censored > 0 else { return count > 0 ? histogram.valueAtPercentile(percentile) : nil }
        let total = Double(count) + Double(censored)
        let rank = Swift.max(1, UInt64((percentile.nextDown * total / 100).rounded(.up)))
        guard rank <= count else { return nil }
        for step in histogram.recordedValues() where step.totalCountToThisValue >= rank {
            return Swift.min(Swift.max(step.value, minimum), maximum)
        }
        return maximum
    }
}
