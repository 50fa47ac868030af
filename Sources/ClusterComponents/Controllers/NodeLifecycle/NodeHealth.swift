import SimulationCore

/// What the node lifecycle controller remembers about one node (`nodeHealthData`).
struct NodeHealth: Sendable {
    /// When the controller last saw the kubelet renew its lease. Heartbeats are modelled
    /// lazily: a healthy node renews "continuously" and costs no events; only the moment it
    /// stops is recorded.
    var lastHeartbeat: SimulationTime = .zero
    /// The pending monitor pass, if the node's health may change.
    var monitor: EventID?
    /// When the unreachable NoExecute taint was added.
    var taintedAt: SimulationTime?
    /// Pods with a pending taint-based eviction (cancelled when the node recovers).
    var evictions: [PodID] = []
}
