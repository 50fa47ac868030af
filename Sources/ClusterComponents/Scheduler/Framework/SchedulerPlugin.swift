import KubeModel
import Stochastics

/// A scheduler plugin: the seam through which other placement policies plug into the same
/// framework as the default plugins (k/k `pkg/scheduler/framework/interface.go` `Plugin`).
///
/// Built-in plugins are dispatched by an enum switch on the hot path; user plugins conforming
/// to these protocols are called through existentials (one call per node per extension point).
public protocol SchedulerPlugin {
    /// The name used in profiles and explanations.
    var name: String { get }
}

/// The pod being scheduled, as plugins see it.
public struct PodContext {
    /// The pod's id.
    public let id: PodID
    /// The defaulted pod.
    public let pod: Pod
    /// Effective request (milli-units by ``Scheduler/resourceSlot(_:)``).
    public let request: PodRequest
    /// `spec.priority` (0 when unset).
    public let priority: Int
}

/// Filter extension point: may reject a node.
public protocol FilterPlugin: SchedulerPlugin {
    /// The verdict for `node`.
    func filter(_ pod: PodContext, node: NodeInfo) -> PluginStatus
}

/// PreScore/Score/NormalizeScore extension points.
public protocol ScorePlugin: SchedulerPlugin {
    /// Called once per attempt with the feasible nodes (in scan order); return `.skip` to
    /// contribute 0 everywhere. `random` is the scheduler's seeded policy stream.
    mutating func preScore(_ pod: PodContext, feasible: [NodeInfo], random: inout RandomSource) -> StatusCode
    /// Raw score of one feasible node.
    func score(_ pod: PodContext, node: NodeInfo) -> Int64
    /// Maps raw scores (one per feasible node, scan order) to 0…100.
    func normalizeScore(_ scores: inout [Int64])
}

extension ScorePlugin {
    /// Default: no PreScore work.
    public mutating func preScore(_ pod: PodContext, feasible: [NodeInfo], random: inout RandomSource) -> StatusCode {
        .success
    }
    /// Default: raw scores are final (they must already be in 0…100).
    public func normalizeScore(_ scores: inout [Int64]) {}
}
