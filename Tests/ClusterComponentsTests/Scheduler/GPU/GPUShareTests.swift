import ClusterComponents
import KubeModel
import SimulationCore
import Testing

/// GPU sharing in the cluster's scheduler: per-device accounting (GPUShare filter, device
/// assignment at assume, release at deletion), model constraints, and the GPUBestFit and FGD
/// policies. Every expected number is derived by hand in the test's comment.
@Suite("GPUShare")
struct GPUShareTests {
    /// A node with `gpus` GPUs of `model` (capacity `alibabacloud.com/gpu-count`, label
    /// `alibabacloud.com/gpu-card-model`), 32 CPU, 256 Gi.
    @discardableResult
    static func gpuNode(_ cluster: Cluster, _ name: String, gpus: Int, model: String = "T4") -> NodeID {
        var labels = ["kubernetes.io/hostname": name]
        var capacity: ResourceList = ["cpu": "32", "memory": "256Gi", "pods": "110"]
        if gpus > 0 {
            labels[GPUShareKeys.model] = model
            capacity =
                capacity + [
                    GPUShareKeys.count: Quantity(stringLiteral: String(gpus)),
                    GPUShareKeys.milli: Quantity(stringLiteral: String(gpus * 1000)),
                ]
        }
        let node = Node(metadata: ObjectMeta(name: name, labels: labels), status: NodeStatus(capacity: capacity))
        return cluster.addNode(node, pool: "gpu")
    }

    /// A pod asking `count` GPUs of `milli` each (annotations, as the openb trace converter writes them).
    @discardableResult
    static func gpuPod(
        _ cluster: Cluster, _ name: String, milli: Int, count: Int = 1, models: String? = nil, on node: String? = nil,
        cpu: String = "1"
    ) -> PodID {
        var annotations: [String: String] = [:]
        if count > 0 {
            annotations[GPUShareKeys.count] = String(count)
            annotations[GPUShareKeys.milli] = String(milli)
        }
        if let models { annotations[GPUShareKeys.model] = models }
        let spec = Fixture.podSpec(cpu: cpu, memory: "1Gi", nodeName: node)
        let metadata = ObjectMeta(name: name, namespace: "default", annotations: annotations)
        return cluster.createPod(Pod(metadata: metadata, spec: spec))!
    }

    static func gpuIndex(_ cluster: Cluster, _ pod: PodID) -> String? {
        cluster.api[pod].pod.metadata.annotations?[GPUShareKeys.index]
    }

    @Test("600, 600, 500 milli on a 2-GPU node: the third does not fit though 800 milli are idle")
    func fractionsPackOnSingleDevices() {
        // Best fit: 600 → device 0 (both 1000, lowest index) leaves [400, 1000]; 600 → device 1
        // leaves [400, 400]; 500 fits no device; 400 → device 0 (tie, lowest index).
        let (cluster, events) = Fixture.cluster()
        Self.gpuNode(cluster, "n1", gpus: 2)
        let a = Self.gpuPod(cluster, "a", milli: 600)
        Fixture.settle(cluster)
        let b = Self.gpuPod(cluster, "b", milli: 600)
        Fixture.settle(cluster)
        let c = Self.gpuPod(cluster, "c", milli: 500)
        Fixture.settle(cluster)
        #expect(Self.gpuIndex(cluster, a) == "0")
        #expect(Self.gpuIndex(cluster, b) == "1")
        #expect(Fixture.nodeName(cluster, c) == nil)
        let message = events.messages("FailedScheduling", pod: "c").first ?? ""
        #expect(message.hasPrefix("0/1 nodes are available: 1 Insufficient alibabacloud.com/gpu-milli."), "\(message)")
        let d = Self.gpuPod(cluster, "d", milli: 400)
        Fixture.settle(cluster)
        #expect(Self.gpuIndex(cluster, d) == "0")
        #expect(cluster.scheduler.gpuDevices(of: d) == [0])
        let usage = cluster.scheduler.gpuMilliUsage
        #expect(usage.allocated == 1600 && usage.total == 2000)
    }

