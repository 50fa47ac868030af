import KubeModel
import SimulationCore

/// PROVISIONAL: a FIFO first-fit placeholder so the pipeline runs end to end; replaced by the
/// kube-scheduler model (queue, framework, default plugins).
public final class Scheduler {
    unowned let cluster: Cluster
    var queue: [PodID] = []
    var cycleScheduled = false

    init(cluster: Cluster) { self.cluster = cluster }

    /// A pod without a node was created.
    func podAdded(_ pod: PodID) {
        queue.append(pod)
        requestCycle()
    }

    /// A pod object was removed (frees its node's resources; may help pending pods).
    func podRemoved(_ pod: PodID) { requestCycle() }

    /// A bound pod reached Succeeded or Failed.
    func podTerminated(_ pod: PodID) { requestCycle() }

    /// A node joined.
    func nodeAdded(_ node: NodeID) { requestCycle() }

    /// A node changed (taints, unschedulable, readiness).
    func nodeUpdated(_ node: NodeID) { requestCycle() }

    func requestCycle() {
        guard !cycleScheduled, !queue.isEmpty else { return }
        cycleScheduled = true
        cluster.schedule(.scheduler(.cycle), after: .zero)
    }

    func handle(_ event: SchedulerEvent) {
        switch event {
        case .cycle:
            cycleScheduled = false
            var waiting: [PodID] = []
            for pod in queue where !cluster.api[pod].isRemoved {
                if let node = cluster.api.nodes.first(where: { !$0.isRemoved }) {
                    cluster.recordEvent(
                        .normal, "Scheduled",
                        "Successfully assigned \(cluster.api[pod].namespace)/\(cluster.api[pod].name) to \(node.name)",
                        pod: pod, component: "default-scheduler")
                    cluster.bind(pod, to: node.id)
                } else {
                    waiting.append(pod)
                }
            }
            queue = waiting
        case .bindComplete(let pod, let node): cluster.bind(pod, to: node)
        case .flushBackoff, .flushUnschedulable: requestCycle()
        }
    }
}
