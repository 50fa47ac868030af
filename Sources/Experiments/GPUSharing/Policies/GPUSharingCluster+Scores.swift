/// Score functions of the baseline policies, transcribed from the artifact
/// (github.com/hkust-adsl/kubernetes-scheduler-simulator, pkg/simulator/plugin/*_score.go). Scores are the
/// plugins' integer node scores (0…100); the node is feasible (``GPUSharingCluster/fits(_:on:)``).
extension GPUSharingCluster {
    /// `MaxSpecCpu` and `MaxSpecGpu` (pkg/type/open-gpu-share/utils/const.go).
    static let maxSpecCPU = 128_000.0
    static let maxSpecGPU = 8_000.0

    /// DotProduct with `dimExtMethod: merge`, `normMethod: max` (dot_product_score.go,
    /// `calculateDotProductScore`; utils.go, `GenerateSchedulingMatchGroups`).
    public func dotProductScore(_ task: GPUTask, on node: Int) -> Int {
        let freeCPU = Double(cpuLeft[node]) / Self.maxSpecCPU
        let freeGPU = Double(idleGPUMilli(node)) / Self.maxSpecGPU
        let requestCPU = Double(task.cpuMilli) / Self.maxSpecCPU
        let requestGPU = Double(task.totalGPUMilli) / Self.maxSpecGPU
        let dot = freeCPU * requestCPU + freeGPU * requestGPU
        return Int(100 * (1 - dot / 2))
    }

    /// BestFit before normalisation (best_fit_score.go, `getBestFitScore`):
    /// `int(100 × (1 − Σ_i 0.5 · (free_i − request_i) / maxSpec_i))`, i ∈ {CPU, GPU}. The plugin then min–max
    /// normalises over the feasible nodes (``bestFitNormalized(_:)``), which keeps the set of best nodes.
    public func bestFitRawScore(_ task: GPUTask, on node: Int) -> Int {
        let cpu = Double(cpuLeft[node] - task.cpuMilli) / Self.maxSpecCPU * 0.5
        let gpu = Double(idleGPUMilli(node) - task.totalGPUMilli) / Self.maxSpecGPU * 0.5
        return Int((1.0 - (0 + cpu + gpu)) * 100)
    }

    /// The plugins' `NormalizeScore` (plugin_utils.go): `(s − lowest) × 100 / (highest − lowest)` in integers,
    /// all 0 when every score is equal.
    public static func bestFitNormalized(_ scores: [Int]) -> [Int] {
        guard let lowest = scores.min(), let highest = scores.max() else { return [] }
        let range = highest - lowest
        return scores.map { range == 0 ? 0 : ($0 - lowest) * 100 / range }
    }

    /// GpuClustering (gpu_clustering_score.go): CPU-only tasks 0; otherwise
    /// `25 × (8000 − idle GPU milli) / 8000` plus 75 if the node hosts only the task's class, 50 if it hosts it
    /// among others, 25 if it hosts no GPU class, 0 if only other classes.
    public func gpuClusteringScore(_ task: GPUTask, on node: Int) -> Int {
        let taskClass = task.gpuClass
        guard taskClass >= 0 else { return 0 }
        let base = 100 / 4 * (8000 - idleGPUMilli(node)) / 8000
        let mask = classMask[node]
        if mask & (1 << UInt16(taskClass)) != 0 { return base + (mask.nonzeroBitCount == 1 ? 75 : 50) }
        return base + (mask == 0 ? 25 : 0)
    }

    /// GpuPacking (gpu_packing_score.go, `getPackingScore`): CPU-only tasks 0; a node with every GPU free
    /// `max(33 − free, free)`; else, taking devices in ascending leftover order, `max(50 − whole GPUs taken, 33)`
    /// if a whole free GPU is needed, else `max(100 − Σ(leftover × 100 / 1000) / 10, 50)`.
    public func gpuPackingScore(_ task: GPUTask, on node: Int) -> Int {
        guard task.totalGPUMilli > 0 else { return 0 }
        let devices = Int(gpuCount[node])
        let free = freeGPUs(node)
        if free == devices { return max(100 / 3 - free, free) }
        let lanes = gpuLeft[node]
        var order = Array(0..<devices)
        order.sort { (lanes[$0], $0) < (lanes[$1], $1) }  // SortedMilliGpuLeftIndexList(true): stable ascending
        var needed = Int(task.gpuCount)
        var wholeTaken = 0
        var freeRatio = 0
        for lane in order where needed > 0 && task.gpuMilli <= lanes[lane] {
            needed -= 1
            if lanes[lane] == 1000 { wholeTaken += 1 }
            freeRatio += Int(lanes[lane]) * 100 / 1000
        }
        precondition(needed == 0, "infeasible node scored")
        if wholeTaken > 0 { return max(100 / 2 - wholeTaken, 100 / 3) }
        return max(100 - freeRatio / 10, 100 / 2)
    }

    /// The device a sharing task takes under `gpuSelMethod: best` (open_gpu_share.go,
    /// `allocateGpuIdBasedOnBestFit`): the tightest fit, lowest index on ties.
    public func bestFitDevice(_ task: GPUTask, on node: Int) -> Int {
        var chosen = -1
        let lanes = gpuLeft[node]
        for lane in 0..<Int(gpuCount[node]) where lanes[lane] >= task.gpuMilli {
            if chosen == -1 || lanes[lane] < lanes[chosen] { chosen = lane }
        }
        return chosen
    }

    /// The devices a sharing task fits on, by index (for `gpuSelMethod: random`).
    public func fittingDevices(_ task: GPUTask, on node: Int) -> [Int] {
        let lanes = gpuLeft[node]
        return (0..<Int(gpuCount[node])).filter { lanes[$0] >= task.gpuMilli }
    }
}
