import ClusterComponents
import SimulationCore

/// `metrics.om`: every series of ``MetricsRegistry`` at each sample of ``MetricsSampler``, in
/// the OpenMetrics 1.0 text format with timestamps, for
/// `promtool tsdb create-blocks-from openmetrics`.
///
/// OpenMetrics wants each family's samples together, and each series' points together in
/// increasing time, so the samples are kept until ``finish()``, numerically and compactly, in
/// an ``OpenMetricsTable``: per series, runs of consecutive samples at which it had one value,
/// so memory grows with the series and their changes, not with series × samples (a pod's phase
/// gauge changes two or three times in a day of 288 samples); a histogram's run points at its
/// state (cumulative buckets, then the sum), kept once per change. At a sample the registry
/// hands its series straight to the table (``MetricsRegistry/collect(_:into:)``, no
/// ``MetricsSnapshot``); a series is found by the key the registry gave it (an array index),
/// and by its labels only the first time a key is seen, so a pod whose labels did not change
/// costs no string and no hash.
///
/// The file is written at the end through a ``StreamingTextFile`` (a `.partial` file renamed
/// into place), families in ``MetricID`` order, series in the order they first appeared,
/// ending with `# EOF`: the bytes are those the earlier `String`-per-line writer produced.
/// Lines are appended as bytes into the file's buffer: each run's line up to the timestamp
/// (`name{labels,job="…"} value`) is built once, each sample's ` timestamp\n` once, so a line
/// costs two copies; with an ``OutputThread`` (``RunOutputs`` with a directory) the full
/// buffers are written there while the rest is formatted. The file itself still grows with
/// series × samples (every point is a line: 2.3 GB for the 100-node, 24-hour envelope); a run
/// too large for that turns it off (`kubesim run --no-metrics-om`).
public final class OpenMetricsWriter {
    /// Where the text goes.
    public let output: StreamingTextFile
    /// The series registry read at each sample.
    public let registry: MetricsRegistry
    /// Unix milliseconds of simulated time zero.
    public var startUnixMilliseconds: Int64
    private var times: [SimulationTime] = []
    /// Every series' points so far.
    private var table = OpenMetricsTable()
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
        begin(cluster.now)
        registry.collect(cluster, into: &table)
    }

    /// Records a snapshot as the next sample; its time must be after the previous one.
    /// - Complexity: O(series in the snapshot × buckets), with no hashing for keyed series
    ///   already seen.
    public func add(_ snapshot: MetricsSnapshot) {
        begin(snapshot.time)
        for id in MetricID.allCases {
            for entry in snapshot[id] {
                if let histogram = entry.histogram {
                    table.add(id, key: entry.key, histogram: histogram, labels: { entry.labels })
                } else {
                    table.add(id, key: entry.key, entry.value, labels: { entry.labels })
                }
            }
        }
    }

    /// Starts the next sample, at `time`.
    private func begin(_ time: SimulationTime) {
        precondition(times.last.map { time > $0 } ?? true, "samples must move forward in time")
        table.point = Int32(times.count)
        times.append(time)
    }

    /// Writes the file and closes it.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        // Each sample's ` <timestamp>` and line feed: the end of every line at that sample.
        var stamps = ByteTable()
        for time in times {
            let stamp = ExpositionText.timestamp(unixMilliseconds: startUnixMilliseconds + time.nanoseconds / 1_000_000)
            stamps.add(" ", stamp, "\n")
        }
        var byFamily = [[Int]](repeating: [], count: MetricID.allCases.count)
        for (position, entry) in table.series.enumerated() { byFamily[entry.family.rawValue].append(position) }
        for id in MetricID.allCases where !byFamily[id.rawValue].isEmpty {
            let family = id.family
            output.append("# TYPE " + family.name + " " + family.kind.rawValue + "\n")
            output.append("# HELP " + family.name + " " + ExpositionText.escapeHelp(family.help) + "\n")
            if family.kind == .histogram {
                let bounds = family.buckets.map(ExpositionText.value) + ["+Inf"]
                for position in byFamily[id.rawValue] { writeHistogram(table.series[position], family, bounds, stamps) }
            } else {
                for position in byFamily[id.rawValue] { writeScalar(table.series[position], family, stamps) }
            }
        }
        output.append("# EOF\n")
        try output.close()
    }

    /// `name{labels,job="…"} ` as bytes, for the `name` of one line.
    private static func linePrefix(_ name: String, _ entry: OpenMetricsTable.Series, _ family: MetricFamily) -> [UInt8]
    {
        var prefix: [UInt8] = []
        prefix.append(contentsOf: name.utf8)
        prefix.append(UInt8(ascii: "{"))
        prefix.append(contentsOf: MetricsSnapshot.labelSet(entry.labels, job: family.job).utf8)
        prefix.append(contentsOf: "} ".utf8)
        return prefix
    }

    /// `name{labels} value stamp` per point: the line up to the stamp once per run, then per
    /// point that and the stamp.
    private func writeScalar(_ entry: OpenMetricsTable.Series, _ family: MetricFamily, _ stamps: ByteTable) {
        let prefix = Self.linePrefix(family.sampleName, entry, family)
        for run in entry.runs {
            var line = prefix
            line.append(contentsOf: ExpositionText.value(Double(bitPattern: run.value)).utf8)
            output.append { out in
                line.withUnsafeBufferPointer { line in
                    for point in Int(run.first)..<Int(run.first + run.count) {
                        out.append(contentsOf: line)
                        stamps.append(point, to: &out)
                    }
                }
            }
        }
    }

    /// Per point, the `_bucket` lines (one per bound, `+Inf` last), `_count` and `_sum`: each
    /// line up to the stamp once per run.
    private func writeHistogram(
        _ entry: OpenMetricsTable.Series, _ family: MetricFamily, _ bounds: [String], _ stamps: ByteTable
    ) {
        let bucket = Self.linePrefix(family.name + "_bucket", entry, family).dropLast(2)
        let count = Self.linePrefix(family.name + "_count", entry, family)
        let sum = Self.linePrefix(family.name + "_sum", entry, family)
        for run in entry.runs {
            let start = Int(run.value)
            let state = table.histogramStates[start..<(start + bounds.count + 1)]
            var lines = ByteTable()
            for (bound, value) in zip(bounds, state) {
                lines.add(bucket, ",le=\"" + bound + "\"} " + ExpositionText.value(value))
            }
            // `_count` is the +Inf bucket; the state's last number is the sum.
            lines.add(count, ExpositionText.value(state[start + bounds.count - 1]))
            lines.add(sum, ExpositionText.value(state[start + bounds.count]))
            output.append { out in
                for point in Int(run.first)..<Int(run.first + run.count) {
                    for line in 0..<lines.count {
                        lines.append(line, to: &out)
                        stamps.append(point, to: &out)
                    }
                }
            }
        }
    }
}

/// Short byte strings back to back in one array (line starts, timestamps), appended to an
/// output buffer by number.
struct ByteTable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// The number of entries.
    var count: Int { ends.count }

    /// Adds the pieces, joined, as entry number ``count``.
    mutating func add(_ pieces: String...) {
        for piece in pieces { bytes.append(contentsOf: piece.utf8) }
        ends.append(bytes.count)
    }

    /// Adds `start` then `end`'s bytes as entry number ``count``.
    mutating func add(_ start: some Sequence<UInt8>, _ end: String) {
        bytes.append(contentsOf: start)
        bytes.append(contentsOf: end.utf8)
        ends.append(bytes.count)
    }

    /// Appends entry `index` to `out`.
    /// - Complexity: O(its length).
    @inline(__always)
    func append(_ index: Int, to out: inout [UInt8]) {
        let start = index == 0 ? 0 : ends[index - 1]
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }
}
