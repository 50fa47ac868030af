import ClusterComponents

/// The compact placement model of the GPU-sharing experiment: per node free CPU millicores, free memory MiB and
/// the scheduler's own device state (``NodeGPU``: the free milli-GPU of each device, so fractional requests pack
/// onto single devices, and the node's model bit), kept in dense arrays with incremental aggregates (allocated
/// milli-GPU, the cluster's fragmentation `Σ W_n`). Filtering and device allocation are ``NodeGPU``'s rules, the
/// ones the cluster scheduler's GPUShare plugin applies.
///
/// Pods arrive and never leave, as in the paper's experiment.
public struct GPUSharingCluster: Sendable {
    /// Free CPU millicores per node.
    public private(set) var cpuLeft: [Int32]
    /// Free memory MiB per node.
    public private(set) var memoryLeft: [Int32]
    /// The devices of each node: free milli-GPU per device (lanes at and above the node's GPU count stay 0),
    /// device count and model bit (``GPUModelTable``).
    public private(set) var gpus: [NodeGPU]
    /// The node's model slot in the fragmentation measure.
    public let modelSlot: [Int]
    /// GpuClustering classes present per node (bit 0 "share-gpu", bit k "k-gpu").
    public private(set) var classMask: [UInt16]
    /// `W_n` of the fragmentation measure per node.
    public private(set) var weightedFragmentation: [Int64]
    /// Bumped whenever a node changes (starts at 1), so that per-node score caches can tell staleness.
    public private(set) var version: [UInt32]
    /// Milli-GPU allocated in the cluster.
    public private(set) var allocatedGPUMilli: Int = 0
    /// `Σ_n W_n`.
    public private(set) var totalWeightedFragmentation: Int64 = 0
    /// Number of GPUs in the cluster.
    public let totalGPUs: Int
    /// The measure the fragmentation aggregates use.
    public let measure: FragmentationMeasure

    /// An empty cluster of `nodes`.
    /// - Parameter models: the table the node models were interned in (``GPUSharingWorkload``).
    public init(nodes: [GPUTraceNode], models: inout GPUModelTable, measure: FragmentationMeasure) {
        cpuLeft = nodes.map { Int32($0.cpuMilli) }
        memoryLeft = nodes.map { Int32(clamping: $0.memoryMiB) }
        gpus = nodes.map { node in
            NodeGPU(count: node.gpuCount, modelBit: node.model.isEmpty ? 0 : models.bit(node.model))
        }
        modelSlot = gpus.map { measure.slot($0.modelBit) }
        classMask = Array(repeating: 0, count: nodes.count)
        version = Array(repeating: 1, count: nodes.count)
        totalGPUs = gpus.reduce(0) { $0 + Int($1.count) }
        self.measure = measure
        weightedFragmentation = []
        weightedFragmentation.reserveCapacity(nodes.count)
        for node in nodes.indices {
            let w = measure.weighted(cpuLeft: Int64(cpuLeft[node]), gpuLeft: gpus[node].free, slot: modelSlot[node])
            weightedFragmentation.append(w)
            totalWeightedFragmentation += w
        }
    }

    /// Number of nodes.
    public var count: Int { cpuLeft.count }

    /// The cluster's fragmented GPU in milli-GPU: `Σ_n F_n`.
    public var fragmentedGPUMilli: Double { measure.milliGPU(weighted: totalWeightedFragmentation) }

    /// Idle milli-GPU of a node.
    @inline(__always) public func idleGPUMilli(_ node: Int) -> Int { Int(gpus[node].idleMilli) }

    /// Whole free GPUs of a node.
    @inline(__always) public func freeGPUs(_ node: Int) -> Int { Int(gpus[node].wholeFreeDevices) }

    /// The filter: the task fits the node's free CPU and memory (NodeResourcesFit), and a GPU task also its
    /// model constraint and devices — one device with `gpuMilli` left for a sharing task, `gpuCount` whole free
    /// devices otherwise (the artifact's Open-Gpu-Share filter, `GpuNodeInfo.AllocateGpuId`).
    @inline(__always)
    public func fits(_ task: GPUTask, on node: Int) -> Bool {
        guard cpuLeft[node] >= task.cpuMilli, memoryLeft[node] >= task.memoryMiB else { return false }
        return task.gpuCount == 0 || gpus[node].fits(task.request)
    }

    /// Places a task on a node: ``NodeGPU/allocate(_:preferred:)`` gives a sharing task device `device`,
    /// a whole-GPU task the first `gpuCount` free devices by index (the artifact's `AllocateExclusiveGpuId`,
    /// pkg/type/resource.go).
    /// - Precondition: `fits(task, on: node)`, and `device` has `gpuMilli` left for a sharing task.
    public mutating func place(_ task: GPUTask, on node: Int, device: Int) {
        cpuLeft[node] -= task.cpuMilli
        memoryLeft[node] -= task.memoryMiB
        if task.gpuCount > 0 {
            precondition(
                !task.isGPUShare || gpus[node].freeMilli(device: device) >= task.gpuMilli, "device lacks the share")
            let taken = gpus[node].allocate(task.request, preferred: device)
            precondition(taken.nonzeroBitCount == task.gpuCount, "not enough free GPUs")
        }
        if task.gpuClass >= 0 { classMask[node] |= 1 << UInt16(task.gpuClass) }
        allocatedGPUMilli += task.totalGPUMilli
        let w = measure.weighted(cpuLeft: Int64(cpuLeft[node]), gpuLeft: gpus[node].free, slot: modelSlot[node])
        totalWeightedFragmentation += w - weightedFragmentation[node]
        weightedFragmentation[node] = w
        version[node] &+= 1
    }
}
