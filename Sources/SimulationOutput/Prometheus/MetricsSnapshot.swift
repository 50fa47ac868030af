import SimulationCore

/// The value of every series at one instant, grouped by family in ``MetricID`` order. Built by
/// ``MetricsRegistry/snapshot(_:)``; rendered by ``PrometheusText`` (`/metrics`) and
/// accumulated by ``OpenMetricsWriter`` (`metrics.om`), so both show the same series.
public struct MetricsSnapshot: Sendable {
    /// One series: its labels (`name="value"` pairs without braces and without `job`) and its
    /// value, or its histogram.
    public struct Series: Sendable, Equatable {
        /// Rendered label pairs, escaped, comma-separated.
        public var labels: String
        /// Gauge or counter value (unused for histograms).
        public var value: Double
        /// Histogram state, for histogram families.
        public var histogram: BucketHistogram?
    }

    /// The instant.
    public var time: SimulationTime
    /// Series per family, indexed by ``MetricID/rawValue``, in the order they were added.
    public private(set) var families: [[Series]]

    /// An empty snapshot at `time`.
    public init(time: SimulationTime) {
        self.time = time
        families = [[Series]](repeating: [], count: MetricID.allCases.count)
    }

    /// Adds a gauge or counter series.
    public mutating func add(_ id: MetricID, _ labels: String, _ value: Double) {
        families[id.rawValue].append(Series(labels: labels, value: value, histogram: nil))
    }

    /// Adds a histogram series.
    public mutating func add(_ id: MetricID, _ labels: String, histogram: BucketHistogram) {
        families[id.rawValue].append(Series(labels: labels, value: 0, histogram: histogram))
    }

    /// The series of one family.
    public subscript(_ id: MetricID) -> [Series] { families[id.rawValue] }

    /// The full label set of a series as written: its labels, then `job`.
    static func labelSet(_ labels: String, job: String) -> String {
        labels.isEmpty ? "job=\"" + job + "\"" : labels + ",job=\"" + job + "\""
    }
}
