import KubeModel

/// What the Cluster Autoscaler's simulator asks of the scheduler (cluster-autoscaler
/// `simulator/predicatechecker`, which runs the scheduler framework's PreFilter and Filter
/// plugins on a snapshot): the same filters, run on node infos that need not exist.
extension Scheduler {
    /// A node info for a Node that is not in the cluster (a node group's template node).
    public func simulatedNodeInfo(template node: Node) -> NodeInfo {
        var info = NodeInfo(id: NodeID(-1))
        info.setNode(node, resources: &cache.resources, images: { cache.imageID($0) })
        return info
    }

    /// The cache's node info of a live node, with the pods counted on it.
    public func simulatedNodeInfo(_ node: NodeID) -> NodeInfo? {
        guard node.value < cache.nodes.count, !cache.nodes[node.value].isRemoved else { return nil }
        return cache.nodes[node.value]
    }

    /// Whether `pod` passes every filter of its profile on `node` (PreFilter, then Filter).
    /// `movingFromItsNode` checks a bound pod as a new copy of itself, without `spec.nodeName`
    /// (the autoscaler's drain simulation, `simulator/cluster.go`).
    public func passesFilters(_ pod: PodID, on node: NodeInfo, movingFromItsNode: Bool = false) -> Bool {
        var object = cluster.api[pod]
        if movingFromItsNode { object.pod.spec.nodeName = nil }
        let name = object.pod.spec.schedulerName
        let profile = profiles.index(forSchedulerName: name) ?? .first
        var state = CycleState(
            pod: pod, object: object, info: podInfo(pod, object: object), profile: profile,
            addedAffinity: profiles[profile].addedAffinity)
        runPreFilters(&state, profile: profile)
        return runFilters(state, profile: profile, node: node).isSuccess
    }

    /// Counts `pod` on a simulated node info (its requests and host ports).
    public func addSimulated(_ pod: PodID, to node: inout NodeInfo) {
        let info = podInfo(pod, object: cluster.api[pod])
        node.add(pod, request: info.request, ports: info.ports)
    }
}
