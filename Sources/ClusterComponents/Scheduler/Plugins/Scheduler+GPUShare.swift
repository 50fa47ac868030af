import Foundation
import KubeModel

/// GPU-sharing policies and bookkeeping: the `GPUBestFit` and `FGD` score plugins (the FGD
/// artifact's `BestFitScore` and `FGDScore`, hkust-adsl/kubernetes-scheduler-simulator
/// `pkg/simulator/plugin/best_fit_score.go`, `fgd_score.go`), the device choice at assume
/// (the artifact's Reserve), and the public view of assigned devices.
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

    // MARK: - Assume (Reserve)

    /// Before the cache counts the pod: under FGD, a share request goes to the device FGD
    /// scored best (`allocateGpuIdBasedOnFGDScore`); otherwise best fit.
    func chooseGPUDevice(_ pod: PodID, on node: Int, profile: Int) {
        guard let info = cache.pods[pod.value], info.request.gpu.isShare,
            profiles[profile].scorers.contains(where: { $0.plugin == .fgd })
        else { return }
        let measure = cache.gpu.fragmentation()
        cache.gpu.preferredDevice = fgdScore(info.request, node: node, measure: measure).device
    }

    /// After the cache counted the pod: the devices go into the pod's
    /// `alibabacloud.com/gpu-index` annotation, as the artifact's Reserve patches it.
    func recordGPUDevices(_ pod: PodID) {
        guard let info = cache.pods[pod.value], info.gpuDevices != 0 else { return }
        var annotations = cluster.api.pods[pod.value].pod.metadata.annotations ?? [:]
        annotations[GPUShareKeys.index] = NodeGPU.indexAnnotation(info.gpuDevices)
        cluster.api.pods[pod.value].pod.metadata.annotations = annotations
    }

    // MARK: - Scores

    /// `MaxSpecCpu`, `MaxSpecGpu` (pkg/type/open-gpu-share/utils/const.go).
    static let gpuMaxSpecCPU = 128_000.0
    static let gpuMaxSpecGPU = 8_000.0

    /// GPUBestFit (best_fit_score.go `getBestFitScore`):
    /// `int(100 × (1 − Σ_i 0.5 · (free_i − request_i) / maxSpec_i))`, i ∈ {CPU, GPU}, then the
    /// plugin's min–max normalisation (plugin_utils.go `NormalizeScore`).
    func gpuBestFitScores(_ state: CycleState, count: Int) {
        var scores = takeScores()
        let request = state.info.request
        let cpu = Double(request.value(ResourceIndex.cpu))
        let gpu = Double(request.gpu.totalMilli)
        var lo = Int64.max, hi = Int64.min
        for j in 0..<count {
            let node = Int(feasible[j])
            let h = cache.hot[node]
            let cpuTerm = Double(h.allocCPU - h.requestedCPU - Int64(cpu)) / Self.gpuMaxSpecCPU * 0.5
            let gpuTerm = Double(cache.nodes[node].gpu.idleMilli - Int64(gpu)) / Self.gpuMaxSpecGPU * 0.5
            let s = Int64((1.0 - (0 + cpuTerm + gpuTerm)) * 100)
            scores[j] = s
            lo = min(lo, s)
            hi = max(hi, s)
        }
        for j in 0..<count { scores[j] = hi == lo ? 0 : (scores[j] - lo) * 100 / (hi - lo) }
        self.scores = scores
    }

    /// FGD (fgd_score.go `Score`): 100 for a pod without requests, else
    /// `int(100 × sigmoid((F_n − F_n') / 1000))`; no normalisation.
    func fgdScores(_ state: CycleState, count: Int) {
        var scores = takeScores()
        let request = state.info.request
        if request.isZero && !request.gpu.isRequested {
            for j in 0..<count { scores[j] = 100 }
        } else {
            let measure = cache.gpu.fragmentation()
            for j in 0..<count { scores[j] = Int64(fgdScore(request, node: Int(feasible[j]), measure: measure).score) }
        }
        self.scores = scores
    }

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
