import KubeModel
import SimulationCore

/// A pod as the API server stores it: the defaulted manifest, its status, and the bookkeeping
/// the simulation needs (dense ids, virtual timestamps).
public struct PodObject: Sendable {
    /// Dense id (index in ``APIStore/pods``).
    public let id: PodID
    /// The defaulted manifest (metadata and spec). `metadata.uid` is set by the store. Boxed
    /// (``HeapBox``): a stored pod's table entry stays small.
    @HeapBox public var pod: Pod
    /// The status the API shows.
    public var status: PodStatusRecord
    /// The node the pod is bound to.
    public var nodeID: NodeID?
    /// `metadata.creationTimestamp`.
    public let createdAt: SimulationTime
    /// When the scheduler bound the pod.
    public var boundAt: SimulationTime?
    /// When the scheduler's binding cycle for the pod began (its Bind extension point was
    /// called): ``boundAt`` minus this is the binding duration.
    public var bindingStartedAt: SimulationTime?
    /// `metadata.deletionTimestamp` (creation of the delete request + grace period).
    public var deletionTimestamp: SimulationTime?
    /// `metadata.deletionGracePeriodSeconds`.
    public var deletionGracePeriodSeconds: Int?
    /// The object is gone from the API (deleted, finalized).
    public var isRemoved = false

    /// Namespace (defaulted to `default`).
    @inlinable public var namespace: String { pod.metadata.namespace ?? "default" }
    /// Name.
    @inlinable public var name: String { pod.metadata.name ?? "" }
    /// `metadata.uid`.
    public var uid: String { pod.metadata.uid ?? "" }
    /// Whether a deletion was requested.
    public var isTerminating: Bool { deletionTimestamp != nil }
    /// Whether the phase is Succeeded or Failed.
    public var isTerminal: Bool { status.phase.isTerminal }

    /// Creates a stored pod.
    public init(id: PodID, pod: consuming Pod, createdAt: SimulationTime) {
        self.id = id
        self.createdAt = createdAt
        self.status = PodStatusRecord()
        self.status.qosClass = pod.status?.qosClass
        self.pod = consume pod
    }
}

/// A node as the API server stores it, plus its simulated health.
public struct NodeObject: Sendable {
    /// Dense id (index in ``APIStore/nodes``).
    public let id: NodeID
    /// The manifest (labels, taints, capacity, allocatable, images).
    public var node: Node
    /// Name of the pool it came from (`worker` for `worker-3`), for per-pool statistics.
    public var pool: String
    /// When the node joined.
    public let createdAt: SimulationTime
    /// Whether the kubelet is heartbeating (false after a node-failure action).
    public var isHeartbeating = true
    /// The `Ready` condition as the node lifecycle controller sees it.
    public var ready: ConditionStatus = .true
    /// Removed from the cluster.
    public var isRemoved = false

    /// Name.
    @inlinable public var name: String { node.metadata.name ?? "" }

    /// Creates a stored node.
    public init(id: NodeID, node: Node, pool: String, createdAt: SimulationTime) {
        self.id = id
        self.node = node
        self.pool = pool
        self.createdAt = createdAt
    }
}
