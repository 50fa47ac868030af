import Foundation
import Testing

@testable import Experiments

@Suite struct GPUSharingExperimentTests {
    /// 4 nodes × 4 GPUs (16 GPUs); a mix of sharing, whole-GPU, multi-GPU and CPU-only pods.
    private func workload() -> GPUSharingWorkload {
        let nodes = (0..<4).map { GPUSharingFixtures.node("n\($0)", cpu: 32_000, gpus: 4) }
        let pods =
            GPUSharingFixtures.pods("s", 6, cpu: 2000, gpus: 1, milli: 300)
            + GPUSharingFixtures.pods("h", 4, cpu: 4000, gpus: 1, milli: 700)
            + GPUSharingFixtures.pods("w", 3, cpu: 8000, gpus: 1, milli: 1000)
            + GPUSharingFixtures.pods("m", 1, cpu: 8000, gpus: 2, milli: 1000)
            + GPUSharingFixtures.pods("c", 2, cpu: 4000)
        return GPUSharingWorkload(name: "tiny", nodes: nodes, pods: pods)
    }

    @Test("the CSV has exactly the required columns")
    func csvColumns() throws {
        let rows = GPUSharingExperiment(workloads: [workload()], policies: [.fgd], seeds: [42]).run()
        let lines = GPUSharingExperiment.csv(rows).split(separator: "\n")
        #expect(lines.first == "workload,policy,seed,arrived_pct,gpu_alloc_pct,frag_gpu_pct")
        let fields = try #require(lines.dropFirst().first).split(separator: ",")
        #expect(fields.count == 6)
        #expect(fields[0] == "tiny" && fields[1] == "fgd" && fields[2] == "42")
        #expect(lines.count > 10)
    }

    @Test("same seed, same CSV bytes, whatever the parallel schedule")
    func determinism() {
        let experiment = GPUSharingExperiment(
            workloads: [workload()], policies: GPUSharingPolicy.allCases, seeds: [42, 43])
        let first = GPUSharingExperiment.csv(experiment.run())
        let second = GPUSharingExperiment.csv(experiment.run())
        #expect(first == second)
        let single = GPUSharingExperiment(workloads: [workload()], policies: [.random], seeds: [43])
        let subset = GPUSharingExperiment.csv(single.run()).split(separator: "\n").dropFirst()
        let fromAll = first.split(separator: "\n").filter { $0.hasPrefix("tiny,random,43,") }
        #expect(Array(subset) == fromAll)
    }

    @Test("stored runs resume: a store holding some runs runs only the rest, and gives the unstored CSV")
    func storedRunsResume() throws {
        let experiment = GPUSharingExperiment(workloads: [workload()], policies: [.bestfit, .fgd], seeds: [1, 2, 3])
        let reference = GPUSharingExperiment.csv(experiment.run())
        let store = try SweepStore(path: nil)
        let first = try experiment.run(only: [0, 4], workloadHashes: ["h"], store: store, progress: { _, _ in })
        #expect(first.ran == 2 && first.isComplete)
        #expect(first.rows.map(\.seed) == first.rows.map(\.seed).sorted())
        let all = try experiment.run(
            only: Array(0..<experiment.runCount), workloadHashes: ["h"], store: store, progress: { _, _ in })
        #expect(all.ran == 4)
        #expect(GPUSharingExperiment.csv(all.rows) == reference)
        // Plan order: workloads, then policies, then seeds.
        #expect(experiment.run(at: 4).policy == .fgd && experiment.run(at: 4).seed == 2)
    }

    @Test("arrivals are resampled up to 130% of the GPU capacity")
    func tuning() {
        let workload = workload()
        let order = workload.arrivalSequence(seed: 7)
        let arrived = order.reduce(0) { $0 + workload.tasks[Int($1)].totalGPUMilli }
        // 16 GPUs: target 20 800 milli-GPU; the last draw stops when the next pod's per-GPU milli would overflow.
        #expect(arrived <= 20_800)
        #expect(arrived > 20_800 - 2000)
        #expect(order.prefix(workload.tasks.count).sorted() == (0..<Int32(workload.tasks.count)).map { $0 })
    }

    @Test("allocation trails the arrived request and never decreases")
    func curveShape() {
        let result = workload().run(policy: .bestfit, seed: 42)
        #expect(result.curve.first?.arrivedPercent == 0 || result.curve.first?.arrivedPercent == 1)
        for point in result.curve {
            #expect(point.allocatedPercent <= Double(point.arrivedPercent) + 12.5)  // one 2-GPU pod is 12.5%
            #expect(point.allocatedPercent <= 100)
        }
        let allocations = result.curve.map(\.allocatedPercent)
        #expect(allocations == allocations.sorted())
    }
}

@Suite struct AllocationCurveTests {
    @Test("whole-percent bins, means, and the ±1 fallback")
    func binning() {
        var curve = AllocationCurve(totalGPUs: 10)  // 10 000 milli-GPU: 1% = 100 milli
        curve.record(arrivedGPUMilli: 100, allocatedGPUMilli: 100, fragmentedGPUMilli: 0)  // bin 1, 1.00%
        curve.record(arrivedGPUMilli: 140, allocatedGPUMilli: 120, fragmentedGPUMilli: 50)  // bin 1, 1.20%
        curve.record(arrivedGPUMilli: 300, allocatedGPUMilli: 300, fragmentedGPUMilli: 100)  // bin 3, 3.00%
        let points = curve.points
        #expect(points.map(\.arrivedPercent) == [0, 1, 2, 3, 4])
        #expect(points[0].allocatedPercent == 1.1)  // bin 0 empty: mean of bin 1
        #expect(points[1].allocatedPercent == 1.1)
        #expect(points[1].fragmentedPercent == 0.25)  // 100 · 25 / 1000 / 10
        #expect(points[2].allocatedPercent == 1.73)  // bin 2 empty: (1.00 + 1.20 + 3.00) / 3
        #expect(points[3].allocatedPercent == 3)
        #expect(points[4].allocatedPercent == 3)
    }

    @Test("arrived request is rounded half to even, as Python's round")
    func halfEven() {
        var curve = AllocationCurve(totalGPUs: 10)
        curve.record(arrivedGPUMilli: 250, allocatedGPUMilli: 0, fragmentedGPUMilli: 0)  // 2.5% → bin 2
        #expect(curve.points.map(\.arrivedPercent) == [1, 2, 3])
    }
}