    @Test("Whole GPUs need wholly free devices; a fragmented device does not count")
    func wholeGPUsVersusFragments() {
        // [1000, 1000] − share 300 (device 0) = [700, 1000]: a 2-GPU pod has 1 free device and
        // waits; a 1-GPU pod takes device 1.
        let (cluster, _) = Fixture.cluster()
        Self.gpuNode(cluster, "n1", gpus: 2)
        Self.gpuPod(cluster, "share", milli: 300)
        Fixture.settle(cluster)
        let two = Self.gpuPod(cluster, "two", milli: 1000, count: 2)
        Fixture.settle(cluster)
        #expect(Fixture.nodeName(cluster, two) == nil)
        let one = Self.gpuPod(cluster, "one", milli: 1000, count: 1)
        Fixture.settle(cluster)
        #expect(Self.gpuIndex(cluster, one) == "1")
    }

    @Test("Model constraints filter nodes; CPU-only nodes take no GPU pod")
    func modelConstraints() {
        let (cluster, events) = Fixture.cluster()
        Self.gpuNode(cluster, "cpu", gpus: 0)
        Self.gpuNode(cluster, "t4", gpus: 1, model: "T4")
        Self.gpuNode(cluster, "v100", gpus: 1, model: "V100M16")
        let v = Self.gpuPod(cluster, "v", milli: 500, models: "V100M16|V100M32")
        let any = Self.gpuPod(cluster, "any", milli: 1000, cpu: "31")
        let a10 = Self.gpuPod(cluster, "a10", milli: 100, models: "A10")
        let plain = Self.gpuPod(cluster, "plain", milli: 0, count: 0, cpu: "32")
        Fixture.settle(cluster)
        #expect(Fixture.nodeName(cluster, v) == "v100")
        // "any" (31 CPU) fits t4 only: v100 lacks the whole GPU, cpu lacks a GPU.
        #expect(Fixture.nodeName(cluster, any) == "t4")
        #expect(Fixture.nodeName(cluster, a10) == nil)
        let message = events.messages("FailedScheduling", pod: "a10").first ?? ""
        #expect(message.contains("2 node(s) didn't match the requested GPU model"), "\(message)")
        #expect(message.contains("1 Insufficient alibabacloud.com/gpu-milli"), "\(message)")
        // A pod without GPU annotations is placed by CPU alone: only "cpu" has 32 CPU left.
        #expect(Fixture.nodeName(cluster, plain) == "cpu")
    }

    @Test("Deleting a pod frees exactly its devices")
    func deletionFreesDevices() {
        // [1000, 1000]: whole → device 0, share 700 → device 1 ([0, 300]); a 500 share waits.
        // Deleting the whole-GPU pod frees device 0 only: the 500 share goes there ([500, 300]).
        let (cluster, _) = Fixture.cluster()
        Self.gpuNode(cluster, "n1", gpus: 2)
        let whole = Self.gpuPod(cluster, "whole", milli: 1000)
        Fixture.settle(cluster)
        let share = Self.gpuPod(cluster, "share", milli: 700)
        Fixture.settle(cluster)
        #expect(Self.gpuIndex(cluster, whole) == "0")
        #expect(Self.gpuIndex(cluster, share) == "1")
        let waiting = Self.gpuPod(cluster, "waiting", milli: 500)
        Fixture.settle(cluster)
        #expect(Fixture.nodeName(cluster, waiting) == nil)
        cluster.deletePod(whole, gracePeriodSeconds: 0)
        Fixture.settle(cluster, seconds: 60)
        #expect(Fixture.nodeName(cluster, waiting) == "n1")
        #expect(Self.gpuIndex(cluster, waiting) == "0")
        #expect(cluster.scheduler.gpuMilliUsage.allocated == 1200)
    }

    /// M = {one task type: 1 CPU, 500 milli of one GPU}.
    static let halfGPUTarget = GPUTargetWorkload(shapes: [GPUTaskShape(cpuMilli: 1000, gpuMilli: 500, gpuCount: 1)])

