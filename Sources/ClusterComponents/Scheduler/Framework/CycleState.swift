import KubeModel

/// The pod being scheduled and what its plugins computed about it in this attempt (k/k
/// `framework.CycleState`): the pod facts every plugin reads, and each plugin's PreFilter or
/// PreScore result under the plugin's own ``CycleStateKey`` (no field per plugin).
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
    /// The index of the pod's profile (keys per-profile memos).
    let profile: ProfileIndex
    /// Tolerations.
    let tolerations: [Toleration]
    /// `spec.nodeSelector`.
    let nodeSelector: [String: String]
    /// Required node affinity (pod's and the profile's addedAffinity).
    let requiredAffinity: [NodeSelector]
    /// Whether the pod asks for any host port.
    var hasPorts: Bool { !info.ports.isEmpty }
    /// Plugin data by key; empty for most pods (an empty array allocates nothing).
    private var data: [(key: ObjectIdentifier, box: AnyObject)] = []

    init(pod: PodID, object: PodObject, info: PodInfo, profile: ProfileIndex, addedAffinity: KubeModel.NodeAffinity?) {
        self.pod = pod
        self.profile = profile
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

extension CycleState {
    /// Stores a plugin's data for this attempt (k/k `CycleState.Write`).
    mutating func write<Value>(_ key: CycleStateKey<Value>, _ value: Value) {
        let box = CycleStateBox(value)
        if let i = data.firstIndex(where: { $0.key == key.id }) {
            data[i].box = box
        } else {
            data.append((key.id, box))
        }
    }

    /// A plugin's data for this attempt, nil if it wrote none (k/k `CycleState.Read`).
    /// - Complexity: O(plugins that wrote data), at most a few.
    @inline(__always)
    func read<Value>(_ key: CycleStateKey<Value>) -> Value? {
        if data.isEmpty { return nil }
        for entry in data where entry.key == key.id {
            return unsafeDowncast(entry.box, to: CycleStateBox<Value>.self).value
        }
        return nil
    }
}

/// The key of one plugin's data in ``CycleState``: the plugin type, with the type of the data
/// it stores (k/k `StateKey`, a string per plugin such as `"PreFilter" + Name`).
struct CycleStateKey<Value> {
    let id: ObjectIdentifier
    init<Plugin: SchedulerPlugin>(_ plugin: Plugin.Type) { id = ObjectIdentifier(plugin) }
}

/// The box a value is kept in inside ``CycleState``.
final class CycleStateBox<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
