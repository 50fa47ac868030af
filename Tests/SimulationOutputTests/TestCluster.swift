import ClusterComponents
import KubeModel
import SimulationCore

@testable import SimulationOutput

/// Drives a `Cluster` by hand: the engine's events (the components' timers) are dropped, so
/// the test alone decides when pods are created, bound, started and removed.
final class TestCluster {
    let cluster: Cluster

    init(seed: UInt64 = 7) {
        var configuration = ClusterConfiguration()
        configuration.seed = seed
        configuration.timing = .ideal  // exact timings: the tests state ideal timing
        cluster = Cluster(configuration: configuration)
    }

    /// Moves the clock to `seconds`, discarding component events on the way.
    func at(_ seconds: Double) {
        let time = SimulationTime(nanoseconds: Int64((seconds * 1e9).rounded()))
        while cluster.simulation.nextEvent(notAfter: time) != nil {}
        cluster.simulation.advance(to: time)
    }

    @discardableResult
    func addNode(
        _ name: String, pool: String = "worker", cpu: String = "4", memory: String = "16Gi", pods: String = "110"
    )
        -> NodeID
    {
        let node = Node(
            metadata: ObjectMeta(name: name),
            status: NodeStatus(capacity: [
                "cpu": Quantity(stringLiteral: cpu), "memory": Quantity(stringLiteral: memory),
                "pods": Quantity(stringLiteral: pods),
            ]))
        return cluster.addNode(node, pool: pool)
    }

    static func pod(_ name: String, cpu: String? = nil, memory: String? = nil, containers: Int = 1) -> Pod {
        var requests = ResourceList()
        if let cpu { requests["cpu"] = Quantity(stringLiteral: cpu) }
        if let memory { requests["memory"] = Quantity(stringLiteral: memory) }
        let list = (0..<containers).map {
            Container(
                name: containers == 1 ? "app" : "c\($0)", image: "nginx:1.27",
                resources: ResourceRequirements(requests: requests))
        }
        return Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodSpec(containers: list))
    }

    @discardableResult
    func create(_ name: String, cpu: String? = nil, memory: String? = nil, containers: Int = 1) -> PodID {
        cluster.createPod(Self.pod(name, cpu: cpu, memory: memory, containers: containers))!
    }

    func bind(_ pod: PodID, _ node: NodeID) { cluster.bind(pod, to: node) }

    /// The kubelet's first status: containers waiting in ContainerCreating.
    func creating(_ pod: PodID) {
        let now = cluster.now
        let spec = cluster.api[pod].pod.spec
        cluster.updatePodStatus(pod) { status in
            status.startTime = now
            status.containerStatuses = spec.containers.map {
                ContainerStatusRecord(
                    name: $0.name, image: $0.image ?? "", state: .waiting(reason: "ContainerCreating", message: nil))
            }
            status.setCondition("Initialized", .true, at: now)
            status.setCondition("Ready", .false, at: now)
        }
    }

    /// Every container running and ready.
    func running(_ pod: PodID) {
        let now = cluster.now
        let spec = cluster.api[pod].pod.spec
        cluster.updatePodStatus(pod) { status in
            status.phase = .running
            status.startTime = status.startTime ?? now
            status.containerStatuses = spec.containers.map {
                ContainerStatusRecord(
                    name: $0.name, image: $0.image ?? "", state: .running(startedAt: now), ready: true,
                    started: true)
            }
            status.setCondition("ContainersReady", .true, at: now)
            status.setCondition("Ready", .true, at: now)
        }
    }

    /// Every container exited 0; phase Succeeded.
    func succeeded(_ pod: PodID) {
        let now = cluster.now
        cluster.updatePodStatus(pod) { status in
            status.phase = .succeeded
            status.containerStatuses = status.containerStatuses.map {
                var next = $0
                var started = now
                if case .running(let at) = $0.state { started = at }
                next.state = .terminated(
                    ContainerTermination(exitCode: 0, reason: "Completed", startedAt: started, finishedAt: now))
                next.ready = false
                return next
            }
            status.setCondition("Ready", .false, reason: "PodCompleted", at: now)
        }
    }

    /// A kubelet event about a pod.
    func event(_ pod: PodID, _ reason: String, _ message: String, container: String = "app") {
        cluster.recordEvent(
            .normal, reason, message, pod: pod, fieldPath: "spec.containers{\(container)}",
            component: "kubelet", host: cluster.api[pod].pod.spec.nodeName)
    }
}
