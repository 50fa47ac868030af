import KubeModel
import SimulationCore

/// A Job as the API server stores it, plus the controller's bookkeeping (counted pods,
/// pod-failure back-off, conditions).
public struct JobObject: Sendable {
    /// Dense index in ``WorkloadStore/jobs``.
    public let index: Int
    /// The manifest (defaulted).
    public var job: Job
    /// `metadata.creationTimestamp`.
    public let createdAt: SimulationTime
    /// Every pod it created or adopted, in creation order (the garbage collector skips those
    /// already gone; pod IDs are never reused, so a finished pod costs one entry and no work).
    public internal(set) var pods: [PodID] = []
    /// The pods whose end the controller has not counted yet: those that would still carry the
    /// `batch.kubernetes.io/job-tracking` finalizer (k/k job_controller.go, "Job tracking with
    /// finalizers"), i.e. active or terminating pods and terminated ones not yet in
    /// `succeeded`/`failed`. A subsequence of ``pods`` in the same order, so a sync walks only
    /// these: its work follows the Job's active pods, not every pod the Job ever had.
    var trackedPods: [PodID] = []
    /// `status.startTime`: the first sync.
    public internal(set) var startTime: SimulationTime?
    /// `status.completionTime`.
    public internal(set) var completionTime: SimulationTime?
    /// `status.active`.
    public internal(set) var active = 0
    /// `status.succeeded`.
    public internal(set) var succeeded = 0
    /// `status.failed`.
    public internal(set) var failed = 0
    /// `status.conditions` (`Complete`/`Failed`, plus `SuccessCriteriaMet`/`FailureTarget`).
    public internal(set) var conditions: [JobConditionRecord] = []
    /// Failures since the last success (the back-off record's `failuresAfterLastSuccess`).
    public internal(set) var failuresAfterLastSuccess = 0
    /// When the last counted failure happened (`lastFailureTime`).
    public internal(set) var lastFailureTime: SimulationTime?
    /// Deleted from the API.
    public internal(set) var isDeleted = false
    /// A sync is queued.
    var syncQueued = false
    /// A timed re-sync (back-off expiry or active deadline).
    var timer: EventID?
    /// When ``timer`` fires.
    var timerAt: SimulationTime?

    /// Namespace.
    public var namespace: String { job.metadata.namespace ?? "default" }
    /// Name.
    public var name: String { job.metadata.name ?? "" }
    /// `metadata.uid`.
    public var uid: String { job.metadata.uid ?? "" }
    /// Whether the Job has a `Complete` or `Failed` condition.
    public var isFinished: Bool {
        conditions.contains { ($0.type == "Complete" || $0.type == "Failed") && $0.status == .true }
    }
    /// The condition of the given type.
    public func condition(_ type: String) -> JobConditionRecord? { conditions.first { $0.type == type } }
}

/// One `batch/v1 JobCondition`.
public struct JobConditionRecord: Hashable, Sendable {
    /// `Complete`, `Failed`, `SuccessCriteriaMet`, `FailureTarget`.
    public var type: String
    /// True/False/Unknown.
    public var status: ConditionStatus
    /// `BackoffLimitExceeded`, `DeadlineExceeded`, `CompletionsReached`.
    public var reason: String?
    /// Human-readable message.
    public var message: String?
    /// When it was set.
    public var lastTransitionTime: SimulationTime

    /// Creates a condition.
    public init(
        type: String, status: ConditionStatus, reason: String?, message: String?, lastTransitionTime: SimulationTime
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
