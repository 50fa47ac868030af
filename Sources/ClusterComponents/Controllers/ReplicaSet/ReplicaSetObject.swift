import KubeModel
import SimulationCore

/// A ReplicaSet as the API server stores it, plus the controller's bookkeeping: the pods it
/// owns (dense ids) and the status it last computed.
public struct ReplicaSetObject: Sendable {
    /// Dense index in ``WorkloadStore/replicaSets``.
    public let index: Int
    /// The manifest (defaulted); `metadata.uid` and `resourceVersion` are set by the store.
    public var replicaSet: ReplicaSet
    /// The Deployment that controls it (index in ``WorkloadStore/deployments``), if any.
    public var deployment: Int?
    /// `metadata.creationTimestamp`.
    public let createdAt: SimulationTime
    /// Pods whose controller this ReplicaSet is, in creation order; removed pods are pruned
    /// lazily (when they are half the list), so readers skip `isRemoved` ones.
    public internal(set) var pods: [PodID] = []
    /// Running counts of `pods` by state.
    var tally = ReplicaSetTally()
    /// The last computed status.
    public internal(set) var status = ReplicaSetStatusRecord()
    /// The `pod-template-hash` label value (Deployment-owned sets only).
    public var templateHash: String?
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// A sync is queued (the work queue deduplicates keys).
    var syncQueued = false
    /// A pending `minReadySeconds` re-check.
    var availabilityCheck: EventID?

    /// Namespace.
    public var namespace: String { replicaSet.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { replicaSet.metadata.name ?? "" }
    /// `metadata.uid`.
    public var uid: String { replicaSet.metadata.uid ?? "" }
    /// `spec.replicas`.
    public var replicas: Int { replicaSet.spec.replicas }
}

/// `apps/v1 ReplicaSetStatus` counts.
public struct ReplicaSetStatusRecord: Hashable, Sendable {
    /// Active (non-terminating, non-terminal) pods.
    public var replicas = 0
    /// Active pods whose Ready condition is True.
    public var readyReplicas = 0
    /// Ready pods that have been ready for at least `minReadySeconds`.
    public var availableReplicas = 0
    /// Pods being deleted but not yet gone (`status.terminatingReplicas`, 1.33+).
    public var terminatingReplicas = 0

    /// All zero.
    public init() {}
}
