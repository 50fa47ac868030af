import KubeModel
import SimulationCore

/// A Deployment as the API server stores it, plus the controller's bookkeeping.
public struct DeploymentObject: Sendable {
    /// Dense index in ``WorkloadStore/deployments``.
    public let index: Int
    /// The manifest (defaulted).
    public var deployment: Deployment
    /// `metadata.creationTimestamp`.
    public let createdAt: SimulationTime
    /// ReplicaSets it controls (indexes in ``WorkloadStore/replicaSets``), oldest first.
    public internal(set) var replicaSets: [Int] = []
    /// The pod-template hash of the current template.
    public internal(set) var templateHash = ""
    /// The last computed status.
    public internal(set) var status = DeploymentStatusRecord()
    /// Highest `deployment.kubernetes.io/revision` handed out.
    public internal(set) var revision = 0
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// A sync is queued.
    var syncQueued = false
    /// The Progressing condition's two messages for the ReplicaSet they name: built once per
    /// new ReplicaSet rather than interpolated on every status update of a rolling update.
    var progressingMessages: (replicaSet: Int, updated: String, available: String)?

    /// Namespace.
    public var namespace: String { deployment.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { deployment.metadata.name ?? "" }
    /// `metadata.uid`.
    public var uid: String { deployment.metadata.uid ?? "" }
}

/// `apps/v1 DeploymentStatus` counts.
public struct DeploymentStatusRecord: Hashable, Sendable {
    /// Active pods of all its ReplicaSets.
    public var replicas = 0
    /// Active pods of the new ReplicaSet.
    public var updatedReplicas = 0
    /// Ready pods.
    public var readyReplicas = 0
    /// Available pods.
    public var availableReplicas = 0
    /// `replicas` − available (never negative).
    public var unavailableReplicas = 0
    /// `Available` and `Progressing`, as `kubectl describe deployment` lists them.
    public var conditions: [DeploymentConditionRecord] = []

    /// All zero.
    public init() {}
}

/// One `apps/v1 DeploymentCondition`.
public struct DeploymentConditionRecord: Hashable, Sendable {
    /// `Available` or `Progressing`.
    public var type: String
    /// True/False/Unknown.
    public var status: ConditionStatus
    /// `MinimumReplicasAvailable`, `NewReplicaSetAvailable`, `ReplicaSetUpdated`, …
    public var reason: String
    /// Human-readable message.
    public var message: String
    /// When `status` last changed.
    public var lastTransitionTime: SimulationTime

    /// Creates a condition.
    public init(
        type: String, status: ConditionStatus, reason: String, message: String, lastTransitionTime: SimulationTime
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
