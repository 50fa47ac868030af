import SimulationCore

/// Why the last scheduling attempt of a pod went the way it did: per-node filter verdicts and
/// per-plugin scores, for `kubesim explain`. Recorded only when
/// ``Scheduler/recordExplanations`` is on.
public struct SchedulingExplanation: Sendable {
    /// One node's outcome.
    public struct NodeVerdict: Sendable {
        /// Node name.
        public var node: String
        /// Whether all filters passed.
        public var feasible: Bool
        /// The rejecting plugin.
        public var plugin: String?
        /// Its reasons.
        public var reasons: [String]
        /// Per score plugin: name, normalized score (0…100) and weight.
        public var scores: [(plugin: String, score: Int64, weight: Int64)]
        /// Weighted total.
        public var total: Int64?
    }

    /// When the attempt ran.
    public var time: SimulationTime
    /// The profile's scheduler name.
    public var schedulerName: String
    /// Evaluated nodes in scan order (nodes not evaluated are absent).
    public var nodes: [NodeVerdict]
    /// The chosen node, if any.
    public var chosenNode: String?
    /// The FailedScheduling message, if it failed.
    public var message: String?
}
