import ClusterComponents

/// Score functions of the baseline policies of the artifact
/// (github.com/hkust-adsl/kubernetes-scheduler-simulator, pkg/simulator/plugin/*_score.go) over the experiment's
/// compact model; BestFit and DotProduct are the cluster scheduler's ``GPUScores``. Scores are the plugins'
/// integer node scores (0…100); the node is feasible (``GPUSharingCluster/fits(_:on:)``).
extension GPUSharingCluster {
    /// DotProduct with `dimExtMethod: merge`, `normMethod: max`: ``GPUScores/dotProduct(cpuFree:cpuRequest:gpuIdle:gpuRequest:)``.
    public func dotProductScore(_ task: GPUTask, on node: Int) -> Int {
        Int(
            GPUScores.dotProduct(
                cpuFree: Int64(cpuLeft[node]), cpuRequest: Int64(task.cpuMilli), gpuIdle: Int64(idleGPUMilli(node)),
                gpuRequest: Int64(task.totalGPUMilli)))
    }

    /// BestFit before normalisation: ``GPUScores/bestFit(cpuFree:cpuRequest:gpuIdle:gpuRequest:)``, the
    /// function the cluster scheduler's GPUBestFit plugin calls. The plugin then min–max normalises over the
    /// feasible nodes (``bestFitNormalized(_:)``), which keeps the set of best nodes.
    public func bestFitRawScore(_ task: GPUTask, on node: Int) -> Int {
        Int(
            GPUScores.bestFit(
                cpuFree: Int64(cpuLeft[node]), cpuRequest: Int64(task.cpuMilli), gpuIdle: Int64(idleGPUMilli(node)),
                gpuRequest: Int64(task.totalGPUMilli)))
    }

    /// The plugins' `NormalizeScore`: ``GPUScores/normalize(_:)``.
    public static func bestFitNormalized(_ scores: [Int]) -> [Int] {
        var values = scores.map(Int64.init)[...]
        GPUScores.normalize(&values)
        return values.map(Int.init)
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
        let devices = Int(gpus[node].count)
        let free = freeGPUs(node)
        if free == devices { return max(100 / 3 - free, free) }
        let lanes = gpus[node].free
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
    /// `allocateGpuIdBasedOnBestFit`): the scheduler's rule, ``NodeGPU/bestFitDevice(_:)``.
    public func bestFitDevice(_ task: GPUTask, on node: Int) -> Int {
        gpus[node].bestFitDevice(task.request)
    }

    /// The devices a sharing task fits on, by index (for `gpuSelMethod: random`).
    public func fittingDevices(_ task: GPUTask, on node: Int) -> [Int] {
        let lanes = gpus[node].free
        return (0..<Int(gpus[node].count)).filter { lanes[$0] >= task.gpuMilli }
    }
}
