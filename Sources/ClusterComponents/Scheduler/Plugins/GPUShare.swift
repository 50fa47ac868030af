/// GPUShare: the filter of the FGD artifact's Open-GPU-Share plugin
/// (hkust-adsl/kubernetes-scheduler-simulator `pkg/simulator/plugin/open_gpu_share.go`,
/// `GpuSharePlugin.Filter`), over the per-device state of ``NodeGPU``.
///
/// Pods ask through annotations (``GPUShareKeys``, read into ``PodRequest/gpu``); a pod without
/// them passes at the cost of one comparison. A GPU pod is rejected on a node
/// - without GPUs, or whose `alibabacloud.com/gpu-card-model` is not among the pod's allowed
///   models: "node(s) didn't match the requested GPU model" / "Insufficient
///   alibabacloud.com/gpu-milli" (UnschedulableAndUnresolvable: evicting pods cannot help);
/// - with GPUs of the right model but no device with `milli` free (share request) or fewer than
///   `count` wholly free devices: "Insufficient alibabacloud.com/gpu-milli" (Unschedulable).
///
/// The artifact reports only `Node:<name>`; the reasons here follow NodeResourcesFit's wording.
/// Devices are taken when the pod is assumed (the artifact's Reserve: the device ``FGD`` chose,
/// else best fit) and given back when it stops counting (``SchedulerCache/removePod(_:)``);
/// PreBind writes them to the pod's `alibabacloud.com/gpu-index` annotation, as the artifact's
/// Reserve patches it.
struct GPUShare: FilterPlugin, PreBindPlugin {
    static let name = "GPUShare"
    static var ignoresNameCase: Bool { true }
    static var helpedByPodRemoval: Bool { true }

    init(_ configuration: inout PluginConfiguration) {}

    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        let request = state.info.request.gpu
        if !request.isRequested { return .success }
        let reasons = scheduler.builtin
        let gpu = node.gpu
        if gpu.count == 0 {
            var status = FilterStatus(code: .unschedulableAndUnresolvable)
            status.reason = reasons.gpuInsufficient
            return status
        }
        if !gpu.modelAccepts(request) {
            var status = FilterStatus(code: .unschedulableAndUnresolvable)
            status.reason = reasons.gpuModel
            return status
        }
        if gpu.devicesFitting(request) < request.count {
            var status = FilterStatus(code: .unschedulable)
            status.reason = reasons.gpuInsufficient
            return status
        }
        return .success
    }

    func passesOnPlainNodes(_ state: CycleState) -> Bool { !state.info.request.gpu.isRequested }

    /// The devices the cache took go into the pod's `alibabacloud.com/gpu-index` annotation.
    func preBind(_ pod: PodID, node: Int, _ scheduler: Scheduler) {
        guard let info = scheduler.cache.pods[pod.value], info.gpuDevices != 0 else { return }
        var annotations = scheduler.cluster.api.pods[pod.value].pod.metadata.annotations ?? [:]
        annotations[GPUShareKeys.index] = NodeGPU.indexAnnotation(info.gpuDevices)
        scheduler.cluster.api.pods[pod.value].pod.metadata.annotations = annotations
    }
}
