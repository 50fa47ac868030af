import KubeModel
import SimulationCore

/// The scheduler cache (k/k `pkg/scheduler/backend/cache/cache.go`): one ``NodeInfo`` per
/// node id, the pods counted on them, interned images and owners, and the scan order.
///
/// Terminal pods (Succeeded/Failed) stop counting, as the scheduler's assigned-pod informer
/// handler removes them from the cache (k/k `pkg/scheduler/eventhandlers.go`; see
/// kubernetes/kubernetes#96515: "only Job Pods get Succeeded or Failed status. When that
/// happens, kube-scheduler doesn't account for them").
struct SchedulerCache {
    /// Node infos by ``NodeID`` value.
    var nodes: [NodeInfo] = []
    /// The hot scalars of `nodes`, same indexing; refreshed by ``refresh(_:)``.
    private(set) var hot: [NodeHot] = []
    /// Number of nodes whose hot record has PreferNoSchedule taints (none: TaintToleration's
    /// scores are all equal, with no walk over the feasible nodes).
    private(set) var preferTaintedNodes = 0

    /// Re-derives the hot scalars of node `i` after a change.
    mutating func refresh(_ i: Int) {
        while hot.count < nodes.count { hot.append(NodeHot()) }
        let version = hot[i].version &+ 1
        if hot[i].hasPreferTaints { preferTaintedNodes -= 1 }
        hot[i] = NodeHot(nodes[i])
        hot[i].version = version
        if hot[i].hasPreferTaints { preferTaintedNodes += 1 }
    }
    /// Pod infos by ``PodID`` value (nil until the scheduler first sees the pod).
    var pods: [PodInfo?] = []
    /// Resource slots.
    var resources = ResourceIndex()
    /// The zone-interleaved scan order.
    var tree = NodeTree()
    /// Number of live nodes.
    var nodeCount: Int { tree.count }
    /// Image ids by normalized name.
    var imageIDs: [String: Int32] = [:]
    /// Number of nodes having each image.
    var imageNodeCount: [Int32] = []
    /// Image sizes by image and node, the columns ImageLocality reads.
    var imageColumns = ImageColumns()
    /// Owner ids by owner uid.
    var ownerIDs: [String: Int32] = [:]
    /// System-default spreading counts per owner, node and domain.
    var spread = SpreadCounts()
    /// Counted pods that carry pod (anti-)affinity terms.
    var affinityPods: [PodID] = []

    /// Interns an image name.
    mutating func imageID(_ name: String) -> Int32 {
        if let id = imageIDs[name] { return id }
        let id = Int32(imageNodeCount.count)
        imageIDs[name] = id
        imageNodeCount.append(0)
        return id
    }

    /// Interns an owner uid.
    mutating func ownerID(_ uid: String) -> Int32 {
        if let id = ownerIDs[uid] { return id }
        let id = Int32(ownerIDs.count)
        ownerIDs[uid] = id
        return id
    }

    /// Whether the default spreading counts the pods of a controller of this kind by owner (a
    /// switch: an array literal in the condition was built for every pod).
    static func spreadsByOwner(kind: String) -> Bool {
        switch kind {
        case "ReplicaSet", "StatefulSet", "ReplicationController": true
        default: false
        }
    }

    /// The info of `pod`, computing it on first sight.
    mutating func info(for id: PodID, object: PodObject) -> PodInfo {
        if id.value < pods.count, let info = pods[id.value] { return info }
        // Appended in place: `pods += [PodInfo?](repeating:count:)` built a one-element array
        // for each pod, as pods arrive in id order.
        while pods.count <= id.value { pods.append(nil) }
        var info = Self.info(of: object.pod.spec, resources: &resources)
        if let owner = object.pod.metadata.ownerReferences?.first(where: { $0.controller == true }),
            Self.spreadsByOwner(kind: owner.kind)
        {
            info.ownerKey = ownerID(owner.uid.isEmpty ? owner.kind + "/" + owner.name : owner.uid)
        }
        pods[id.value] = info
        return info
    }

