/// Controllers' events.
public enum ControllerEvent: Sendable {
    /// Reconcile the ReplicaSet at this index of ``ControllerManager``'s table.
    case syncReplicaSet(Int)
}

/// PROVISIONAL: the kube-controller-manager (ReplicaSet, Deployment, Job, node lifecycle).
public final class ControllerManager {
    unowned let cluster: Cluster

    init(cluster: Cluster) { self.cluster = cluster }

    /// A pod was created, changed phase or readiness, or was removed.
    func podChanged(_ pod: PodID) {}

    /// A node was added or changed.
    func nodeChanged(_ node: NodeID) {}

    func handle(_ event: ControllerEvent) {}
}
