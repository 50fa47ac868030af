import KubeModel

/// What PreFilter/PreScore computed about the pod being scheduled (k/k `framework.CycleState`),
/// read by every Filter/Score call of this attempt.
struct CycleState {
    /// The pod.
    let pod: PodID
    /// Its spec.
    let spec: PodSpec
    /// Its namespace.
    let namespace: String
    /// Its labels.
    let labels: [String: String]
    /// Cached request, ports, priority.
    let info: PodInfo
    /// Tolerations.
    let tolerations: [Toleration]
    /// `spec.nodeSelector`.
    let nodeSelector: [String: String]
    /// Required node affinity (pod's and the profile's addedAffinity).
    let requiredAffinity: [NodeSelector]
    /// Whether the pod asks for any host port.
    var hasPorts: Bool { !info.ports.isEmpty }
    /// PodTopologySpread hard-constraint state (nil: none).
    var spreadFilter: TopologySpreadFilterState?
    /// InterPodAffinity filter state (nil: no terms anywhere).
    var affinityFilter: InterPodAffinityFilterState?

    init(pod: PodID, object: PodObject, info: PodInfo, addedAffinity: KubeModel.NodeAffinity?) {
        self.pod = pod
        spec = object.pod.spec
        namespace = object.namespace
        labels = object.pod.metadata.labels ?? [:]
        self.info = info
        tolerations = spec.tolerations ?? []
        nodeSelector = spec.nodeSelector ?? [:]
        var required: [NodeSelector] = []
        if let selector = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution {
            required.append(selector)
        }
        if let selector = addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution { required.append(selector) }
        requiredAffinity = required
    }

    /// Whether the node passes nodeSelector and required node affinity
    /// (component-helpers `nodeaffinity.GetRequiredNodeAffinity(pod).Match`).
    func matchesNodeAffinity(_ node: NodeInfo) -> Bool {
        for (key, value) in nodeSelector where node.labels[key] != value { return false }
        for selector in requiredAffinity where !selector.matches(labels: node.labels, nodeName: node.name) {
            return false
        }
        return true
    }
}
