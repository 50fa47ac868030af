import Testing

@testable import Experiments

@Suite struct PolicyScoreTests {
    /// Two 1-GPU T4 nodes; target workload 3 × (1 GPU, 600m) + 1 × (1 GPU, 400m); node 1 already hosts a 400m
    /// task on its GPU (600m left), node 0 is empty.
    private func sharedGPUCluster() -> (GPUSharingWorkload, GPUSharingCluster, GPUTask) {
        let pods =
            GPUSharingFixtures.pods("a", 3, gpus: 1, milli: 600) + GPUSharingFixtures.pods("b", 1, gpus: 1, milli: 400)
        let nodes = [GPUSharingFixtures.node("n0", gpus: 1), GPUSharingFixtures.node("n1", gpus: 1)]
        let workload = GPUSharingWorkload(name: "t", nodes: nodes, pods: pods)
        var cluster = workload.emptyCluster
        let small = GPUSharingFixtures.task(workload, gpus: 1, milli: 400)
        cluster.place(small, on: 1, device: 0)
        return (workload, cluster, small)
    }

    @Test("FGD prefers the node where the placement does not fragment")
    func fgdAvoidsFragmenting() {
        let (_, cluster, task) = sharedGPUCluster()
        // Node 1: 600m → 200m left; both types then lack GPU, F' = 200, F = 0: int(100·σ(−0.2)) = 45.
        // Node 0: 1000m → 600m left; both types still fit, F' = F = 0: int(100·σ(0)) = 50.
        #expect(cluster.fgdScore(task, on: 1) == (45, 0))
        #expect(cluster.fgdScore(task, on: 0) == (50, 0))
    }

    @Test("FGD picks, among a node's GPUs, the one that keeps fragmentation lowest")
    func fgdPicksDevice() {
        let pods =
            GPUSharingFixtures.pods("a", 3, gpus: 1, milli: 600) + GPUSharingFixtures.pods("b", 1, gpus: 1, milli: 400)
        let workload = GPUSharingWorkload(name: "t", nodes: [GPUSharingFixtures.node("n0", gpus: 2)], pods: pods)
        var cluster = workload.emptyCluster
        let small = GPUSharingFixtures.task(workload, gpus: 1, milli: 400)
        cluster.place(small, on: 0, device: 1)  // GPUs left [1000, 600]
        // Device 0 → [600, 600]: F' = 0, score 50. Device 1 → [1000, 200]: the 200 slice is fragment for both
        // types, F' = 200, score 45. FGD takes device 0.
        #expect(cluster.fgdScore(small, on: 0) == (50, 0))
    }

    @Test("GpuPacking prefers an already-shared GPU; best-fit device selection takes it too")
    func packingPrefersSharedGPU() {
        let (_, cluster, task) = sharedGPUCluster()
        // Node 1: case 1, 100 − (600·100/1000)/10 = 94. Node 0: all GPUs free, max(33 − 1, 1) = 32.
        #expect(cluster.gpuPackingScore(task, on: 1) == 94)
        #expect(cluster.gpuPackingScore(task, on: 0) == 32)
        #expect(cluster.bestFitDevice(task, on: 1) == 0)
    }

    @Test("GpuPacking: whole GPUs on a used node score 50 − GPUs taken; CPU-only tasks 0")
    func packingWholeGPUs() {
        let pods =
            GPUSharingFixtures.pods("s", 1, gpus: 1, milli: 500) + GPUSharingFixtures.pods("w", 1, gpus: 2, milli: 1000)
            + GPUSharingFixtures.pods("c", 1)
        let workload = GPUSharingWorkload(name: "t", nodes: [GPUSharingFixtures.node("n0", gpus: 8)], pods: pods)
        var cluster = workload.emptyCluster
        cluster.place(GPUSharingFixtures.task(workload, gpus: 1, milli: 500), on: 0, device: 0)
        #expect(cluster.gpuPackingScore(GPUSharingFixtures.task(workload, gpus: 2, milli: 1000), on: 0) == 48)
        #expect(cluster.gpuPackingScore(GPUSharingFixtures.task(workload, gpus: 0, milli: 0), on: 0) == 0)
    }

