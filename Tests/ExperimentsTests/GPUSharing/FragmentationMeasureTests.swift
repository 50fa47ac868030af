import ClusterComponents
import Testing

@testable import Experiments

@Suite struct FragmentationMeasureTests {
    /// Target workload: 3 pods of 1 GPU × 500m, 1 CPU-only pod (p = 3/4 and 1/4; 100% ≥ 95% keeps both).
    /// The measure and the slot of the node's model (T4).
    private func measure() -> (FragmentationMeasure, slot: Int) {
        let pods = GPUSharingFixtures.pods("share", 3, gpus: 1, milli: 500) + GPUSharingFixtures.pods("cpu", 1)
        let nodes = [GPUSharingFixtures.node("n0", gpus: 2)]
        var models = GPUModelTable()
        let slot = models.bit(nodes[0].model).trailingZeroBitCount
        return (FragmentationMeasure(target: TargetWorkload(pods: pods, includeCPUTasks: true), models: &models), slot)
    }

    @Test("idle slices smaller than the demand are fragment; CPU-only tasks see all idle GPU")
    func slicesBelowDemand() {
        let (measure, slot) = measure()
        // GPUs left [300, 1000]: for the 500m type only the 300m slice is fragment; for the CPU type all 1300m.
        // F = 3/4 · 300 + 1/4 · 1300 = 550.
        let lanes = SIMD8<Int32>(300, 1000, 0, 0, 0, 0, 0, 0)
        let w = measure.weighted(cpuLeft: 10_000, gpuLeft: lanes, slot: slot)
        #expect(measure.milliGPU(weighted: w) == 550)
    }

    @Test("a task lacking CPU sees all idle GPU as fragment (Q4)")
    func lackingCPU() {
        let (measure, slot) = measure()
        // CPU left 500 < 1000: neither type can run, F = 1300.
        let lanes = SIMD8<Int32>(300, 1000, 0, 0, 0, 0, 0, 0)
        let w = measure.weighted(cpuLeft: 500, gpuLeft: lanes, slot: slot)
        #expect(measure.milliGPU(weighted: w) == 1300)
    }

    @Test("a task whose GPU model the node lacks sees all idle GPU as fragment")
    func wrongModel() {
        let pods = GPUSharingFixtures.pods("t4", 1, gpus: 1, milli: 500).map {
            var pod = $0
            pod.gpuSpec = ["V100M16"]
            return pod
        }
        let nodes = [GPUSharingFixtures.node("n0", gpus: 1, model: "T4")]
        var models = GPUModelTable()
        let t4 = models.bit("T4")
        let measure = FragmentationMeasure(target: TargetWorkload(pods: pods), models: &models)
        #expect(models.names == ["T4", "V100M16"])
        let w = measure.weighted(
            cpuLeft: 10_000, gpuLeft: SIMD8(1000, 0, 0, 0, 0, 0, 0, 0), slot: measure.slot(t4))
        #expect(measure.milliGPU(weighted: w) == 1000)
    }

    @Test("the target workload keeps the most popular shapes until they cover 95% of pods")
    func popularityCut() {
        // 19 of shape A, 1 of shape B: A alone covers 95% (19 ≥ 0.95 · 20), so B is dropped.
        let pods = GPUSharingFixtures.pods("a", 19, gpus: 1, milli: 500) + GPUSharingFixtures.pods("b", 1)
        let target = TargetWorkload(pods: pods, includeCPUTasks: true)
        #expect(target.entries.count == 1)
        #expect(target.entries.first?.shape.gpuMilli == 500)
        #expect(target.keptCount == 19)
        // 18 + 2: A covers 90%, so B is kept.
        let mixed = GPUSharingFixtures.pods("a", 18, gpus: 1, milli: 500) + GPUSharingFixtures.pods("b", 2)
        let both = TargetWorkload(pods: mixed, includeCPUTasks: true)
        #expect(both.entries.count == 2)
        #expect(both.popularity(of: both.entries[1]) == 0.1)
        // Without CPU-only types, M is the GPU tasks only.
        let gpuOnly = TargetWorkload(pods: mixed, includeCPUTasks: false)
        #expect(gpuOnly.entries.count == 1 && gpuOnly.keptCount == 18)
    }
}

/// The experiment's models go through the scheduler's ``GPUModelTable``: past 63 models they share bit 63
/// instead of stopping the run (the old catalog's precondition).
@Suite struct ExperimentModelTableTests {
    @Test("70 GPU models: the workload prepares, the table is saturated, models 64+ share one bit")
    func saturatedTable() {
        let nodes = (0..<70).map { GPUSharingFixtures.node("n\($0)", gpus: 1, model: "M\($0)") }
        var pod = GPUSharingFixtures.pods("p", 1, gpus: 1, milli: 500)[0]
        pod.gpuSpec = ["M65"]
        let workload = GPUSharingWorkload(name: "many", nodes: nodes, pods: [pod])
        #expect(workload.models.isSaturated)
        #expect(workload.models.count == 63)
        let task = workload.tasks[0]
        let cluster = workload.emptyCluster
        #expect(cluster.fits(task, on: 65))
        #expect(cluster.fits(task, on: 64))  // shares bit 63 with M65: the documented approximation
        #expect(!cluster.fits(task, on: 62))  // M62 has its own bit
        #expect(cluster.modelSlot[65] == cluster.measure.unmodelledSlot)
    }
}
