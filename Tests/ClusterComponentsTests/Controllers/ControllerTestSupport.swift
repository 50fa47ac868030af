import ClusterComponents
import KubeModel
import SimulationCore
import Stochastics

/// Builders shared by the controller tests.
enum ControllerFixture {
    static let image = "nginx:1.27"

    static func cluster(minor: Int = 34, seed: UInt64 = 7) -> Cluster {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: minor)
        configuration.seed = seed
        configuration.timing = .ideal  // exact timings: the tests state ideal timing
        return Cluster(configuration: configuration)
    }

    @discardableResult
    static func node(_ cluster: Cluster, _ name: String) -> NodeID {
        let node = Node(
            metadata: ObjectMeta(name: name, labels: ["kubernetes.io/hostname": name]),
            status: NodeStatus(capacity: ["cpu": "4", "memory": "16Gi", "pods": "110"]))
        return cluster.addNode(node, pool: "worker", preloadedImages: [image])
    }

    static func template(app: String, image: String = image, restartPolicy: RestartPolicy = .always) -> PodTemplateSpec
    {
        var spec = PodSpec(containers: [Container(name: "app", image: image)])
        spec.restartPolicy = restartPolicy
        return PodTemplateSpec(metadata: ObjectMeta(labels: ["app": app]), spec: spec)
    }

    static func deployment(
        _ name: String, replicas: Int, maxSurge: IntOrString = "25%", maxUnavailable: IntOrString = "25%",
        strategy: String = "RollingUpdate"
    ) -> Deployment {
        Deployment(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: DeploymentSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]), template: template(app: name),
                strategy: DeploymentStrategy(
                    type: strategy,
                    rollingUpdate: strategy == "RollingUpdate"
                        ? RollingUpdateDeployment(maxUnavailable: maxUnavailable, maxSurge: maxSurge) : nil)))
    }

    /// Runs in 1-s steps of virtual time until `done` holds or `limit` seconds have passed.
    @discardableResult
    static func run(_ cluster: Cluster, untilSeconds limit: Int, _ done: (Cluster) -> Bool) -> Bool {
        let end = SimulationTime.seconds(limit)
        while cluster.now < end {
            cluster.run(until: .time(min(end, cluster.now + .seconds(1))))
            if done(cluster) { return true }
        }
        return done(cluster)
    }

    static func run(_ cluster: Cluster, toSecond second: Int) {
        cluster.run(until: .time(.seconds(second)))
    }

    /// Live pods that are neither terminating nor terminal.
    static func activePods(_ cluster: Cluster, where belongs: (PodObject) -> Bool = { _ in true }) -> [PodObject] {
        activePods(ClusterView(cluster), where: belongs)
    }

    static func activePods(_ cluster: ClusterView, where belongs: (PodObject) -> Bool = { _ in true }) -> [PodObject] {
        cluster.api.pods.filter { !$0.isRemoved && !$0.isTerminating && !$0.isTerminal && belongs($0) }
    }

    static func isReady(_ pod: PodObject) -> Bool { pod.status.condition("Ready")?.status == .true }

    /// Every Kubernetes Event recorded.
    static func events(_ cluster: Cluster) -> EventLog {
        let log = EventLog()
        cluster.addSink(log)
        return log
    }
}

/// Collects Events.
final class EventLog: ClusterRecordSink {
    var events: [KubeEvent] = []
    func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        if case .event(let event) = record { events.append(event) }
    }
    func with(reason: String) -> [KubeEvent] { events.filter { $0.reason == reason } }
}

/// Runs a check on every record (the state just after each change).
final class InvariantSink: ClusterRecordSink {
    let check: (ClusterView) -> Void
    init(_ check: @escaping (ClusterView) -> Void) { self.check = check }
    func consume(_ record: ClusterRecord, in cluster: ClusterView) { check(cluster) }
}
