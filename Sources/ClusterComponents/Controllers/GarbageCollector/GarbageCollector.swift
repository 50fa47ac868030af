import KubeModel
import SimulationCore

/// The garbage collector (k/k pkg/controller/garbagecollector) with background propagation:
/// when an owner is deleted its dependents are deleted after it (a Deployment's ReplicaSets,
/// and their pods; the pods of a ReplicaSet, Job, DaemonSet or StatefulSet). It also runs the
/// namespace controller's cleanup (pkg/controller/namespace/deletion), which deletes every
/// object in a deleted namespace.
///
/// Dependents come from the owners' tables in ``WorkloadStore`` (the pods and sets each owner
/// created or adopted), which are the owner references upstream walks. Deletion is at once,
/// in the same instant as the owner's.
final class GarbageCollector: ClusterComponent {
    /// An owner whose deletion cascades.
    enum Owner {
        case deployment(Int)
        case replicaSet(Int)
        case job(Int)
        case daemonSet(Int)
        case statefulSet(Int)
    }

    /// The controller manager whose objects this controller reads.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - Cascading deletion

    /// `owner` was deleted from the API: delete its dependents.
    /// - Complexity: O(dependents).
    func ownerDeleted(_ owner: Owner) {
        switch owner {
        case .deployment(let index):
            for rs in manager.workloads.deployments[index].replicaSets { manager.replicaSets.delete(rs) }
        case .replicaSet(let index): deletePods(manager.workloads.replicaSets[index].pods)
        case .daemonSet(let index): deletePods(manager.workloads.daemonSets[index].pods)
        case .statefulSet(let index): deletePods(manager.workloads.statefulSets[index].pods)
        case .job(let index):
            let pods = manager.workloads.jobs[index].pods
            for pod in pods where !cluster.api[pod].isRemoved && !cluster.api[pod].isTerminating {
                cluster.deletePod(pod)
            }
        }
    }

    private func deletePods(_ pods: [PodID]) {
        for pod in pods where !cluster.api[pod].isRemoved { cluster.deletePod(pod) }
    }

    // MARK: - Namespace deletion

    /// The namespace controller's cleanup: every workload, pod and stored object in the
    /// namespace is deleted (workloads by kind in creation order, then pods, then the rest).
    func deleteContents(ofNamespace namespace: String) {
        for kind in ["Deployment", "ReplicaSet", "Job", "DaemonSet", "StatefulSet"] {
            for name in workloadNames(kind: kind, namespace: namespace) {
                try? cluster.remove(kind: kind, namespace: namespace, name: name)
            }
        }
        for index in cluster.api.pods.indices
        where !cluster.api.pods[index].isRemoved && cluster.api.pods[index].namespace == namespace {
            cluster.deletePod(PodID(index))
        }
        for object in cluster.api.objects where object.deletedAt == nil && object.namespace == namespace {
            try? cluster.remove(kind: object.kind, namespace: namespace, name: object.name)
        }
    }

    /// Names of the live workloads of `kind` in `namespace`, in creation order.
    func workloadNames(kind: String, namespace: String) -> [String] {
        let workloads = manager.workloads
        return switch kind {
        case "Deployment": workloads.deployments.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "ReplicaSet": workloads.replicaSets.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "Job": workloads.jobs.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "DaemonSet": workloads.daemonSets.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "StatefulSet": workloads.statefulSets.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        default: []
        }
    }
}
