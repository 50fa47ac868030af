import KubeModel
import SimulationCore

/// The workload objects of the API server (Deployments, ReplicaSets, Jobs, DaemonSets, StatefulSets,
/// PodDisruptionBudgets) in dense tables, with name indexes for the Scenario layer.
///
/// Like ``APIStore``, objects are never removed from the tables (indexes stay valid for
/// timers and outputs); a deleted object is flagged `isDeleted` and dropped from the index.
public struct WorkloadStore: Sendable {
    /// Every ReplicaSet ever created.
    public internal(set) var replicaSets: [ReplicaSetObject] = []
    /// Every Deployment ever created.
    public internal(set) var deployments: [DeploymentObject] = []
    /// Every Job ever created.
    public internal(set) var jobs: [JobObject] = []
    /// Every DaemonSet ever created.
    public internal(set) var daemonSets: [DaemonSetObject] = []
    /// Every StatefulSet ever created.
    public internal(set) var statefulSets: [StatefulSetObject] = []
    /// Every PodDisruptionBudget ever created (honoured by evictions, as in a drain).
    public internal(set) var podDisruptionBudgets: [PodDisruptionBudgetObject] = []
    /// Every HorizontalPodAutoscaler ever created.
    public internal(set) var horizontalPodAutoscalers: [HorizontalPodAutoscalerObject] = []
    var horizontalPodAutoscalersByName: [String: Int] = [:]
    var replicaSetsByName: [String: Int] = [:]
    var deploymentsByName: [String: Int] = [:]
    var jobsByName: [String: Int] = [:]
    var daemonSetsByName: [String: Int] = [:]
    var statefulSetsByName: [String: Int] = [:]
    var podDisruptionBudgetsByName: [String: Int] = [:]

    /// Creates an empty store.
    public init() {}

    /// The live ReplicaSet called `name` in `namespace`.
    public func replicaSet(namespace: String, name: String) -> Int? { replicaSetsByName[namespace + "/" + name] }
    /// The live Deployment called `name` in `namespace`.
    public func deployment(namespace: String, name: String) -> Int? { deploymentsByName[namespace + "/" + name] }
    /// The live Job called `name` in `namespace`.
    public func job(namespace: String, name: String) -> Int? { jobsByName[namespace + "/" + name] }
    /// The live DaemonSet called `name` in `namespace`.
    public func daemonSet(namespace: String, name: String) -> Int? { daemonSetsByName[namespace + "/" + name] }
    /// The live StatefulSet called `name` in `namespace`.
    public func statefulSet(namespace: String, name: String) -> Int? { statefulSetsByName[namespace + "/" + name] }
    /// The live HorizontalPodAutoscaler called `name` in `namespace`.
    public func horizontalPodAutoscaler(namespace: String, name: String) -> Int? {
        horizontalPodAutoscalersByName[namespace + "/" + name]
    }
    /// The live PodDisruptionBudget called `name` in `namespace`.
    public func podDisruptionBudget(namespace: String, name: String) -> Int? {
        podDisruptionBudgetsByName[namespace + "/" + name]
    }

}

/// Which controller owns a pod, kept per ``PodID`` (dense, no string lookups on the hot path).
struct PodControllerState: Sendable {
    /// Owner kind.
    enum Owner: Sendable, Equatable {
        case none
        case replicaSet(Int)
        case job(Int)
        case daemonSet(Int)
        case statefulSet(Int)
    }
    /// The controlling owner.
    var owner: Owner = .none
    /// How the pod counts in its ReplicaSet's ``ReplicaSetTally`` (``ReplicaSetController``).
    var tally: ReplicaSetTally.Contribution = .untracked
    /// Pending taint-based eviction (``NodeLifecycleController``).
    var evictionTimer: EventID?
    /// A drain eviction is being retried (``Cluster/evict(_:)``).
    var evictionRetry: EventID?
}
