import ClusterComponents
import KubeModel
import SimulationCore
import Testing

@testable import SimulationOutput

/// The series ``MetricsRegistry`` builds from a hand-driven cluster, against values worked out
/// from the pods and nodes created.
@Suite struct MetricsRegistryTests {
    func value(_ snapshot: MetricsSnapshot, _ id: MetricID, _ labels: String) -> Double? {
        snapshot[id].first { $0.labels == labels }?.value
    }

    @Test("pod, container and node series are named and labelled as kube-state-metrics exports them")
    func kubeStateMetrics() throws {
        let t = TestCluster()
        let registry = MetricsRegistry()
        t.cluster.addSink(registry)
        let node = t.addNode("worker-0", cpu: "4", memory: "16Gi")
        t.at(1)
        let pod = t.create("web", cpu: "500m", memory: "256Mi")
        let uid = t.cluster.api[pod].uid
        let prefix = "namespace=\"default\",pod=\"web\",uid=\"\(uid)\""

        let pending = registry.snapshot(ClusterView(t.cluster))
        #expect(value(pending, .podStatusPhase, prefix + ",phase=\"Pending\"") == 1)
        #expect(value(pending, .podStatusPhase, prefix + ",phase=\"Running\"") == 0)
        #expect(pending[.podStatusPhase].count == 5)
        // Requests before binding carry an empty node label.
        #expect(
            value(pending, .containerRequests, prefix + ",container=\"app\",node=\"\",resource=\"cpu\",unit=\"core\"")
                == 0.5)

        t.at(3)
        t.bind(pod, node)
        t.creating(pod)
        t.running(pod)
        let running = registry.snapshot(ClusterView(t.cluster))
        #expect(value(running, .podStatusPhase, prefix + ",phase=\"Running\"") == 1)
        #expect(value(running, .podStatusReady, prefix + ",condition=\"true\"") == 1)
        #expect(value(running, .podStatusReady, prefix + ",condition=\"false\"") == 0)
        let info = try #require(running[.podInfo].first)
        #expect(info.labels.hasPrefix(prefix + ",host_ip=\""))
        #expect(info.labels.contains(",node=\"worker-0\",created_by_kind=\"\""))
        let container = prefix + ",container=\"app\""
        #expect(value(running, .containerRestarts, container) == 0)
        #expect(value(running, .containerRunning, container) == 1)
        #expect(value(running, .containerReady, container) == 1)
        // 256Mi = 268435456 bytes; 500m = 0.5 cores.
        #expect(
            value(running, .containerRequests, container + ",node=\"worker-0\",resource=\"memory\",unit=\"byte\"")
                == 268_435_456)
        #expect(value(running, .nodeAllocatable, "node=\"worker-0\",resource=\"cpu\",unit=\"core\"") == 4)
        #expect(value(running, .nodeCapacity, "node=\"worker-0\",resource=\"pods\",unit=\"integer\"") == 110)
        #expect(value(running, .nodeCondition, "node=\"worker-0\",condition=\"Ready\",status=\"true\"") == 1)
        #expect(value(running, .nodeUnschedulable, "node=\"worker-0\"") == 0)
        #expect(value(running, .kubeletRunningPods, "node=\"worker-0\"") == 1)
        // Created at 1 s, bound at 3 s: one observation of 2 s, in le=2.56 (0.01·2^8) and up,
        // with attempts 1 (bound without a recorded failure).
        let sli = try #require(running[.schedulerSchedulingSLI].first)
        #expect(sli.labels == "attempts=\"1\"")
        let histogram = try #require(sli.histogram)
        #expect(histogram.sum == 2)
        #expect(histogram.cumulativeCounts[7] == 0)
        #expect(histogram.cumulativeCounts[8] == 1)

        t.at(5)
        t.succeeded(pod)
        t.cluster.removePod(pod)
        let gone = registry.snapshot(ClusterView(t.cluster))
        #expect(gone[.podInfo].isEmpty)
        #expect(gone[.kubeletRunningPods].first?.value == 0)
        // The histogram keeps its observation after the pod is gone.
        #expect(gone[.schedulerSchedulingSLI].first?.histogram?.count == 1)
    }

    @Test("resources are sanitised and given kube-state-metrics' units")
    func resourceNames() {
        let cpu = MetricsRegistry.resourceSample("cpu", Quantity(stringLiteral: "250m"), node: false)
        #expect(cpu?.resource == "cpu" && cpu?.unit == "core" && cpu?.value == 0.25)
        let storage = MetricsRegistry.resourceSample("ephemeral-storage", Quantity(stringLiteral: "1Gi"), node: true)
        #expect(storage?.resource == "ephemeral_storage" && storage?.unit == "byte" && storage?.value == 1_073_741_824)
        let gpu = MetricsRegistry.resourceSample("nvidia.com/gpu", Quantity(stringLiteral: "2"), node: false)
        #expect(gpu?.resource == "nvidia_com_gpu" && gpu?.unit == "integer" && gpu?.value == 2)
        // Pods are a node resource only; a kubernetes.io-domain name is not extended.
        #expect(MetricsRegistry.resourceSample("pods", Quantity(stringLiteral: "110"), node: false) == nil)
        #expect(MetricsRegistry.resourceSample("kubernetes.io/x", Quantity(stringLiteral: "1"), node: true) == nil)
    }

    @Test("the kubelet's start histogram counts the startups RunStatistics reports, per node")
    func podStartHistogram() throws {
        let registry = MetricsRegistry()
        registry.observePodStartup(node: NodeID(0), sli: .seconds(0.7))
        registry.observePodStartup(node: NodeID(0), sli: .seconds(45))
        registry.observePodStartup(node: nil, sli: .seconds(1))
        let t = TestCluster()
        t.addNode("worker-0")
        let snapshot = registry.snapshot(ClusterView(t.cluster))
        let series = try #require(snapshot[.kubeletPodStartSLI].first)
        #expect(series.labels == "node=\"worker-0\"")
        let histogram = try #require(series.histogram)
        // Bounds 0.5, 1, …, 30, 45: 0.7 in le=1 (index 1), 45 in le=45 (index 11), inclusive.
        #expect(histogram.cumulativeCounts[0] == 0)
        #expect(histogram.cumulativeCounts[1] == 1)
        #expect(histogram.cumulativeCounts[10] == 1)
        #expect(histogram.cumulativeCounts[11] == 2)
        #expect(abs(histogram.sum - 45.7) < 1e-9)
    }
}
