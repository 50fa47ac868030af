import SimulationCore

/// Where ``MetricsRegistry/collect(_:into:)`` puts each series: a ``MetricsSnapshot`` keeps
/// every series with its labels; ``OpenMetricsWriter`` asks for a series' labels only the first
/// time it sees its key, so a sample of unchanged pods renders no label string.
public protocol MetricsCollector {
    /// Adds a gauge or counter series. `key` is the registry's number for the series (the same
    /// key always stands for the same family and labels; one label set may get several keys
    /// over a run) or -1 when it has none; `labels` renders the label pairs (escaped,
    /// comma-separated, without braces and `job`) when the collector needs them.
    mutating func add(_ id: MetricID, key: Int32, _ value: Double, labels: () -> String)
    /// Adds a histogram series; `key` and `labels` as for a gauge.
    mutating func add(_ id: MetricID, key: Int32, histogram: BucketHistogram, labels: () -> String)
}

extension MetricsCollector {
    /// Adds a gauge or counter series without a key.
    public mutating func add(_ id: MetricID, _ labels: String, _ value: Double) {
        add(id, key: -1, value, labels: { labels })
    }

    /// Adds a histogram series without a key.
    public mutating func add(_ id: MetricID, _ labels: String, histogram: BucketHistogram) {
        add(id, key: -1, histogram: histogram, labels: { labels })
    }
}

/// The value of every series at one instant, grouped by family in ``MetricID`` order. Built by
/// ``MetricsRegistry/snapshot(_:)``; rendered by ``PrometheusText`` (`/metrics`) and
/// accumulated by ``OpenMetricsWriter`` (`metrics.om`), so both show the same series.
public struct MetricsSnapshot: MetricsCollector, Sendable {
    /// One series: its labels (`name="value"` pairs without braces and without `job`) and its
    /// value, or its histogram.
    public struct Series: Sendable, Equatable {
        /// Rendered label pairs, escaped, comma-separated.
        public var labels: String
        /// Gauge or counter value (unused for histograms).
        public var value: Double
        /// Histogram state, for histogram families.
        public var histogram: BucketHistogram?
        /// The registry's key for the series (``MetricsCollector``), or -1.
        public var key: Int32 = -1
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

    /// Adds a gauge or counter series with its labels.
    public mutating func add(_ id: MetricID, key: Int32, _ value: Double, labels: () -> String) {
        families[id.rawValue].append(Series(labels: labels(), value: value, histogram: nil, key: key))
    }

    /// Adds a histogram series with its labels.
    public mutating func add(_ id: MetricID, key: Int32, histogram: BucketHistogram, labels: () -> String) {
        families[id.rawValue].append(Series(labels: labels(), value: 0, histogram: histogram, key: key))
    }

    /// The series of one family.
    public subscript(_ id: MetricID) -> [Series] { families[id.rawValue] }

    /// The full label set of a series as written: its labels, then `job`.
    static func labelSet(_ labels: String, job: String) -> String {
        labels.isEmpty ? "job=\"" + job + "\"" : labels + ",job=\"" + job + "\""
    }
}
