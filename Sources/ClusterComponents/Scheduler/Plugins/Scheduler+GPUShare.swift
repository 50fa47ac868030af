import Foundation
import KubeModel

/// GPU sharing's public view (target workload, assigned devices, usage) and FGD's memoized
/// per-node score over the cache (the plugins are ``GPUShare``, ``GPUBestFit`` and ``FGD``).
extension Scheduler {
    // MARK: - Public API

    /// Sets FGD's target workload M (the artifact builds it from the whole pod list with
    /// `GetTypicalPods`); without one, FGD sees no fragmentation anywhere and scores 50.
    public func setGPUTargetWorkload(_ target: GPUTargetWorkload?) { cache.gpu.target = target }

    /// The GPU devices the pod holds (indices on its node), empty for non-GPU or unplaced pods.
    public func gpuDevices(of pod: PodID) -> [Int] {
        guard pod.value < cache.pods.count, let info = cache.pods[pod.value] else { return [] }
        return (0..<GPUShareKeys.maxDevices).filter { info.gpuDevices & (1 << UInt8($0)) != 0 }
    }

    /// Allocated and total milli-GPU over live nodes (for utilisation).
    /// - Complexity: O(nodes).
    public var gpuMilliUsage: (allocated: Int64, total: Int64) {
        var allocated: Int64 = 0
        var total: Int64 = 0
        for node in cache.nodes where !node.isRemoved {
            total += Int64(node.gpu.count) * Int64(GPUShareKeys.milliPerGPU)
            allocated += Int64(node.gpu.count) * Int64(GPUShareKeys.milliPerGPU) - node.gpu.idleMilli
        }
        return (allocated, total)
    }

    // MARK: - FGD

    /// `calculateGpuShareFragExtendScore`: for a share request every device with room is tried
    /// and the first with the best score kept (also the device used); whole GPUs come from wholly
    /// free devices (which ones does not change F_n'). CPU and GPU are subtracted, not memory.
    /// - Complexity: one ``GPUFragmentation/weighted(cpuLeft:gpuLeft:slot:)`` per distinct leftover.
    func fgdScore(_ request: PodRequest, node: Int, measure: GPUFragmentation?) -> (score: Int, device: Int) {
        let gpu = cache.nodes[node].gpu
        guard let measure else {
            return (50, request.gpu.isShare ? gpu.bestFitDevice(request.gpu) : -1)  // sigmoid(0)
        }
        let h = cache.hot[node]
        let cpuRequest = request.value(ResourceIndex.cpu)
        let generation = cache.gpu.generation
        let shape = cache.gpu.shapeIndex(cpu: cpuRequest, gpu: request.gpu)
        let nodes = cache.hot.count
        if shape >= 0 {
            if cache.gpu.scores[shape].count < nodes {
                cache.gpu.scores[shape].append(
                    contentsOf: repeatElement(FGDScore(), count: nodes - cache.gpu.scores[shape].count))
            }
            let cached = cache.gpu.scores[shape][node]
            if cached.version == h.version && cached.generation == generation {
                return (Int(cached.score), Int(cached.device))
            }
        }
        if cache.gpu.before.count < nodes {
            cache.gpu.before.append(contentsOf: repeatElement(FGDBefore(), count: nodes - cache.gpu.before.count))
        }
        var before = cache.gpu.before[node]
        if before.version != h.version || before.generation != generation {
            before = FGDBefore(
                version: h.version, generation: generation,
                weighted: measure.weighted(
                    cpuLeft: h.allocCPU - h.requestedCPU, gpuLeft: gpu.free, slot: measure.slot(gpu.modelBit)))
            cache.gpu.before[node] = before
        }
        let result = Self.fgdScore(
            cpuAfter: h.allocCPU - h.requestedCPU - cpuRequest, want: request.gpu, gpu: gpu, before: before.weighted,
            measure: measure)
        if shape >= 0 {
            cache.gpu.scores[shape][node] = FGDScore(
                version: h.version, generation: generation, score: Int16(result.score), device: Int8(result.device))
        }
        return result
    }

    /// The FGD score from the node's `W_n` before placement (see ``fgdScore(_:node:measure:)``).
    static func fgdScore(
        cpuAfter: Int64, want: GPURequest, gpu: NodeGPU, before weightedBefore: Int64, measure: GPUFragmentation
    ) -> (score: Int, device: Int) {
        measure.fgdScore(
            cpuAfter: cpuAfter, gpuFree: gpu.free, devices: Int(gpu.count), slot: measure.slot(gpu.modelBit),
            weightedBefore: weightedBefore, share: want.isShare, milli: want.milli, count: want.count)
    }
}
