/// The Prometheus text exposition format, version 0.0.4 (what `/metrics` of a Kubernetes
/// component serves): `# HELP` and `# TYPE` per family, samples without timestamps.
public enum PrometheusText {
    /// The `Content-Type` of the format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Renders a snapshot; families without series are left out.
    /// - Complexity: O(series × buckets).
    public static func render(_ snapshot: MetricsSnapshot) -> String {
        var text = ""
        for id in MetricID.allCases {
            let series = snapshot[id]
            guard !series.isEmpty else { continue }
            let family = id.family
            let name = family.sampleName
            text += "# HELP " + name + " " + ExpositionText.escapeHelp(family.help) + "\n"
            text += "# TYPE " + name + " " + family.kind.rawValue + "\n"
            for entry in series {
                let labels = MetricsSnapshot.labelSet(entry.labels, job: family.job)
                if let histogram = entry.histogram {
                    let cumulative = histogram.cumulativeCounts
                    for (index, count) in cumulative.enumerated() {
                        let bound =
                            index < histogram.bounds.count ? ExpositionText.value(histogram.bounds[index]) : "+Inf"
                        text += name + "_bucket{" + labels + ",le=\"" + bound + "\"} " + String(count) + "\n"
                    }
                    text += name + "_sum{" + labels + "} " + ExpositionText.value(histogram.sum) + "\n"
                    text += name + "_count{" + labels + "} " + String(cumulative.last ?? 0) + "\n"
                } else {
                    text += name + "{" + labels + "} " + ExpositionText.value(entry.value) + "\n"
                }
            }
        }
        return text
    }
}
