import KubeModel

/// The scheduler cache's updates and the same events delivered to the plugins' shared state
/// (``SharedPluginState``): every path that counts, uncounts or first sees a pod, or refreshes
/// a node, goes through here, so the GPU-sharing plugin's devices follow the cache's scalars.
extension Scheduler {
    /// The pod's info, computing it on first sight (the plugins' shared state sees the pod then).
    @inline(__always)
    func podInfo(_ pod: PodID, object: PodObject) -> PodInfo {
        if !cache.hasInfo(pod) { shared.podSeen(pod, object: object) }
        return cache.info(for: pod, object: object)
    }

    /// Counts `pod` on `node` in the cache (assume or bind) and in the plugins' shared state.
    func countPod(_ pod: PodID, object: PodObject, on node: Int) {
        _ = podInfo(pod, object: object)
        if cache.addPod(pod, object: object, to: node, at: cluster.now) { shared.podAdded(pod, to: node) }
    }

    /// Stops counting `pod` (unreserved, terminal or removed).
    /// - Returns: whether it was counted.
    @discardableResult
    func uncountPod(_ pod: PodID) -> Bool {
        guard cache.removePod(pod) else { return false }
        shared.podRemoved(pod)
        return true
    }

    /// Adds, refreshes or removes a node in the cache and the plugins' shared state.
    func setNode(_ node: NodeID) {
        let object = cluster.api[node]
        cache.setNode(object)
        shared.nodeUpdated(object)
    }
}
