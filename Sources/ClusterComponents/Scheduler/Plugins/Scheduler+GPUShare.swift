import KubeModel

/// GPU sharing's public view: FGD's target workload, the devices a pod holds, usage. All of it
/// lives in ``GPUShare``'s node state (``GPUShareCache``), held by the framework
/// (``SharedPluginState``), not in the scheduler cache.
extension Scheduler {
    /// Sets FGD's target workload M (the artifact builds it from the whole pod list with
    /// `GetTypicalPods`); without one, FGD sees no fragmentation anywhere and scores 50.
    public func setGPUTargetWorkload(_ target: GPUTargetWorkload?) { shared.gpuShare.fgd.target = target }

    /// The GPU devices the pod holds (indices on its node), empty for non-GPU or unplaced pods.
    public func gpuDevices(of pod: PodID) -> [Int] {
        let devices = shared.gpuShare.pod(pod).devices
        return (0..<GPUShareKeys.maxDevices).filter { devices & (1 << UInt8($0)) != 0 }
    }

    /// Allocated and total milli-GPU over live nodes (for utilisation).
    /// - Complexity: O(nodes).
    public var gpuMilliUsage: (allocated: Int64, total: Int64) {
        var allocated: Int64 = 0
        var total: Int64 = 0
        for node in cache.nodes where !node.isRemoved {
            let gpu = shared.gpuShare.node(node.id)
            total += Int64(gpu.count) * Int64(GPUShareKeys.milliPerGPU)
            allocated += Int64(gpu.count) * Int64(GPUShareKeys.milliPerGPU) - gpu.idleMilli
        }
        return (allocated, total)
    }
}
