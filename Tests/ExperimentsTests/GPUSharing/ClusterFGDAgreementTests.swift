import ClusterComponents
import KubeModel
import SimulationCore
import Testing

@testable import Experiments

/// The cluster scheduler's FGD and GPUBestFit (ClusterComponents, Scheduler+GPUShare.swift) carry
/// copies of the standalone experiment's formulas; on a small mixed cluster both must give the
/// same feasible nodes and the same scores for every task shape.
@Suite struct ClusterFGDAgreementTests {
    static let nodes = [
        GPUSharingFixtures.node("a", cpu: 32_000, gpus: 2, model: "T4"),
        GPUSharingFixtures.node("b", gpus: 4, model: "V100M16"),
        GPUSharingFixtures.node("c", gpus: 8, model: "G2"),
        GPUSharingFixtures.node("d", cpu: 16_000, gpus: 1, model: "A10"),
        GPUSharingFixtures.node("e", gpus: 0),
    ]
    /// The pod list M is built from (all five shapes kept: 10 + 6 + 4 + 3 + 2 = 25 ≥ 95 %).
    static let podList: [GPUTracePod] =
        GPUSharingFixtures.pods("share", 10, cpu: 4000, gpus: 1, milli: 500)
        + GPUSharingFixtures.pods("one", 6, cpu: 8000, gpus: 1, milli: 1000)
        + (0..<4).map {
            GPUSharingFixtures.pod("two-\($0)", cpu: 16_000, gpus: 2, milli: 1000, spec: ["V100M16", "G2"])
        }
        + GPUSharingFixtures.pods("cpu", 3, cpu: 2000)
        + (0..<2).map { GPUSharingFixtures.pod("t4-\($0)", cpu: 4000, gpus: 1, milli: 250, spec: ["T4"]) }
    /// Placed first, in order: (node, cpu, gpus, milli).
    static let placed: [(node: Int, cpu: Int, gpus: Int, milli: Int)] = [
        (0, 2000, 1, 300), (1, 16_000, 2, 1000), (2, 4000, 1, 700), (2, 4000, 1, 500), (3, 14_000, 0, 0),
    ]
    /// The candidates scored: every shape of the list plus a 600 share.
    static let candidates: [GPUTracePod] = [
        podList[0], podList[10], podList[16], podList[20], podList[23],
        GPUSharingFixtures.pod("six", cpu: 3000, gpus: 1, milli: 600),
    ]

    static func annotations(gpus: Int, milli: Int, spec: [String]) -> [String: String] {
        guard gpus > 0 else { return [:] }
        var result = [GPUShareKeys.count: String(gpus), GPUShareKeys.milli: String(milli)]
        if !spec.isEmpty { result[GPUShareKeys.model] = spec.joined(separator: "|") }
        return result
    }