    /// A new pod's info from its spec, lent (a `let spec = object.pod.spec` copied it, a
    /// retain and a release of each of its fields, for every pod).
    private static func info(of spec: borrowing PodSpec, resources: inout ResourceIndex) -> PodInfo {
        PodInfo(
            request: PodRequest(pod: spec, index: &resources), ports: HostPort.ports(of: spec),
            priority: spec.priority ?? 0,
            hasPodAffinity: spec.affinity?.podAffinity != nil || spec.affinity?.podAntiAffinity != nil)
    }

    /// Adds or refreshes a node.
    mutating func setNode(_ object: NodeObject) {
        let i = object.id.value
        while nodes.count <= i { nodes.append(NodeInfo(id: NodeID(nodes.count))) }
        for image in nodes[i].images {
            imageNodeCount[Int(image.id)] -= 1
            imageColumns.set(image: image.id, node: i, size: nil)
        }
        var info = nodes[i]
        nodes[i] = NodeInfo(id: object.id)  // drop the reference so the arrays stay unique
        var imageTable = ImageTable(ids: imageIDs, counts: imageNodeCount)
        info.setNode(object.node, resources: &resources, images: { imageTable.id($0) })
        imageIDs = imageTable.ids
        imageNodeCount = imageTable.counts
        for image in info.images {
            imageNodeCount[Int(image.id)] += 1
            imageColumns.set(image: image.id, node: i, size: image.size)
        }
        info.isRemoved = object.isRemoved
        nodes[i] = info
        refresh(i)
        if object.isRemoved { tree.remove(i) } else { tree.update(i, labels: info.labels) }
        spread.setNode(i, labels: info.labels, isRemoved: object.isRemoved)
    }

    /// Whether the pod's info was computed already.
    func hasInfo(_ id: PodID) -> Bool { id.value < pods.count && pods[id.value] != nil }

    /// Counts `pod` on `node` (assume or bind).
    /// - Returns: whether the pod was not counted before and now is.
    @discardableResult
    mutating func addPod(_ id: PodID, object: PodObject, to node: Int, at time: SimulationTime) -> Bool {
        var info = info(for: id, object: object)
        guard info.countedOn < 0, node < nodes.count else { return false }
        info.countedOn = Int32(node)
        info.countedAt = time
        if info.ownerKey >= 0 && object.deletionTimestamp == nil {
            info.spreadCounted = true
            spread.add(owner: Int(info.ownerKey), node: node, delta: 1)
        }
        pods[id.value] = info
        nodes[node].add(id, request: info.request, ports: info.ports)
        refresh(node)
        if info.hasPodAffinity { affinityPods.append(id) }
        return true
    }

    /// A counted pod started terminating: spreading stops counting it (`spreadMatches` skips
    /// terminating pods), its resources stay counted until it is gone.
    mutating func podTerminating(_ id: PodID) {
        guard id.value < pods.count, var info = pods[id.value], info.spreadCounted else { return }
        spread.add(owner: Int(info.ownerKey), node: Int(info.countedOn), delta: -1)
        info.spreadCounted = false
        pods[id.value] = info
    }

    /// Stops counting `pod` (terminal, removed, or an assumption undone).
    /// - Returns: whether the pod was counted.
    @discardableResult
    mutating func removePod(_ id: PodID) -> Bool {
        guard id.value < pods.count, var info = pods[id.value], info.countedOn >= 0 else { return false }
        nodes[Int(info.countedOn)].remove(id, request: info.request, ports: info.ports)
        refresh(Int(info.countedOn))
        if info.spreadCounted {
            spread.add(owner: Int(info.ownerKey), node: Int(info.countedOn), delta: -1)
            info.spreadCounted = false
        }
        info.countedOn = -1
        pods[id.value] = info
        if info.hasPodAffinity { affinityPods.removeAll { $0 == id } }
        return true
    }
}

/// A detached copy of the image interning table (avoids overlapping access to the cache).
struct ImageTable {
    var ids: [String: Int32]
    var counts: [Int32]
    mutating func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(counts.count)
        ids[name] = id
        counts.append(0)
        return id
    }
}
