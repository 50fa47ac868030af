import ClusterComponents
import KubeModel
import SimulationCore

/// Collects the Kubernetes Events of a run.
final class EventCollector: ClusterRecordSink {
    var events: [KubeEvent] = []
    var attempts: [(PodID, Bool)] = []
    func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        switch record {
        case .event(let event): events.append(event)
        case .schedulingAttempt(let pod, let scheduled): attempts.append((pod, scheduled))
        default: break
        }
    }
    func messages(_ reason: String, pod: String) -> [String] {
        events.filter { $0.reason == reason && $0.name == pod }.map(\.message)
    }
}

/// Builders for the golden cases (reference scheduler.md §7 common setup).
enum Fixture {
    static func cluster(
        minor: Int = 35, seed: UInt64 = 1, configure: (inout ClusterConfiguration) -> Void = { _ in }
    )
        -> (Cluster, EventCollector)
    {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: minor)
        configuration.seed = seed
        configuration.timing = .ideal  // exact timings: the tests state ideal timing
        configure(&configuration)
        let cluster = Cluster(configuration: configuration)
        cluster.scheduler.recordExplanations = true
        let collector = EventCollector()
        cluster.addSink(collector)
        return (cluster, collector)
    }

    @discardableResult
    static func node(
        _ cluster: Cluster, _ name: String, cpu: String, memory: String, taints: [Taint]? = nil,
        labels: [String: String] = [:], images: [ContainerImage]? = nil, unschedulable: Bool? = nil
    ) -> NodeID {
        var allLabels = labels
        allLabels["kubernetes.io/hostname"] = name
        let node = Node(
            metadata: ObjectMeta(name: name, labels: allLabels),
            spec: NodeSpec(unschedulable: unschedulable, taints: taints),
            status: NodeStatus(
                capacity: [
                    "cpu": Quantity(stringLiteral: cpu), "memory": Quantity(stringLiteral: memory), "pods": "110",
                ], images: images))
        return cluster.addNode(node, pool: "test")
    }

    static func podSpec(
        cpu: String?, memory: String?, image: String = "registry.example/app:1.0", nodeName: String? = nil,
        priority: Int? = nil, tolerations: [Toleration]? = nil, schedulerName: String = "default-scheduler",
        extra: [String: String] = [:]
    ) -> PodSpec {
        var requests: ResourceList = [:]
        if let cpu { requests = requests + ["cpu": Quantity(stringLiteral: cpu)] }
        if let memory { requests = requests + ["memory": Quantity(stringLiteral: memory)] }
        for (name, value) in extra { requests = requests + [name: Quantity(stringLiteral: value)] }
        let container = Container(name: "app", image: image, resources: ResourceRequirements(requests: requests))
        return PodSpec(
            containers: [container], nodeName: nodeName, schedulerName: schedulerName, tolerations: tolerations,
            priority: priority)
    }

    @discardableResult
    static func pod(
        _ cluster: Cluster, _ name: String, cpu: String?, memory: String?, on nodeName: String? = nil,
        priority: Int? = nil, image: String = "registry.example/app:1.0", labels: [String: String]? = nil,
        owner: OwnerReference? = nil, tolerations: [Toleration]? = nil, schedulerName: String = "default-scheduler",
        extra: [String: String] = [:]
    ) -> PodID {
        let spec = podSpec(
            cpu: cpu, memory: memory, image: image, nodeName: nodeName, priority: priority, tolerations: tolerations,
            schedulerName: schedulerName, extra: extra)
        let metadata = ObjectMeta(
            name: name, namespace: "default", labels: labels, ownerReferences: owner.map { [$0] })
        return cluster.createPod(Pod(metadata: metadata, spec: spec))!
    }

    /// Runs one second of virtual time (enough for the zero-latency scheduler).
    static func settle(_ cluster: Cluster, seconds: Int = 1) {
        cluster.run(until: .time(cluster.now + .seconds(seconds)))
    }

    static func nodeName(_ cluster: Cluster, _ pod: PodID) -> String? {
        cluster.api[pod].nodeID.map { cluster.api[$0].name }
    }

    /// Total weighted score of `node` in the pod's last attempt.
    static func total(_ cluster: Cluster, _ pod: PodID, _ node: String) -> Int64? {
        cluster.scheduler.explanation(for: pod)?.nodes.first { $0.node == node }?.total
    }

    /// Normalized score of one plugin.
    static func score(_ cluster: Cluster, _ pod: PodID, _ node: String, _ plugin: String) -> Int64? {
        cluster.scheduler.explanation(for: pod)?.nodes.first { $0.node == node }?.scores.first { $0.plugin == plugin }?
            .score
    }
}
