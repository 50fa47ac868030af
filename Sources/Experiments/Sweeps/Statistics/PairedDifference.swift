/// The difference between two parameter points, paired by replication.
///
/// Replication r of every point runs with the same seed (common random numbers), so the
/// differences d_r = x_r(point) − x_r(baseline) cancel most of the workload's noise; their
/// mean and Student-t interval are what a comparison should quote. Replications missing at
/// either point are left out.
public struct PairedDifference: Sendable, Hashable, Codable {
    /// The mean difference (point − baseline) and its interval.
    public var estimate: MeanEstimate

    /// Whether the interval excludes zero (a difference at the chosen confidence).
    public var isSignificant: Bool { estimate.halfWidth.isFinite && abs(estimate.mean) > estimate.halfWidth }

    /// Pairs `values` with `baseline` by replication index.
    /// - Parameters:
    ///   - values: replication → value at the point.
    ///   - baseline: replication → value at the baseline point.
    ///   - confidence: two-sided level.
    /// - Complexity: O(n log n).
    public init(values: [Int: Double], baseline: [Int: Double], confidence: Double = 0.95) {
        let replications = values.keys.filter { baseline[$0] != nil }.sorted()
        estimate = MeanEstimate(replications.map { values[$0]! - baseline[$0]! }, confidence: confidence)
    }
}
