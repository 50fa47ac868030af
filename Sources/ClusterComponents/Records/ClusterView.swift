import KubeModel
import SimulationCore

/// What an output sink sees of a cluster: the API server's objects, the workloads, the clock
/// and the run's settings, read-only. Sinks consume the watch stream; they never write.
///
/// A view is one unowned reference; its properties yield the cluster's storage without copying
/// it (`_read`), so reading through a view costs what reading the cluster does.
public struct ClusterView {
    /// The viewed cluster. `unowned(unsafe)`: a view lives only for the call it is passed to.
    @usableFromInline unowned(unsafe) let cluster: Cluster

    /// A view of `cluster`.
    public init(_ cluster: Cluster) { self.cluster = cluster }

    /// The current virtual time.
    @inlinable public var now: SimulationTime { cluster.now }
    /// The API server's objects (pods, nodes, stored kinds).
    /// Inlinable, so that a sink reads the store in place: through the accessor, every
    /// `cluster.api[id]` copied the whole store (a retain per table) before reading one object.
    @inlinable public var api: APIStore { _read { yield cluster.api } }
    /// ``Cluster/withPod(_:_:)``: the stored pod read in place; the sinks copied it on every
    /// record, four times, before.
    @inlinable public func withPod<R>(_ id: PodID, _ body: (UnsafePointer<PodObject>) -> R) -> R {
        cluster.withPod(id, body)
    }
    /// Deployments, ReplicaSets, Jobs, DaemonSets, StatefulSets and budgets with their status.
    @inlinable public var workloads: WorkloadStore { _read { yield cluster.controllers.workloads } }
    /// The run's settings.
    public var configuration: ClusterConfiguration { cluster.configuration }
    /// Engine events handled so far.
    public var eventsProcessed: UInt64 { cluster.eventsProcessed }
    /// The scheduler's queue sizes (`scheduler_pending_pods`).
    public var schedulerPendingPods: PendingPodCounts { cluster.scheduler.pendingPods }
    /// Engine events pending.
    public var pendingEvents: Int { cluster.simulation.pendingCount }
    /// The Cluster Autoscaler, when the run has node groups.
    public var clusterAutoscaler: ClusterAutoscaler? { cluster.clusterAutoscaler }
    /// `spec.replicas` of a Deployment, ReplicaSet or StatefulSet (its scale subresource).
    public func replicas(kind: String, namespace: String, name: String) -> Int? {
        cluster.scaleSubresource(kind: kind, namespace: namespace, name: name)?.replicas
    }
}