    /// Node 0: 64 cores, 2 free GPUs; node 1: 32 cores, 1 free GPU; task: 8 cores, 1 whole GPU.
    private func twoNodes() -> (GPUSharingCluster, GPUTask) {
        let pods = GPUSharingFixtures.pods("w", 1, cpu: 8000, gpus: 1, milli: 1000)
        let nodes = [
            GPUSharingFixtures.node("n0", cpu: 64_000, gpus: 2), GPUSharingFixtures.node("n1", cpu: 32_000, gpus: 1),
        ]
        let workload = GPUSharingWorkload(name: "t", nodes: nodes, pods: pods)
        return (workload.emptyCluster, workload.tasks[0])
    }

    @Test("BestFit formula on two nodes")
    func bestFit() {
        let (cluster, task) = twoNodes()
        // n0: 1 − (0.5·56000/128000 + 0.5·1000/8000) = 0.71875 → 71; n1: 1 − 0.5·24000/128000 = 0.90625 → 90.
        let raw = [cluster.bestFitRawScore(task, on: 0), cluster.bestFitRawScore(task, on: 1)]
        #expect(raw == [71, 90])
        #expect(GPUSharingCluster.bestFitNormalized(raw) == [0, 100])
        #expect(GPUSharingCluster.bestFitNormalized([40, 40]) == [0, 0])
    }

    @Test("DotProduct (packing variant): the smaller free·request alignment wins")
    func dotProduct() {
        let (cluster, task) = twoNodes()
        // n0: (0.5·0.0625 + 0.25·0.125)/2 = 0.03125 → 96; n1: (0.25·0.0625 + 0.125·0.125)/2 = 0.015625 → 98.
        #expect(cluster.dotProductScore(task, on: 0) == 96)
        #expect(cluster.dotProductScore(task, on: 1) == 98)
    }

    @Test("GpuClustering bands: same class only, idle node, other classes only")
    func clustering() {
        let pods =
            GPUSharingFixtures.pods("s", 1, gpus: 1, milli: 500) + GPUSharingFixtures.pods("o", 1, gpus: 1, milli: 1000)
            + GPUSharingFixtures.pods("c", 1)
        let nodes = [GPUSharingFixtures.node("n0", gpus: 8), GPUSharingFixtures.node("n1", gpus: 8)]
        let workload = GPUSharingWorkload(name: "t", nodes: nodes, pods: pods)
        var cluster = workload.emptyCluster
        let share = GPUSharingFixtures.task(workload, gpus: 1, milli: 500)
        let whole = GPUSharingFixtures.task(workload, gpus: 1, milli: 1000)
        cluster.place(share, on: 0, device: 0)  // n0 idle 7500m: base 25·500/8000 = 1
        #expect(cluster.gpuClusteringScore(share, on: 0) == 76)
        #expect(cluster.gpuClusteringScore(share, on: 1) == 25)
        #expect(cluster.gpuClusteringScore(whole, on: 0) == 1)
        cluster.place(whole, on: 0, device: -1)  // n0 idle 6500m, classes {share, 1-gpu}: base 25·1500/8000 = 4
        #expect(cluster.gpuClusteringScore(share, on: 0) == 54)
        #expect(cluster.gpuClusteringScore(GPUSharingFixtures.task(workload, gpus: 0, milli: 0), on: 0) == 0)
    }

    @Test("filter: CPU, memory, GPU model and devices")
    func filter() {
        var pods = GPUSharingFixtures.pods("v", 1, gpus: 1, milli: 500)
        pods[0].gpuSpec = ["V100M32"]
        pods += [GPUSharingFixtures.pod("big", memory: 300_000), GPUSharingFixtures.pod("two", gpus: 2, milli: 1000)]
        let nodes = [
            GPUSharingFixtures.node("t4", gpus: 1, model: "T4"),
            GPUSharingFixtures.node("v", gpus: 2, model: "V100M32"),
        ]
        let workload = GPUSharingWorkload(name: "t", nodes: nodes, pods: pods)
        let cluster = workload.emptyCluster
        let constrained = workload.tasks.first { $0.modelMask != 0 }!
        #expect(!cluster.fits(constrained, on: 0))
        #expect(cluster.fits(constrained, on: 1))
        let big = workload.tasks.first { $0.memoryMiB == 300_000 }!
        #expect(!cluster.fits(big, on: 0))
        let two = GPUSharingFixtures.task(workload, gpus: 2, milli: 1000)
        #expect(!cluster.fits(two, on: 0))
        #expect(cluster.fits(two, on: 1))
    }
}
