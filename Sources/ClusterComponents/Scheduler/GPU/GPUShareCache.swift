import KubeModel

/// The GPU-sharing plugins' own node state: the devices of every node and what each pod took,
/// the GPU model bits, and FGD's target and memo (``FGDState``).
///
/// The FGD artifact's Open-GPU-Share plugin keeps the same state apart from kube-scheduler's
/// cache, in its own `gpusharecache.SchedulerCache` of `GpuNodeInfo`s
/// (hkust-adsl/kubernetes-scheduler-simulator `pkg/simulator/plugin/open_gpu_share.go`,
/// `pkg/type/open-gpu-share/cache`), and keeps it in step with the cluster through the
/// framework: Reserve adds the pod (`addOrUpdatePod`), Unreserve and the pod informer's
/// DeleteFunc remove it (`removePod`). Here the framework delivers the same events to it
/// (``SharedPluginState``): a pod is added when the scheduler cache counts it (assumed after
/// Reserve, or bound through `spec.nodeName`) and removed when the cache stops counting it
/// (Unreserve after a failed Permit or binding, terminal, deleted), so the devices are taken
/// and given back exactly when the cache's scalar requests are. kube-scheduler's ``NodeInfo``
/// knows only the scalar resources; the per-device view lives here.
///
/// One instance serves every profile (the cluster's devices are one set, however many
/// profiles place pods on them); the framework holds it in ``SharedPluginState`` and hands it
/// to the plugins that read it (``GPUShare``, ``FGD``, ``GPUBestFit``) when they are built.
///
/// Every change of a node's devices comes with a change of the same node in the scheduler
/// cache (the pod's scalar requests, or the node object), which bumps ``NodeHot/version``: the
/// FGD memo keyed by that version therefore stays valid.
final class GPUShareCache {
    /// What the cache knows of one pod.
    struct PodState {
        /// The pod's request, read once from its annotations.
        var request = GPURequest.none
        /// The node the pod is counted on, or -1.
        var node: Int32 = -1
        /// Devices taken on `node` (bit i = device i), so removal frees exactly those.
        var devices: UInt8 = 0
    }

    /// Devices by ``NodeID`` value (the artifact's `GpuNodeInfo`s).
    private(set) var nodes: [NodeGPU] = []
    /// Pods by ``PodID`` value (a pod not seen yet reads as no request).
    private(set) var pods: [PodState] = []
    /// GPU model names → bits (nodes' labels and pods' constraints).
    var models = GPUModelTable()
    /// The device the next added pod takes for a share request (-1: best fit). FGD's Reserve
    /// sets it (the artifact's `allocateGpuIdBasedOnFGDScore`, chosen by the plugin's
    /// `gpuSelMethod`); adding a pod resets it.
    var preferredDevice = -1
    /// FGD's target workload and memo.
    var fgd = FGDState()

    init() {}

    // MARK: - Reads

    /// The devices of a node (none for a node this cache has not seen, such as a template node
    /// of the Cluster Autoscaler's simulation).
    @inline(__always)
    func node(_ id: NodeID) -> NodeGPU { id.value >= 0 && id.value < nodes.count ? nodes[id.value] : NodeGPU() }

    /// The devices of node `index`.
    @inline(__always)
    func node(_ index: Int) -> NodeGPU { index >= 0 && index < nodes.count ? nodes[index] : NodeGPU() }

    /// The pod's GPU request (none for a pod not seen yet).
    @inline(__always)
    func request(of pod: PodID) -> GPURequest { pod.value < pods.count ? pods[pod.value].request : .none }

    /// The pod's state (request, node, devices).
    @inline(__always)
    func pod(_ pod: PodID) -> PodState { pod.value < pods.count ? pods[pod.value] : PodState() }

    // MARK: - Events

    /// First sight of a pod: reads its request from the annotations (``GPURequest``).
    func podSeen(_ id: PodID, annotations: [String: String]?) {
        if pods.count <= id.value { pods += repeatElement(PodState(), count: id.value + 1 - pods.count) }
        pods[id.value].request = GPURequest(annotations: annotations, models: &models)
    }

    /// A node was added or changed: reads its GPU capacity and model (``NodeGPU/configure(_:models:)``).
    func nodeUpdated(_ object: NodeObject) {
        let i = object.id.value
        if nodes.count <= i { nodes += repeatElement(NodeGPU(), count: i + 1 - nodes.count) }
        nodes[i].configure(object.node, models: &models)
    }

    /// The scheduler cache counted `pod` on `node`: its devices are taken (``preferredDevice``
    /// for a share request if it fits, else best fit; whole GPUs from the first free devices).
    func podAdded(_ id: PodID, to node: Int) {
        if pods.count <= id.value { pods += repeatElement(PodState(), count: id.value + 1 - pods.count) }
        if nodes.count <= node { nodes += repeatElement(NodeGPU(), count: node + 1 - nodes.count) }
        let request = pods[id.value].request
        pods[id.value].node = Int32(node)
        if request.isRequested {
            pods[id.value].devices = nodes[node].allocate(request, preferred: preferredDevice)
        }
        preferredDevice = -1
    }

    /// The scheduler cache stopped counting `pod`: its devices are given back.
    func podRemoved(_ id: PodID) {
        guard id.value < pods.count, pods[id.value].node >= 0 else { return }
        let state = pods[id.value]
        if state.devices != 0 { nodes[Int(state.node)].release(state.request, devices: state.devices) }
        pods[id.value].devices = 0
        pods[id.value].node = -1
    }
}
