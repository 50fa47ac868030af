/// One metric family as Prometheus exposes it: name, type, help and, for histograms, the
/// bucket upper bounds. Counters are named without `_total` (the OpenMetrics family name);
/// their samples carry the suffix.
public struct MetricFamily: Sendable, Hashable {
    /// The family types kubesim exposes.
    public enum Kind: String, Sendable, Hashable {
        case gauge, counter, histogram
    }

    /// The family name (for a counter, without `_total`).
    public let name: String
    /// The type.
    public let kind: Kind
    /// The `# HELP` text, as the exporting component writes it.
    public let help: String
    /// Histogram bucket upper bounds, ascending, without `+Inf`.
    public let buckets: [Double]
    /// The `job` label kubesim sets on the family's series, as a kube-prometheus scrape would.
    public let job: String

    /// A family.
    public init(_ name: String, _ kind: Kind, job: String, help: String, buckets: [Double] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.buckets = buckets
        self.job = job
    }

    /// The sample name of a gauge or counter (`<name>_total` for counters).
    public var sampleName: String { kind == .counter ? name + "_total" : name }

    /// `count` buckets starting at `start`, each `factor` times the previous (client_golang
    /// `prometheus.ExponentialBuckets`).
    public static func exponentialBuckets(start: Double, factor: Double, count: Int) -> [Double] {
        var bounds: [Double] = []
        var bound = start
        for _ in 0..<count {
            bounds.append(bound)
            bound *= factor
        }
        return bounds
    }
}
