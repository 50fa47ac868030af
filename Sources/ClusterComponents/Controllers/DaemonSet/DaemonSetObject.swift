import KubeModel
import SimulationCore

/// A DaemonSet as the API server stores it, plus the controller's bookkeeping: the pods it owns
/// and the node each was made for.
public struct DaemonSetObject: Sendable {
    /// Dense index in ``WorkloadStore/daemonSets``.
    public let index: Int
    /// The manifest (defaulted); `metadata.uid`, `generation` and `resourceVersion` set by the store.
    public var daemonSet: DaemonSet
    /// `metadata.creationTimestamp`.
    public let createdAt: SimulationTime
    /// Pods whose controller this DaemonSet is, in creation order (removed ones pruned on sync).
    public internal(set) var pods: [PodID] = []
    /// The node each pod was made for (its required node affinity's `metadata.name`), by pod id.
    var targetNode: [Int: NodeID] = [:]
    /// The `controller-revision-hash` of the current template.
    public internal(set) var templateHash: String
    /// The last computed status.
    public internal(set) var status = DaemonSetStatusRecord()
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// A sync is queued (the work queue deduplicates keys).
    var syncQueued = false
    /// A pending `minReadySeconds` re-check.
    var availabilityCheck: EventID?

    /// Namespace.
    public var namespace: String { daemonSet.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { daemonSet.metadata.name ?? "" }
    /// `metadata.uid`.
    public var uid: String { daemonSet.metadata.uid ?? "" }
    /// `metadata.generation` (the pods' `pod-template-generation` label).
    public var generation: Int { daemonSet.metadata.generation ?? 1 }
}

/// `apps/v1 DaemonSetStatus` counts.
public struct DaemonSetStatusRecord: Hashable, Sendable {
    /// Nodes that should run the daemon pod (`desiredNumberScheduled`).
    public var desiredNumberScheduled = 0
    /// Nodes that should run it and run at least one (`currentNumberScheduled`).
    public var currentNumberScheduled = 0
    /// Nodes that run a daemon pod but should not (`numberMisscheduled`).
    public var numberMisscheduled = 0
    /// Nodes whose daemon pod is Ready (`numberReady`).
    public var numberReady = 0
    /// Nodes whose daemon pod is available (`numberAvailable`).
    public var numberAvailable = 0
    /// Nodes running a pod of the current template (`updatedNumberScheduled`).
    public var updatedNumberScheduled = 0

    /// All zero.
    public init() {}
}
