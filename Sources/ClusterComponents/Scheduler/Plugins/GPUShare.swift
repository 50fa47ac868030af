import KubeModel

/// GPUShare: the FGD artifact's Open-GPU-Share plugin (hkust-adsl/kubernetes-scheduler-simulator
/// `pkg/simulator/plugin/open_gpu_share.go`, `GpuSharePlugin`), over its own per-device node
/// state, ``GPUShareCache`` (the artifact's `gpusharecache.SchedulerCache`).
///
/// Pods ask through annotations (``GPUShareKeys``, read once into the cache's ``GPURequest``);
/// a pod without them passes at the cost of one lookup. A GPU pod is rejected on a node
/// - without GPUs, or whose `alibabacloud.com/gpu-card-model` is not among the pod's allowed
///   models: "node(s) didn't match the requested GPU model" / "Insufficient
///   alibabacloud.com/gpu-milli" (UnschedulableAndUnresolvable: evicting pods cannot help);
/// - with GPUs of the right model but no device with `milli` free (share request) or fewer than
///   `count` wholly free devices: "Insufficient alibabacloud.com/gpu-milli" (Unschedulable).
///
/// The artifact reports only `Node:<name>`; the reasons here follow NodeResourcesFit's wording.
/// Devices are taken when the scheduler cache counts the pod (the artifact's Reserve: the device
/// ``FGD`` chose, else best fit) and given back when it stops counting (the artifact's Unreserve
/// and pod-deletion handler); the framework delivers both events (``SharedPluginState``).
/// PreBind writes them to the pod's `alibabacloud.com/gpu-index` annotation, as the artifact's
/// Reserve patches it. AddPod/RemovePod (PreFilterExtensions) keep the devices of a simulated
/// node (nominated pods, preemption victims) in the cycle state; the artifact has none, as its
/// runs never preempt.
struct GPUShare: FilterPlugin, PreFilterExtensionsPlugin, PreBindPlugin {
    static let name = "GPUShare"
    static var ignoresNameCase: Bool { true }
    static var helpedByPodRemoval: Bool { true }

    /// The plugin's node state (shared by every profile; the ``Profile`` holds it alive).
    unowned(unsafe) let cache: GPUShareCache

    init(_ configuration: inout PluginConfiguration) { cache = configuration.shared.gpuShare }

    /// The devices of one simulated node, in the cycle state of that node's filters.
    struct SimulatedNode {
        var node: Int
        var gpu: NodeGPU
    }

    /// The key of ``SimulatedNode`` in ``CycleState``.
    static let simulatedKey = CycleStateKey<SimulatedNode>(GPUShare.self)

    /// The devices the filters of `state` see on `node`: the simulated ones when AddPod or
    /// RemovePod changed them, else the cache's.
    @inline(__always)
    func devices(_ state: CycleState, _ node: NodeInfo) -> NodeGPU {
        if let simulated = state.read(Self.simulatedKey), simulated.node == node.id.value { return simulated.gpu }
        return cache.node(node.id)
    }

    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        let request = cache.request(of: state.pod)
        if !request.isRequested { return .success }
        let reasons = scheduler.builtin
        let gpu = devices(state, node)
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

    func passesOnPlainNodes(_ state: CycleState) -> Bool { !cache.request(of: state.pod).isRequested }

    /// A pod joins the simulated node: a pod counted there (a preemption victim kept) takes back
    /// its own devices, another (a nominated pod) takes devices by best fit.
    func addPod(_ state: inout CycleState, _ pod: PodID, to node: NodeInfo, _ scheduler: Scheduler) {
        let added = cache.pod(pod)
        guard added.request.isRequested else { return }
        var simulated = SimulatedNode(node: node.id.value, gpu: devices(state, node))
        if Int(added.node) == node.id.value {
            simulated.gpu.take(added.request, devices: added.devices)
        } else {
            _ = simulated.gpu.allocate(added.request)
        }
        state.write(Self.simulatedKey, simulated)
    }

    /// A pod counted on the node (a preemption victim) leaves it: its devices are free there.
    func removePod(_ state: inout CycleState, _ pod: PodID, from node: NodeInfo, _ scheduler: Scheduler) {
        let removed = cache.pod(pod)
        guard removed.request.isRequested else { return }
        var simulated = SimulatedNode(node: node.id.value, gpu: devices(state, node))
        simulated.gpu.release(removed.request, devices: removed.devices)
        state.write(Self.simulatedKey, simulated)
    }

    /// The devices the cache took go into the pod's `alibabacloud.com/gpu-index` annotation.
    func preBind(_ pod: PodID, node: Int, _ scheduler: Scheduler) {
        let devices = cache.pod(pod).devices
        guard devices != 0 else { return }
        var annotations = scheduler.cluster.api.pods[pod.value].pod.metadata.annotations ?? [:]
        annotations[GPUShareKeys.index] = NodeGPU.indexAnnotation(devices)
        scheduler.cluster.api.pods[pod.value].pod.metadata.annotations = annotations
    }
}
