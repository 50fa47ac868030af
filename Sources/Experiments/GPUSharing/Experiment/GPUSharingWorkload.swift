import ClusterComponents
import Stochastics

/// One pod list on one node list, prepared for the FGD experiment (Weng et al., ATC '23, §6): dense tasks, the
/// target workload's fragmentation measure, and the empty cluster every run starts from.
public struct GPUSharingWorkload: Sendable {
    /// The pod-list name (e.g. `default` for `openb_pod_list_default.csv`).
    public let name: String
    /// The trace pods, sorted by name (the artifact sorts before shuffling, `SortClusterPods`).
    public let pods: [GPUTracePod]
    /// The tasks, aligned with ``pods``.
    public let tasks: [GPUTask]
    /// Number of distinct task shapes (``GPUTask/shape`` is below it).
    public let shapeCount: Int
    /// The target workload of the fragmentation measure (from this pod list, before tuning).
    public let target: TargetWorkload
    /// The empty cluster.
    public let emptyCluster: GPUSharingCluster
    /// The GPU models of the node list, then of the pod list, each with its bit.
    public let models: GPUModelTable

    /// Prepares a workload.
    /// - Parameters:
    ///   - name: the pod-list name, for output.
    ///   - nodes: the node list.
    ///   - pods: the pod list (any order).
    ///   - popularityThreshold: coverage of the target workload, percent.
    ///   - includeCPUTasks: whether CPU-only pods are task types of the target workload.
    ///
    /// The defaults are the artifact's experiment configuration (scripts/generate_config_and_run.py:
    /// `--pod-popularity-threshold 95`, `--is-involved-cpu-pods true`, increase step 1), and M is computed from
    /// this pod list — the workload being replayed, before tuning — as the artifact does (pkg/simulator/core.go,
    /// `Simulate`: `SetWorkloadPods(cluster.Pods)` then `SetTypicalPods()`), so each workload has its own M.
    /// With ties broken as the artifact's scheduler does (``nodePriority(seed:)``) these defaults reproduce the
    /// published FGD results (experiments/analysis/expected_results/analysis_allo_discrete.csv, seeds 42–46, at
    /// 100 % / 130 % arrived): `default` 95.24 % / 95.41 % (artifact 95.24 / 95.40), `gpushare100` 86.58 % /
    /// 86.83 % (artifact 86.57 / 86.83). The baselines do not use M.
    public init(
        name: String, nodes: [GPUTraceNode], pods: [GPUTracePod], popularityThreshold: Int = 95,
        includeCPUTasks: Bool = true
    ) {
        self.name = name
        let sortedPods = pods.sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
        self.pods = sortedPods
        // Model bits in the order the nodes name them, then the pods (as the scheduler's cache interns them).
        var models = GPUModelTable()
        for node in nodes where !node.model.isEmpty { _ = models.bit(node.model) }
        for pod in sortedPods { _ = models.mask(models: pod.gpuSpec) }
        target = TargetWorkload(
            pods: sortedPods, popularityThreshold: popularityThreshold, includeCPUTasks: includeCPUTasks)
        let measure = FragmentationMeasure(target: target, models: &models)
        emptyCluster = GPUSharingCluster(nodes: nodes, models: &models, measure: measure)
        var shapeIDs: [GPUTaskShape: Int32] = [:]
        tasks = sortedPods.map { pod in
            let shape = GPUTaskShape(pod)
            let id = shapeIDs[shape] ?? Int32(shapeIDs.count)
            shapeIDs[shape] = id
            return GPUTask(
                cpuMilli: Int32(pod.cpuMilli), memoryMiB: Int32(clamping: pod.memoryMiB), gpuCount: Int32(pod.gpuCount),
                gpuMilli: Int32(pod.gpuMilli), modelMask: models.mask(models: pod.gpuSpec), shape: id)
        }
        shapeCount = shapeIDs.count
        self.models = models
    }

    /// Milli-GPU capacity of the cluster.
    public var capacityGPUMilli: Int { emptyCluster.totalGPUs * 1000 }

    /// The scheduler's tie-break rank of each node for a seed (lower wins), as the artifact sets it up: its
    /// scheduler is a fork of kube-scheduler 1.20.5 (go.mod: `k8s.io/kubernetes => github.com/mental2008/kubernetes
    /// v1.20.5-minor`) whose `selectHost` keeps, among the highest scores, the node with the lexicographically
    /// smallest name "for reproducibility" (vendor/k8s.io/kubernetes/pkg/scheduler/core/generic_scheduler.go),
    /// and the simulator names node i of the name-sorted list `"%04d-" + name` with the i-th entry of a random
    /// permutation (pkg/simulator/simulator.go, `syncClusterResourceList`). So ties go to a fixed, seed-dependent
    /// node order — not to a fresh uniform draw per pod as in upstream kube-scheduler — and equal-scoring pods
    /// keep landing on the same nodes. The permutation comes from the stream `fgd/nodes`, shared by all
    /// policies (the artifact draws it after the policy-independent shuffle and tuning).
    /// - Returns: `rank[node]`, a permutation of `0..<nodes`, in node-list order.
    public func nodePriority(seed: UInt64) -> [Int32] {
        var random = RandomStreams(seed: seed).stream(named: "fgd/nodes")
        var rank = (0..<Int32(emptyCluster.count)).map { $0 }
        random.shuffle(&rank)
        return rank
    }

    /// The arrival order for a seed (indices into ``tasks``), as the artifact builds it (pkg/simulator/core.go,
    /// `Simulate`): the pod list shuffled, then tuned to `tuningRatio` × the cluster's GPU capacity
    /// (simulator.go, `TunePodsByNodeTotalResource`) — pods drawn with replacement from the name-sorted list
    /// are appended while the next one still fits under the target, or random pods are removed while the total
    /// exceeds it. Draws come from the stream `fgd/workload`, shared by all policies (common random numbers).
    /// - Complexity: O(n) for tuning up; O(n²) worst case for tuning down.
    public func arrivalSequence(seed: UInt64, tuningRatio: Double = 1.3) -> [Int32] {
        var random = RandomStreams(seed: seed).stream(named: "fgd/workload")
        var order = (0..<Int32(tasks.count)).map { $0 }
        random.shuffle(&order)
        guard tuningRatio > 0, !tasks.isEmpty else { return order }
        let target = tuningRatio * Double(capacityGPUMilli)
        var total = tasks.reduce(0) { $0 + $1.totalGPUMilli }
        guard total > 0 else { return order }  // no GPU demand to tune (the artifact panics)
        if Double(total) < target {
            while true {
                let index = random.integer(below: tasks.count)
                // tuneUpPods compares with the per-GPU milli (`podRes.MilliGpu`), not the total: kept as is.
                if Double(total + Int(tasks[index].gpuMilli)) > target { break }
                total += tasks[index].totalGPUMilli
                order.append(Int32(index))
            }
        } else {
            while Double(total) > target, !order.isEmpty {
                let position = random.integer(below: order.count)
                total -= tasks[Int(order[position])].totalGPUMilli
                order.remove(at: position)
            }
        }
        return order
    }
}
