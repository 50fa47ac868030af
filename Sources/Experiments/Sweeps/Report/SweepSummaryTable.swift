/// The summary a sweep prints: per point, the mean of each chosen metric with its Student-t
/// interval; then, with two or more points, each point's paired difference from the first
/// (by replication, which common random numbers make meaningful), `*` marking intervals that
/// exclude zero.
public struct SweepSummaryTable: Sendable {
    /// The results.
    public var results: SweepResults
    /// Catalog indices of the metrics to show.
    public var metrics: [Int]
    /// Confidence level of the intervals.
    public var confidence: Double

    /// Creates a table.
    public init(results: SweepResults, metrics: [Int], confidence: Double = 0.95) {
        self.results = results
        self.metrics = metrics
        self.confidence = confidence
    }

    /// The text.
    public func render() -> String {
        let definitions = metrics.map { MetricCatalog.all[$0] }
        let level = Int((confidence * 100).rounded())
        var means = TextTable(header: ["point", "runs"] + definitions.map(\.name))
        for index in results.points.indices {
            var runs = "\(results.values[index].count)"
            if results.failures[index] > 0 { runs += " (\(results.failures[index]) failed)" }
            means.rows.append(
                [results.points[index].label, runs]
                    + zip(metrics, definitions).map { metric, definition in
                        MetricFormat.estimate(
                            results.estimate(metric, at: index, confidence: confidence), unit: definition.unit)
                    })
        }
        var text = "means ± \(level)% confidence half-widths (Student t over replications)\n" + means.render()
        guard results.points.count >= 2 else { return text }
        var differences = TextTable(header: ["point − baseline", "pairs"] + definitions.map(\.name))
        for index in results.points.indices.dropFirst() {
            let pairs = results.values[index].keys.filter { results.values[0][$0] != nil }.count
            differences.rows.append(
                [results.points[index].label, "\(pairs)"]
                    + zip(metrics, definitions).map { metric, definition in
                        MetricFormat.difference(
                            results.pairedDifference(metric, at: index, confidence: confidence), unit: definition.unit)
                    })
        }
        text +=
            "\n\npaired differences against the baseline \(results.points[0].label) (same seed per replication; * = \(level)% interval excludes 0)\n"
        text += differences.render()
        return text
    }
}
