/// GPUBestFit: the FGD artifact's `BestFitScore` (best_fit_score.go): the node left with the
/// least free CPU and GPU after the placement, ``GPUScores/bestFit(cpuFree:cpuRequest:gpuIdle:gpuRequest:)``
/// min–max normalised (``GPUScores/normalize(_:)``); shares go to the tightest device. It reads
/// the devices of ``GPUShare``'s node state (``GPUShareCache``).
struct GPUBestFit: ScorePlugin {
    static let name = "GPUBestFit"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }
    static var aliases: [String] { ["BestFitScore"] }

    /// GPUShare's node state.
    unowned(unsafe) let cache: GPUShareCache

    init(_ configuration: inout PluginConfiguration) { cache = configuration.shared.gpuShare }

    @inline(__always)
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 {
        let request = state.info.request
        let hot = scheduler.cache.hot[node]
        return GPUScores.bestFit(
            cpuFree: hot.allocCPU - hot.requestedCPU, cpuRequest: request.value(ResourceIndex.cpu),
            gpuIdle: cache.node(node).idleMilli, gpuRequest: Int64(cache.request(of: state.pod).totalMilli))
    }

    func normalizeScore(_ scores: inout ArraySlice<Int64>) { GPUScores.normalize(&scores) }
}