    /// Scores of `candidate` on each node in the cluster scheduler under `policy` (nil: infeasible;
    /// -1: feasible but not scored).
    static func clusterScores(_ candidate: GPUTracePod, policy: String) throws -> [Int64?] {
        let cluster = Cluster(configuration: ClusterConfiguration())
        cluster.scheduler.recordExplanations = true
        cluster.scheduler.usePolicy(SchedulerPolicy.named(policy)!)
        cluster.scheduler.setGPUTargetWorkload(
            GPUTargetWorkload(
                shapes: podList.map {
                    GPUTaskShape(
                        cpuMilli: Int64($0.cpuMilli), gpuMilli: Int32($0.gpuMilli), gpuCount: Int32($0.gpuCount),
                        gpuSpec: $0.gpuSpec.joined(separator: "|"))
                }))
        for node in nodes {
            var labels = ["kubernetes.io/hostname": node.name]
            var capacity: ResourceList = [
                "cpu": Quantity(milliValue: Int64(node.cpuMilli)),
                "memory": try Quantity(parsing: "\(node.memoryMiB)Mi"),
                "pods": "110",
            ]
            if node.gpuCount > 0 {
                labels[GPUShareKeys.model] = node.model
                capacity[GPUShareKeys.count] = Quantity(Int64(node.gpuCount))
            }
            cluster.addNode(
                Node(metadata: ObjectMeta(name: node.name, labels: labels), status: NodeStatus(capacity: capacity)),
                pool: "p")
        }
        func pod(_ name: String, cpu: Int, gpus: Int, milli: Int, spec: [String], on node: String?) -> PodID {
            let container = Container(
                name: "main", image: "app:1",
                resources: ResourceRequirements(requests: ["cpu": Quantity(milliValue: Int64(cpu)), "memory": "1Gi"]))
            let metadata = ObjectMeta(
                name: name, namespace: "default", annotations: annotations(gpus: gpus, milli: milli, spec: spec))
            return cluster.createPod(Pod(metadata: metadata, spec: PodSpec(containers: [container], nodeName: node)))!
        }
        for (index, p) in placed.enumerated() {
            _ = pod("placed-\(index)", cpu: p.cpu, gpus: p.gpus, milli: p.milli, spec: [], on: nodes[p.node].name)
            cluster.run(until: .time(cluster.now + .seconds(1)))
        }
        let id = pod(
            "candidate", cpu: candidate.cpuMilli, gpus: candidate.gpuCount, milli: candidate.gpuMilli,
            spec: candidate.gpuSpec, on: nil)
        cluster.run(until: .time(cluster.now + .seconds(1)))
        let explanation = try #require(cluster.scheduler.explanation(for: id))
        return nodes.map { node in
            explanation.nodes.first { $0.node == node.name && $0.feasible }.map { verdict in
                verdict.scores.first?.score ?? -1
            }
        }
    }

    /// Scores of `candidate` in the experiment's model (nil: infeasible).
    static func experimentScores(_ candidate: GPUTracePod, policy: String) -> [Int64?] {
        let workload = GPUSharingWorkload(name: "t", nodes: nodes, pods: podList)
        var cluster = workload.emptyCluster
        let catalog = GPUModelCatalog(nodes: nodes, pods: workload.pods)
        for p in placed {
            let task = GPUTask(
                cpuMilli: Int32(p.cpu), memoryMiB: 1024, gpuCount: Int32(p.gpus), gpuMilli: Int32(p.milli),
                modelMask: 0, shape: 0)
            cluster.place(task, on: p.node, device: task.isGPUShare ? cluster.bestFitDevice(task, on: p.node) : -1)
        }
        let task = GPUTask(
            cpuMilli: Int32(candidate.cpuMilli), memoryMiB: 1024, gpuCount: Int32(candidate.gpuCount),
            gpuMilli: Int32(candidate.gpuMilli), modelMask: catalog.specMask(candidate.gpuSpec), shape: 0)
        let feasible = (0..<nodes.count).filter { cluster.fits(task, on: $0) }
        var result = [Int64?](repeating: nil, count: nodes.count)
        if policy == "fgd" {
            for node in feasible { result[node] = Int64(cluster.fgdScore(task, on: node).score) }
        } else {
            let normalized = GPUSharingCluster.bestFitNormalized(feasible.map { cluster.bestFitRawScore(task, on: $0) })
            for (index, node) in feasible.enumerated() { result[node] = Int64(normalized[index]) }
        }
        // A single feasible node is taken without scoring (schedule_one.go): no score to compare.
        if feasible.count == 1 { result[feasible[0]] = -1 }
        return result
    }

    @Test("FGD and GPUBestFit in the cluster agree with the standalone experiment", arguments: ["fgd", "gpubestfit"])
    func agree(policy: String) throws {
        for candidate in Self.candidates {
            let expected = Self.experimentScores(candidate, policy: policy)
            #expect(expected.contains { $0 != nil }, "\(candidate.name) fits somewhere")
            #expect(try Self.clusterScores(candidate, policy: policy) == expected, "\(policy) \(candidate.name)")
        }
    }
}
