import KubeModel
import SimulationCore

/// What the scheduler keeps about one pod between cycles (k/k `framework.PodInfo` plus the
/// cache's `podState`): the precomputed request, ports, priority and where it is counted.
struct PodInfo {
    /// Effective request.
    var request: PodRequest
    /// Host ports.
    var ports: [HostPort]
    /// `spec.priority` (0 when unset).
    var priority: Int
    /// The node whose ``NodeInfo`` counts this pod, or -1.
    var countedOn: Int32 = -1
    /// Interned uid of the controlling owner (ReplicaSet, StatefulSet…), or -1.
    var ownerKey: Int32 = -1
    /// Whether the pod has pod (anti-)affinity terms (existing pods matter to others).
    var hasPodAffinity: Bool
    /// Whether ``SpreadCounts`` counts the pod (counted on a node, owned, not terminating).
    var spreadCounted = false
    /// When the pod was counted (its start for preemption's "longer running" order).
    var countedAt: SimulationTime = .zero
}
