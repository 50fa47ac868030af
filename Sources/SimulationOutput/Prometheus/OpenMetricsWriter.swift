import ClusterComponents
import SimulationCore

/// `metrics.om`: every series of ``MetricsRegistry`` at each sample of ``MetricsSampler``, in
/// the OpenMetrics 1.0 text format with timestamps, for
/// `promtool tsdb create-blocks-from openmetrics`.
///
/// OpenMetrics wants each family's samples together, and each series' points together in
/// increasing time, so the samples are kept until ``finish()``: per series, the sample
/// indices where it existed and its values there (one number per point for gauges and
/// counters; cumulative buckets then the sum for histograms). The file is written at the end
/// through a ``StreamingTextFile`` (a `.partial` file renamed into place), families in
/// ``MetricID`` order, series in the order they first appeared, ending with `# EOF`.
/// Memory and file size grow with series × samples: large runs turn it off
/// (`kubesim run --no-metrics-om`).
public final class OpenMetricsWriter {
    struct Series {
        var family: MetricID
        var labels: String
        var points: [Int32] = []
        var values: [Double] = []
    }

    /// Where the text goes.
    public let output: StreamingTextFile
    /// The series registry read at each sample.
    public let registry: MetricsRegistry
    /// Unix milliseconds of simulated time zero.
    public var startUnixMilliseconds: Int64
    private var times: [SimulationTime] = []
    private var series: [Series] = []
    private var index = [[String: Int]](repeating: [:], count: MetricID.allCases.count)
    private var finished = false

    /// A writer sampling `registry`, with timestamps counted from `startUnixMilliseconds`.
    public init(output: StreamingTextFile, registry: MetricsRegistry, startUnixMilliseconds: Int64) {
        self.output = output
        self.registry = registry
        self.startUnixMilliseconds = startUnixMilliseconds
    }

    /// Records every series at the cluster's current instant (once per instant).
    public func sample(_ cluster: ClusterView) {
        if let last = times.last, last == cluster.now { return }
        add(registry.snapshot(cluster))
    }

    /// Records a snapshot as the next sample; its time must be after the previous one.
    public func add(_ snapshot: MetricsSnapshot) {
        precondition(times.last.map { snapshot.time > $0 } ?? true, "samples must move forward in time")
        let point = Int32(times.count)
        times.append(snapshot.time)
        for id in MetricID.allCases {
            for entry in snapshot[id] {
                let position: Int
                if let known = index[id.rawValue][entry.labels] {
                    position = known
                } else {
                    position = series.count
                    series.append(Series(family: id, labels: entry.labels))
                    index[id.rawValue][entry.labels] = position
                }
                series[position].points.append(point)
                if let histogram = entry.histogram {
                    series[position].values += histogram.cumulativeCounts.map { Double($0) }
                    series[position].values.append(histogram.sum)
                } else {
                    series[position].values.append(entry.value)
                }
            }
        }
    }

    /// Writes the file and closes it.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        let stamps = times.map {
            ExpositionText.timestamp(unixMilliseconds: startUnixMilliseconds + $0.nanoseconds / 1_000_000)
        }
        var byFamily = [[Int]](repeating: [], count: MetricID.allCases.count)
        for (position, entry) in series.enumerated() { byFamily[entry.family.rawValue].append(position) }
        for id in MetricID.allCases where !byFamily[id.rawValue].isEmpty {
            let family = id.family
            output.append("# TYPE " + family.name + " " + family.kind.rawValue + "\n")
            output.append("# HELP " + family.name + " " + ExpositionText.escapeHelp(family.help) + "\n")
            for position in byFamily[id.rawValue] {
                write(series[position], family, stamps)
            }
        }
        output.append("# EOF\n")
        try output.close()
    }

    private func write(_ entry: Series, _ family: MetricFamily, _ stamps: [String]) {
        let labels = MetricsSnapshot.labelSet(entry.labels, job: family.job)
        if family.kind == .histogram {
            let width = family.buckets.count + 2
            let bounds = family.buckets.map(ExpositionText.value) + ["+Inf"]
            for (n, point) in entry.points.enumerated() {
                let stamp = stamps[Int(point)]
                var lines = ""
                let base = n * width
                for (b, bound) in bounds.enumerated() {
                    lines +=
                        family.name + "_bucket{" + labels + ",le=\"" + bound + "\"} "
                        + ExpositionText.value(entry.values[base + b]) + " " + stamp + "\n"
                }
                lines +=
                    family.name + "_count{" + labels + "} " + ExpositionText.value(entry.values[base + width - 2])
                    + " " + stamp + "\n"
                lines +=
                    family.name + "_sum{" + labels + "} " + ExpositionText.value(entry.values[base + width - 1])
                    + " " + stamp + "\n"
                output.append(lines)
            }
        } else {
            let prefix = family.sampleName + "{" + labels + "} "
            for (n, point) in entry.points.enumerated() {
                output.append(prefix + ExpositionText.value(entry.values[n]) + " " + stamps[Int(point)] + "\n")
            }
        }
    }
}
