import ClusterComponents
import KubeModel
import SimulationCore
import Stochastics

/// Records every event of a run.
final class EventRecorder: ClusterRecordSink {
    var events: [KubeEvent] = []
    func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        if case .event(let event) = record { events.append(event) }
    }

    /// Times (seconds) of events with `reason` (and `messagePrefix`).
    func times(_ reason: String, prefix: String = "") -> [Double] {
        events.filter { $0.reason == reason && $0.message.hasPrefix(prefix) }.map { $0.time.seconds }
    }
}

/// A one-node cluster under Model Z driving a single pod, for the golden cases.
struct KubeletHarness {
    let cluster: Cluster
    let recorder = EventRecorder()
    var pod: PodID!

    init(
        version: KubernetesVersion = .default, timing: TimingMode = .ideal,
        kubelet: KubeletConfiguration = .init(), preloaded: [String] = ["busybox:1.36", "app:1"],
        registry: ImageRegistry = .init(),
        behavior: @escaping (PodObject, ContainerRef) -> ContainerBehavior
    ) {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = version
        configuration.timing = timing
        cluster = Cluster(configuration: configuration)
        cluster.addSink(recorder)
        cluster.behaviorProvider = behavior
        cluster.registry = registry
        let node = Node(
            metadata: ObjectMeta(name: "n1"),
            status: NodeStatus(capacity: ["cpu": "4", "memory": "16Gi", "ephemeral-storage": "100Gi", "pods": "110"]))
        cluster.addNode(node, pool: "n", kubeletConfiguration: kubelet, preloadedImages: preloaded)
    }

    /// Creates `spec` as pod `web` bound to n1 (bypassing the scheduler).
    mutating func create(_ spec: PodSpec, name: String = "web") {
        var spec = spec
        spec.nodeName = "n1"
        pod = cluster.createPod(Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec))
    }

    /// Creates `spec` as pod `web` bound to n1 through the API server's admission (service
    /// account token volume, priority, default tolerations), as `kubectl apply` would.
    mutating func createAdmitted(_ spec: PodSpec, name: String = "web") throws {
        var spec = spec
        spec.nodeName = "n1"
        pod = try cluster.createPod(admitting: Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec))
    }

    /// Runs to `t` seconds (events at `t` included).
    func run(to t: Double) { cluster.run(until: .time(SimulationTime(nanoseconds: Int64((t * 1e9).rounded())))) }

    var object: PodObject { cluster.api[pod] }
    var now: SimulationTime { cluster.now }
}

extension ContainerBehavior {
    /// Runs `seconds` then exits with `code`, every instance.
    static func exits(after seconds: Double, code: Int32) -> ContainerBehavior {
        ContainerBehavior(runs: [.init(duration: .constant(seconds), exitCode: code)])
    }
}

func app(_ name: String = "app", image: String = "app:1") -> Container { Container(name: name, image: image) }
