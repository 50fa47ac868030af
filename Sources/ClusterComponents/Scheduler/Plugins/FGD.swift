import KubeModel

/// FGD: Fragmentation Gradient Descent (Weng et al., ATC '23; the artifact's `FGDScore`,
/// hkust-adsl/kubernetes-scheduler-simulator `pkg/simulator/plugin/fgd_score.go`): 100 for a
/// pod without requests, else `int(100 × sigmoid((F_n − F_n') / 1000))` with ``GPUFragmentation``
/// against the target workload (``Scheduler/setGPUTargetWorkload(_:)``); no normalisation.
/// Reserve: a share request goes to the device FGD scored best (`allocateGpuIdBasedOnFGDScore`).
struct FGD: ScorePlugin, ReservePlugin {
    static let name = "FGD"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }
    static var aliases: [String] { ["FGDScore"] }

    init(_ configuration: inout PluginConfiguration) {}

    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> Bool {
        var scores = scheduler.takeScores()
        let request = state.info.request
        if request.isZero && !request.gpu.isRequested {
            for j in 0..<count { scores[j] = 100 }
        } else {
            let measure = scheduler.cache.gpu.fragmentation()
            for j in 0..<count {
                scores[j] = Int64(
                    scheduler.fgdScore(request, node: Int(scheduler.scratch.feasible[j]), measure: measure).score)
            }
        }
        scheduler.scratch.scores = scores
        return true
    }

    /// Before the cache counts the pod: a share request goes to the device FGD scored best.
    func reserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus {
        guard let info = scheduler.cache.pods[pod.value], info.request.gpu.isShare else { return .success }
        let measure = scheduler.cache.gpu.fragmentation()
        scheduler.cache.gpu.preferredDevice = scheduler.fgdScore(info.request, node: node, measure: measure).device
        return .success
    }

    /// The device choice is forgotten (the cache had not taken it yet when Reserve failed).
    func unreserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) { scheduler.cache.gpu.preferredDevice = -1 }
}
