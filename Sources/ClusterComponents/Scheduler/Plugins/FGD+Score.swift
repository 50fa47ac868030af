import KubeModel

/// FGD's memoized per-node score over ``GPUShareCache``'s devices and the scheduler cache's CPU.
extension FGD {
    /// `calculateGpuShareFragExtendScore`: for a share request every device with room is tried
    /// and the first with the best score kept (also the device used); whole GPUs come from wholly
    /// free devices (which ones does not change F_n'). CPU and GPU are subtracted, not memory.
    /// - Parameters: the pod's CPU request (millicores) and GPU request, the node, the measure.
    /// - Complexity: one ``GPUFragmentation/weighted(cpuLeft:gpuLeft:slot:)`` per distinct
    ///   leftover, none when the memo holds the node's score for this shape.
    func score(
        cpu cpuRequest: Int64, gpu request: GPURequest, node: Int, measure: GPUFragmentation?, _ scheduler: Scheduler
    ) -> (score: Int, device: Int) {
        let gpu = cache.node(node)
        guard let measure else {
            return (50, request.isShare ? gpu.bestFitDevice(request) : -1)  // sigmoid(0)
        }
        let h = scheduler.cache.hot[node]
        let generation = cache.fgd.generation
        let shape = cache.fgd.shapeIndex(cpu: cpuRequest, gpu: request)
        let nodes = scheduler.cache.hot.count
        if shape >= 0 {
            if cache.fgd.scores[shape].count < nodes {
                cache.fgd.scores[shape].append(
                    contentsOf: repeatElement(FGDScore(), count: nodes - cache.fgd.scores[shape].count))
            }
            let cached = cache.fgd.scores[shape][node]
            if cached.version == h.version && cached.generation == generation {
                return (Int(cached.score), Int(cached.device))
            }
        }
        if cache.fgd.before.count < nodes {
            cache.fgd.before.append(contentsOf: repeatElement(FGDBefore(), count: nodes - cache.fgd.before.count))
        }
        var before = cache.fgd.before[node]
        if before.version != h.version || before.generation != generation {
            before = FGDBefore(
                version: h.version, generation: generation,
                weighted: measure.weighted(
                    cpuLeft: h.allocCPU - h.requestedCPU, gpuLeft: gpu.free, slot: measure.slot(gpu.modelBit)))
            cache.fgd.before[node] = before
        }
        let result = measure.fgdScore(
            cpuAfter: h.allocCPU - h.requestedCPU - cpuRequest, gpuFree: gpu.free, devices: Int(gpu.count),
            slot: measure.slot(gpu.modelBit), weightedBefore: before.weighted, share: request.isShare,
            milli: request.milli, count: request.count)
        if shape >= 0 {
            cache.fgd.scores[shape][node] = FGDScore(
                version: h.version, generation: generation, score: Int16(result.score), device: Int8(result.device))
        }
        return result
    }
}
