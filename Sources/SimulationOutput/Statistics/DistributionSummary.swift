/// Count, mean and percentiles of one distribution, in seconds for latencies.
///
/// When some samples are censored (pods that had not reached the milestone by the end of the
/// run), they take part in every percentile's rank as the slowest samples; a percentile whose
/// rank falls among them is `nil` (JSON `null`, `> atLeast` in tables): it is known only to be
/// at least ``atLeast``, the smallest censored value. The maximum is then unknown too. `count`,
/// `mean` and `min` are over the samples that reached the milestone.
public struct DistributionSummary: Sendable, Hashable {
    /// Samples that reached the milestone.
    public var count = 0
    /// Exact arithmetic mean of those samples.
    public var mean = 0.0
    /// Exact minimum of those samples.
    public var min = 0.0
    /// Median (HdrHistogram, three significant digits); `nil` when censored.
    public var p50: Double? = 0.0
    /// 90th percentile; `nil` when censored.
    public var p90: Double? = 0.0
    /// 99th percentile; `nil` when censored.
    public var p99: Double? = 0.0
    /// 99.9th percentile; `nil` when censored.
    public var p999: Double? = 0.0
    /// Exact maximum; `nil` when any sample is censored.
    public var max: Double? = 0.0
    /// Samples censored at the end of the run (0: none; then neither this nor ``atLeast`` is
    /// written to JSON).
    public var censored = 0
    /// The smallest censored value: a `nil` percentile is at least this.
    public var atLeast: Double?

    /// An empty distribution (count 0, all zeros).
    public init() {}

    /// Creates a summary without censored samples.
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

// MARK: - Codable

extension DistributionSummary: Codable {
    enum CodingKeys: String, CodingKey {
        case count, mean, min, p50, p90, p99, p999, max, censored, atLeast
    }

    /// Decodes `summary.json`'s form (summaries written before censoring have neither
    /// `censored` nor `atLeast`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decode(Int.self, forKey: .count)
        mean = try container.decode(Double.self, forKey: .mean)
        min = try container.decode(Double.self, forKey: .min)
        p50 = try container.decodeIfPresent(Double.self, forKey: .p50)
        p90 = try container.decodeIfPresent(Double.self, forKey: .p90)
        p99 = try container.decodeIfPresent(Double.self, forKey: .p99)
        p999 = try container.decodeIfPresent(Double.self, forKey: .p999)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        censored = try container.decodeIfPresent(Int.self, forKey: .censored) ?? 0
        atLeast = try container.decodeIfPresent(Double.self, forKey: .atLeast)
    }

    /// Writes every percentile, `null` when censored; `censored` and `atLeast` only when some
    /// samples are.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(mean, forKey: .mean)
        try container.encode(min, forKey: .min)
        try container.encode(p50, forKey: .p50)
        try container.encode(p90, forKey: .p90)
        try container.encode(p99, forKey: .p99)
        try container.encode(p999, forKey: .p999)
        try container.encode(max, forKey: .max)
        if censored > 0 {
            try container.encode(censored, forKey: .censored)
            try container.encodeIfPresent(atLeast, forKey: .atLeast)
        }
    }
}
