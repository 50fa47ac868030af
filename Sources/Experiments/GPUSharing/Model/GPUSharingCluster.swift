import ClusterComponents

/// The compact placement model of the GPU-sharing experiment: per node free CPU millicores, free memory MiB and
/// the free milli-GPU of each device (so fractional requests pack onto single devices), kept in dense arrays
/// with incremental aggregates (allocated milli-GPU, the cluster's fragmentation `Σ W_n`).
///
/// Pods arrive and never leave, as in the paper's experiment.
public struct GPUSharingCluster: Sendable {
    /// Free CPU millicores per node.
    public private(set) var cpuLeft: [Int32]
    /// Free memory MiB per node.
    public private(set) var memoryLeft: [Int32]
    /// Free milli-GPU per device, per node (lanes at and above the node's GPU count stay 0).
    public private(set) var gpuLeft: [SIMD8<Int32>]
    /// CPU capacity per node.
    public let cpuCapacity: [Int32]
    /// GPU count per node.
    public let gpuCount: [Int32]
    /// The node's model bit (``GPUModelCatalog/nodeBit(model:)``).
    public let modelBit: [UInt64]
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
    public init(nodes: [GPUTraceNode], catalog: GPUModelCatalog, measure: FragmentationMeasure) {
        cpuLeft = nodes.map { Int32($0.cpuMilli) }
        cpuCapacity = cpuLeft
        memoryLeft = nodes.map { Int32(clamping: $0.memoryMiB) }
        gpuCount = nodes.map { Int32($0.gpuCount) }
        gpuLeft = nodes.map { node in
            var lanes = SIMD8<Int32>(repeating: 0)
            for lane in 0..<node.gpuCount { lanes[lane] = 1000 }
            return lanes
        }
        modelBit = nodes.map { catalog.nodeBit(model: $0.model) }
        modelSlot = nodes.map { catalog.id(of: $0.model) ?? measure.cpuNodeSlot }
        classMask = Array(repeating: 0, count: nodes.count)
        version = Array(repeating: 1, count: nodes.count)
        totalGPUs = nodes.reduce(0) { $0 + $1.gpuCount }
        self.measure = measure
        weightedFragmentation = []
        weightedFragmentation.reserveCapacity(nodes.count)
        for node in nodes.indices {
            let w = measure.weighted(cpuLeft: Int64(cpuLeft[node]), gpuLeft: gpuLeft[node], slot: modelSlot[node])
            weightedFragmentation.append(w)
            totalWeightedFragmentation += w
        }
    }

    /// Number of nodes.
    public var count: Int { cpuLeft.count }

    /// The cluster's fragmented GPU in milli-GPU: `Σ_n F_n`.
    public var fragmentedGPUMilli: Double { measure.milliGPU(weighted: totalWeightedFragmentation) }

    /// Idle milli-GPU of a node.
    @inline(__always) public func idleGPUMilli(_ node: Int) -> Int { Int(gpuLeft[node].wrappedSum()) }

    /// Whole free GPUs of a node.
    @inline(__always) public func freeGPUs(_ node: Int) -> Int {
        Int(SIMD8<Int32>(repeating: 0).replacing(with: 1, where: gpuLeft[node] .== 1000).wrappedSum())
    }

    /// The filter: the task fits the node's free CPU and memory (NodeResourcesFit), and a GPU task also its
    /// model constraint and devices — one device with `gpuMilli` left for a sharing task, `gpuCount` whole free
    /// devices otherwise (the artifact's Open-Gpu-Share filter, `GpuNodeInfo.AllocateGpuId`).
    @inline(__always)
    public func fits(_ task: GPUTask, on node: Int) -> Bool {
        guard cpuLeft[node] >= task.cpuMilli, memoryLeft[node] >= task.memoryMiB else { return false }
        if task.gpuCount == 0 { return true }
        guard NodeGPU.modelAccepts(mask: task.modelMask, modelBit: modelBit[node]) else { return false }
        return NodeGPU.devicesFitting(free: gpuLeft[node], milli: task.gpuMilli) >= task.gpuCount
    }

    /// Places a task on a node; for a sharing task on device `device`, for a whole-GPU task on the first
    /// `gpuCount` free devices by index (the artifact's `AllocateExclusiveGpuId`, pkg/type/resource.go).
    /// - Precondition: `fits(task, on: node)`, and `device` has `gpuMilli` left for a sharing task.
    public mutating func place(_ task: GPUTask, on node: Int, device: Int) {
        cpuLeft[node] -= task.cpuMilli
        memoryLeft[node] -= task.memoryMiB
        if task.isGPUShare {
            precondition(gpuLeft[node][device] >= task.gpuMilli, "device lacks the share")
            gpuLeft[node][device] -= task.gpuMilli
        } else if task.gpuCount > 0 {
            var remaining = task.gpuCount
            for lane in 0..<Int(gpuCount[node]) where remaining > 0 && gpuLeft[node][lane] == 1000 {
                gpuLeft[node][lane] = 0
                remaining -= 1
            }
            precondition(remaining == 0, "not enough free GPUs")
        }
        if task.gpuClass >= 0 { classMask[node] |= 1 << UInt16(task.gpuClass) }
        allocatedGPUMilli += task.totalGPUMilli
        let w = measure.weighted(cpuLeft: Int64(cpuLeft[node]), gpuLeft: gpuLeft[node], slot: modelSlot[node])
        totalWeightedFragmentation += w - weightedFragmentation[node]
        weightedFragmentation[node] = w
        version[node] &+= 1
    }
}
