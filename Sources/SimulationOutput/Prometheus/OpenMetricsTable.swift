/// The points of every series ``OpenMetricsWriter`` has seen, kept numerically until the file
/// is written: per series, runs of consecutive samples with one value (``Run``), so memory
/// grows with the series and their changes rather than with series × samples.
///
/// A series is found by its key (an array index) once its key has been seen, and by its
/// family and labels the first time (one hash per new key), so it is the same series whatever
/// key it comes with (``MetricsCollector``): the file is the same as when every series was
/// looked up by its labels.
struct OpenMetricsTable: MetricsCollector {
    /// One series: its family, its labels, and its points in time order.
    struct Series {
        var family: MetricID
        var labels: String
        var runs: [Run] = []
    }

    /// The samples `first ..< first + count` (consecutive sample numbers) at which a series
    /// had one value: for a gauge or counter, the value's bit pattern (so `-0.0` and NaN are
    /// written as they came); for a histogram, the index in ``histogramStates`` of its state.
    struct Run {
        var first: Int32
        var count: Int32
        var value: UInt64
    }

    /// The series, in the order they first appeared.
    private(set) var series: [Series] = []
    /// Histogram states, each its cumulative bucket counts then its sum, back to back.
    private(set) var histogramStates: [Double] = []
    /// The number of the sample being added.
    var point: Int32 = 0
    /// Per family, the position in ``series`` of each label set seen.
    private var index = [[String: Int32]](repeating: [:], count: MetricID.allCases.count)
    /// Per key, the position in ``series`` plus one (0: key not seen yet).
    private var positionByKey: [Int32] = []

    /// Adds a gauge or counter value at ``point``: extends the series' last run when that ends
    /// at the previous sample with the same value.
    /// - Complexity: amortised O(1) for a key seen before; O(labels) otherwise.
    mutating func add(_ id: MetricID, key: Int32, _ value: Double, labels: () -> String) {
        let position = self.position(id, key, labels)
        let bits = value.bitPattern
        let last = series[position].runs.count - 1
        if last >= 0, series[position].runs[last].first + series[position].runs[last].count == point,
            series[position].runs[last].value == bits
        {
            series[position].runs[last].count += 1
        } else {
            series[position].runs.append(Run(first: point, count: 1, value: bits))
        }
    }

    /// Adds a histogram's state at ``point``: extends the series' last run when that ends at
    /// the previous sample with the same state, else keeps the state in ``histogramStates``.
    /// - Complexity: O(buckets).
    mutating func add(_ id: MetricID, key: Int32, histogram: BucketHistogram, labels: () -> String) {
        let position = self.position(id, key, labels)
        let last = series[position].runs.count - 1
        if last >= 0, series[position].runs[last].first + series[position].runs[last].count == point,
            isState(histogram, at: Int(series[position].runs[last].value))
        {
            series[position].runs[last].count += 1
            return
        }
        let start = histogramStates.count
        var total: UInt64 = 0
        for count in histogram.counts {
            total += count
            histogramStates.append(Double(total))
        }
        histogramStates.append(histogram.sum)
        series[position].runs.append(Run(first: point, count: 1, value: UInt64(start)))
    }

    /// Whether the state kept at `start` is `histogram`'s, bit for bit.
    private func isState(_ histogram: BucketHistogram, at start: Int) -> Bool {
        var total: UInt64 = 0
        for (offset, count) in histogram.counts.enumerated() {
            total += count
            if histogramStates[start + offset].bitPattern != Double(total).bitPattern { return false }
        }
        return histogramStates[start + histogram.counts.count].bitPattern == histogram.sum.bitPattern
    }

    /// The position of the series with `key`, or with `labels` in family `id` (added when new).
    private mutating func position(_ id: MetricID, _ key: Int32, _ labels: () -> String) -> Int {
        let slot = Int(key)
        if slot >= 0, slot < positionByKey.count, positionByKey[slot] > 0 { return Int(positionByKey[slot]) - 1 }
        let text = labels()
        let position: Int
        if let known = index[id.rawValue][text] {
            position = Int(known)
        } else {
            position = series.count
            series.append(Series(family: id, labels: text))
            index[id.rawValue][text] = Int32(position)
        }
        if slot >= 0 {
            if positionByKey.count <= slot {
                positionByKey += [Int32](repeating: 0, count: max(slot + 1 - positionByKey.count, positionByKey.count))
            }
            positionByKey[slot] = Int32(position + 1)
        }
        return position
    }
}
