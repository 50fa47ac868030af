import KubeModel
import SimulationCore

/// PROVISIONAL: starts every container at once and stops it on deletion; replaced by the
/// kubelet model (pod workers, image pulls, crash loops, probes, emptyDir, eviction).
public final class Kubelet {
    unowned let cluster: Cluster
    /// The node this kubelet runs.
    public let node: NodeID
    let configuration: KubeletConfiguration

    init(cluster: Cluster, node: NodeID, configuration: KubeletConfiguration, preloadedImages: [String]) {
        self.cluster = cluster
        self.node = node
        self.configuration = configuration
    }

    var hostName: String { cluster.api[node].name }

    /// The scheduler bound a pod to this node.
    func podBound(_ pod: PodID) {
        cluster.schedule(.kubelet(node, .syncPod(pod)), after: .zero)
    }

    /// The API server set the pod's deletionTimestamp.
    func podDeletionRequested(_ pod: PodID, gracePeriodSeconds: Int, reason: DeletionReason) {
        cluster.schedule(.kubelet(node, .gracePeriodExpired(pod)), after: .zero)
    }

    func handle(_ event: KubeletEvent) {
        switch event {
        case .syncPod(let pod):
            let object = cluster.api[pod]
            guard !object.isRemoved, !object.isTerminating else { return }
            let now = cluster.now
            for container in object.pod.spec.containers {
                let image = container.image ?? ""
                let path = "spec.containers{\(container.name)}"
                cluster.recordEvent(.normal, "Pulled", "Container image \"\(image)\" already present on machine",
                                    pod: pod, fieldPath: path, component: "kubelet", host: hostName)
                cluster.recordEvent(.normal, "Created", "Created container: \(container.name)", pod: pod,
                                    fieldPath: path, component: "kubelet", host: hostName)
                cluster.recordEvent(.normal, "Started", "Started container \(container.name)", pod: pod,
                                    fieldPath: path, component: "kubelet", host: hostName)
            }
            cluster.updatePodStatus(pod) { status in
                status.phase = .running
                status.startTime = now
                status.containerStatuses = object.pod.spec.containers.map {
                    ContainerStatusRecord(name: $0.name, image: $0.image ?? "", state: .running(startedAt: now),
                                          ready: true, started: true)
                }
                status.setCondition("PodReadyToStartContainers", .true, at: now)
                status.setCondition("Initialized", .true, at: now)
                status.setCondition("ContainersReady", .true, at: now)
                status.setCondition("Ready", .true, at: now)
            }
        case .gracePeriodExpired(let pod):
            let now = cluster.now
            cluster.updatePodStatus(pod) { status in
                status.phase = .succeeded
                status.containerStatuses = status.containerStatuses.map { previous in
                    var next = previous
                    let started: SimulationTime
                    if case .running(let at) = previous.state { started = at } else { started = now }
                    next.state = .terminated(ContainerTermination(exitCode: 0, reason: "Completed", startedAt: started, finishedAt: now))
                    next.ready = false
                    return next
                }
            }
            cluster.removePod(pod)
        case .containerExited:
            break
        }
    }
}