    @Test("FGD prefers the node whose leftover stays usable; GPUBestFit the tightest")
    func fgdVersusBestFit() {
        // n1 [1000], n2 [600] (a 400 share there). A 500 share:
        // FGD: n1 after [500] still fits M: F 0 → 0, score int(100·σ(0)) = 50;
        //      n2 after [100] fits nothing: F 0 → 100, score int(100·σ(−0.1)) = 47. → n1.
        // GPUBestFit: raw = int(100·(1 − 0.5·cpuFree'/128000 − 0.5·gpuFree'/8000)):
        //      n1 = int(100·(1 − 0.5·31000/128000 − 0.5·500/8000)) = int(84.765625) = 84,
        //      n2 = int(100·(1 − 0.5·30000/128000 − 0.5·100/8000)) = int(87.65625) = 87. → n2 (100 after min–max).
        for (policy, expected) in [("fgd", "n1"), ("gpubestfit", "n2")] {
            let (cluster, _) = Fixture.cluster()
            cluster.scheduler.usePolicy(SchedulerPolicy.named(policy)!)
            cluster.scheduler.setGPUTargetWorkload(Self.halfGPUTarget)
            Self.gpuNode(cluster, "n1", gpus: 1)
            Self.gpuNode(cluster, "n2", gpus: 1)
            Self.gpuPod(cluster, "held", milli: 400, on: "n2")
            Fixture.settle(cluster)
            let pod = Self.gpuPod(cluster, "p", milli: 500)
            Fixture.settle(cluster)
            #expect(Fixture.nodeName(cluster, pod) == expected, "\(policy)")
            if policy == "fgd" {
                #expect(Fixture.score(cluster, pod, "n1", "FGD") == 50)
                #expect(Fixture.score(cluster, pod, "n2", "FGD") == 47)
            } else {
                #expect(Fixture.score(cluster, pod, "n1", "GPUBestFit") == 0)
                #expect(Fixture.score(cluster, pod, "n2", "GPUBestFit") == 100)
            }
        }
    }

    @Test("FGD picks the device that keeps the node usable; best fit the tightest device")
    func fgdDeviceChoice() {
        // One node [600, 1000] (a 400 share on device 0). A 500 share on device 0 leaves
        // [100, 1000]: F 0 → 100 (score 47); on device 1 leaves [600, 500]: F 0 → 0 (score 50).
        // FGD takes device 1; the default best-fit device is 0 (600 < 1000).
        for (policy, expected) in [("fgd", "1"), ("default", "0")] {
            let (cluster, _) = Fixture.cluster()
            cluster.scheduler.usePolicy(SchedulerPolicy.named(policy)!)
            cluster.scheduler.setGPUTargetWorkload(Self.halfGPUTarget)
            Self.gpuNode(cluster, "n1", gpus: 2)
            Self.gpuPod(cluster, "held", milli: 400, on: "n1")
            Fixture.settle(cluster)
            let pod = Self.gpuPod(cluster, "p", milli: 500)
            Fixture.settle(cluster)
            #expect(Self.gpuIndex(cluster, pod) == expected, "\(policy)")
        }
    }
}

extension GPUShareTests {
    @Test("Preemption frees the victim's GPU devices in its dry run")
    func preemptionCountsDevices() {
        // One GPU, held by a priority-0 pod. A priority-10 whole-GPU pod fits only if the low
        // one goes: it is the victim, and the high pod then takes device 0.
        let (cluster, _) = Fixture.cluster()
        Self.gpuNode(cluster, "n1", gpus: 1)
        let low = Self.gpuPod(cluster, "low", milli: 1000)
        Fixture.settle(cluster)
        #expect(Self.gpuIndex(cluster, low) == "0")
        var annotations = [GPUShareKeys.count: "1", GPUShareKeys.milli: "1000"]
        annotations[GPUShareKeys.model] = nil
        let spec = Fixture.podSpec(cpu: "1", memory: "1Gi", priority: 10)
        let high = cluster.createPod(
            Pod(metadata: ObjectMeta(name: "high", namespace: "default", annotations: annotations), spec: spec))!
        Fixture.settle(cluster, seconds: 120)
        #expect(cluster.api[low].isRemoved || cluster.api[low].isTerminating)
        #expect(Fixture.nodeName(cluster, high) == "n1")
        #expect(Self.gpuIndex(cluster, high) == "0")
    }
}
