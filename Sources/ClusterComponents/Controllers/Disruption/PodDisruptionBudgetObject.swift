import KubeModel
import SimulationCore

/// A PodDisruptionBudget as the API server stores it, plus the disruption controller's
/// bookkeeping: the pods its selector matches and the status it last computed.
public struct PodDisruptionBudgetObject: Sendable {
    /// Dense index in ``WorkloadStore/podDisruptionBudgets``.
    public let index: Int
    /// The manifest, namespace defaulted.
    public internal(set) var budget: PodDisruptionBudget
    /// Pods its selector matches, in creation order (pod labels never change, so membership is
    /// decided when the pod or the budget is created); removed pods are pruned at each sync.
    public internal(set) var pods: [PodID] = []
    /// The last computed status.
    public internal(set) var status = PodDisruptionBudgetStatusRecord()
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// A sync is queued (the work queue deduplicates keys).
    var syncQueued = false

    /// Namespace.
    public var namespace: String { budget.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { budget.metadata.name ?? "" }
}

/// `policy/v1 PodDisruptionBudgetStatus` counts (pkg/controller/disruption/disruption.go
/// `updatePdbStatus`).
public struct PodDisruptionBudgetStatusRecord: Hashable, Sendable {
    /// Matching pods that are not Succeeded or Failed (`expectedPods`; upstream counts the
    /// controllers' scale when the budget is a percentage or `maxUnavailable`).
    public var expectedPods = 0
    /// Matching pods that are Ready and not terminating (`currentHealthy`).
    public var currentHealthy = 0
    /// The healthy pods the budget requires (`desiredHealthy`).
    public var desiredHealthy = 0
    /// `currentHealthy − desiredHealthy`, at least 0 (`disruptionsAllowed`).
    public var disruptionsAllowed = 0

    /// All zero.
    public init() {}
}
