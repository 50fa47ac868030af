import KubeModel
import SimulationCore

/// A HorizontalPodAutoscaler as the API server stores it (defaulted), plus the controller's
/// memory of it: recommendations and scale events, and the status it last wrote.
public struct HorizontalPodAutoscalerObject: Sendable {
    /// Dense index in ``WorkloadStore/horizontalPodAutoscalers``.
    public let index: Int
    /// The manifest, defaulted.
    public internal(set) var autoscaler: HorizontalPodAutoscaler
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// The pending resync.
    var syncTimer: EventID?
    /// Recommendations and scale events (horizontal.go's per-key maps).
    var normalizer = ScaleNormalizer()
    /// `status.currentReplicas` at the last sync.
    public internal(set) var currentReplicas = 0
    /// `status.desiredReplicas` at the last sync.
    public internal(set) var desiredReplicas = 0
    /// `status.currentMetrics[i]` utilization in percent, per metric (`nil` when unavailable).
    public internal(set) var currentUtilization: [Int?] = []
    /// `status.lastScaleTime`.
    public internal(set) var lastScaleTime: SimulationTime?
    /// Rescales done.
    public internal(set) var rescales = 0
    /// `status.currentReplicas` over the syncs so far: count, sum, least and most (for the
    /// run's summary; a sync every 15 s makes the mean a time average).
    public internal(set) var observedSyncs = 0
    public internal(set) var observedReplicaSum = 0
    public internal(set) var observedMin = Int.max
    public internal(set) var observedMax = 0

    /// Namespace.
    public var namespace: String { autoscaler.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { autoscaler.metadata.name ?? "" }
    /// `spec.minReplicas` (defaulted).
    public var minReplicas: Int { autoscaler.spec.minReplicas ?? 1 }
    /// `spec.maxReplicas`.
    public var maxReplicas: Int { autoscaler.spec.maxReplicas }
}

extension HorizontalPodAutoscalerObject {
    /// Counts one sync's `currentReplicas`.
    mutating func observe(_ replicas: Int) {
        observedSyncs += 1
        observedReplicaSum += replicas
        observedMin = min(observedMin, replicas)
        observedMax = max(observedMax, replicas)
    }
}
