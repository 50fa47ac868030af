import KubeModel
import SimulationCore

/// A StatefulSet as the API server stores it, plus the controller's bookkeeping: its pods by
/// ordinal and the revisions (templates) its pods were made from.
public struct StatefulSetObject: Sendable {
    /// Dense index in ``WorkloadStore/statefulSets``.
    public let index: Int
    /// The manifest (defaulted); `metadata.uid`, `generation` and `resourceVersion` set by the store.
    public var statefulSet: StatefulSet
    /// `metadata.creationTimestamp`.
    public let createdAt: SimulationTime
    /// Pods whose controller this StatefulSet is, in creation order (removed ones pruned on sync).
    public internal(set) var pods: [PodID] = []
    /// Each pod's ordinal, by pod id.
    var ordinal: [Int: Int] = [:]
    /// Each pod's revision (`controller-revision-hash`), by pod id.
    var revision: [Int: String] = [:]
    /// `status.currentRevision`: the revision of the pods below the partition.
    public internal(set) var currentRevision: String
    /// `status.updateRevision`: the revision of the current template.
    public internal(set) var updateRevision: String
    /// The template of each revision still in use (the ControllerRevisions' data).
    var templates: [String: PodTemplateSpec] = [:]
    /// The last computed status.
    public internal(set) var status = StatefulSetStatusRecord()
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// A sync is queued (the work queue deduplicates keys).
    var syncQueued = false
    /// A pending `minReadySeconds` re-check.
    var availabilityCheck: EventID?

    /// Namespace.
    public var namespace: String { statefulSet.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { statefulSet.metadata.name ?? "" }
    /// `metadata.uid`.
    public var uid: String { statefulSet.metadata.uid ?? "" }
}

/// `apps/v1 StatefulSetStatus` counts.
public struct StatefulSetStatusRecord: Hashable, Sendable {
    /// Pods created and not yet gone (`replicas`).
    public var replicas = 0
    /// Pods whose Ready condition is True (`readyReplicas`).
    public var readyReplicas = 0
    /// Ready pods that have been ready for `minReadySeconds` (`availableReplicas`).
    public var availableReplicas = 0
    /// Pods of `currentRevision` (`currentReplicas`).
    public var currentReplicas = 0
    /// Pods of `updateRevision` (`updatedReplicas`).
    public var updatedReplicas = 0

    /// All zero.
    public init() {}
}
