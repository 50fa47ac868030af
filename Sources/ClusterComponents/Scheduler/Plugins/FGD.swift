import KubeModel

/// FGD: Fragmentation Gradient Descent (Weng et al., ATC '23; the artifact's `FGDScore`,
/// hkust-adsl/kubernetes-scheduler-simulator `pkg/simulator/plugin/fgd_score.go`): 100 for a
/// pod without requests, else `int(100 × sigmoid((F_n − F_n') / 1000))` with ``GPUFragmentation``
/// against the target workload (``Scheduler/setGPUTargetWorkload(_:)``); no normalisation.
/// It reads the devices of ``GPUShare``'s node state (``GPUShareCache``), as the artifact's
/// plugin reads them through `utils.GetNodeResourceViaHandleAndName`.
///
/// Reserve: a share request goes to the device FGD scored best. The artifact registers
/// `allocateGpuIdBasedOnFGDScore` as a device choice of the Open-GPU-Share plugin's Reserve
/// (`allocateGpuIdFunc`, selected by its `gpuSelMethod`); here FGD's Reserve records the choice
/// in ``GPUShareCache/preferredDevice`` and the cache takes that device when it counts the pod.
struct FGD: ScorePlugin, ReservePlugin {
    static let name = "FGD"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }
    static var aliases: [String] { ["FGDScore"] }

    /// GPUShare's node state, and FGD's target and memo in it.
    unowned(unsafe) let cache: GPUShareCache

    init(_ configuration: inout PluginConfiguration) { cache = configuration.shared.gpuShare }

    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        var scores = scheduler.takeScores()
        let request = state.info.request
        let gpu = cache.request(of: state.pod)
        if request.isZero && !gpu.isRequested {
            for j in 0..<count { scores[j] = 100 }
        } else {
            let measure = cache.fgd.fragmentation(models: &cache.models)
            for j in 0..<count {
                scores[j] = Int64(
                    score(
                        cpu: request.value(ResourceIndex.cpu), gpu: gpu, node: Int(scheduler.scratch.feasible[j]),
                        measure: measure, scheduler
                    ).score)
            }
        }
        scheduler.scratch.scores = scores
        return .scored
    }

    /// Before the cache counts the pod: a share request goes to the device FGD scored best.
    func reserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus {
        let gpu = cache.request(of: pod)
        guard let info = scheduler.cache.pods[pod.value], gpu.isShare else { return .success }
        let measure = cache.fgd.fragmentation(models: &cache.models)
        cache.preferredDevice =
            score(cpu: info.request.value(ResourceIndex.cpu), gpu: gpu, node: node, measure: measure, scheduler).device
        return .success
    }

    /// The device choice is forgotten (the cache had not taken it yet when Reserve failed).
    func unreserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) { cache.preferredDevice = -1 }
}
