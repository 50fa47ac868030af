import KubeModel

/// Plugin state that every profile shares, held by the framework and kept in step with the
/// cluster by it (kube-scheduler: the informer-backed listers a plugin gets from
/// `framework.Handle.SharedInformerFactory()`, and the event handlers a plugin registers there,
/// as the FGD artifact's Open-GPU-Share plugin does for pod deletions in `NewGpuSharePlugin`).
///
/// The scheduler creates one, hands it to every plugin it builds (``PluginConfiguration/shared``)
/// and delivers the cluster's pod and node events to it next to the scheduler cache's own
/// updates; plugins keep an `unowned(unsafe)` reference to the parts they read (the
/// ``Profile`` that holds them holds this object too).
final class SharedPluginState {
    /// The GPU-sharing plugins' devices and models (``GPUShare``, ``FGD``, ``GPUBestFit``).
    let gpuShare = GPUShareCache()

    init() {}

    /// First sight of a pod (the scheduler cache computes its ``PodInfo`` at the same moment).
    func podSeen(_ pod: PodID, object: PodObject) {
        gpuShare.podSeen(pod, annotations: object.pod.metadata.annotations)
    }

    /// A node was added, changed or removed.
    func nodeUpdated(_ object: NodeObject) { gpuShare.nodeUpdated(object) }

    /// The scheduler cache counted `pod` on `node` (assumed or bound).
    func podAdded(_ pod: PodID, to node: Int) { gpuShare.podAdded(pod, to: node) }

    /// The scheduler cache stopped counting `pod` (unreserved, terminal or deleted).
    func podRemoved(_ pod: PodID) { gpuShare.podRemoved(pod) }
}
