import KubeModel

/// The zone-interleaved node order of k/k `pkg/scheduler/backend/cache/node_tree.go`:
/// zones in insertion order, nodes within a zone in insertion order, listed round-robin
/// (the i-th node of each zone in turn). Nodes without zone labels form the "" zone.
struct NodeTree {
    private var zones: [String] = []
    private var nodesByZone: [[Int32]] = []
    private var zoneOfNode: [Int32] = []
    /// The interleaved list (node indices), rebuilt lazily after membership changes.
    var order: [Int32] {
        mutating get {
            if dirty { rebuild() }
            return cachedOrder
        }
    }
    private var cachedOrder: [Int32] = []
    private var dirty = false
    private var liveCount = 0
    /// Number of nodes in the tree.
    var count: Int { liveCount }

    /// The zone key of a node (`utilnode.GetZoneKey`): region and zone labels (GA or beta),
    /// empty when neither is set.
    static func zoneKey(_ labels: [String: String]) -> String {
        let region = labels["topology.kubernetes.io/region"] ?? labels["failure-domain.beta.kubernetes.io/region"] ?? ""
        let zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"] ?? ""
        if region.isEmpty && zone.isEmpty { return "" }
        return region + ":\u{0}:" + zone
    }

    /// Adds or moves a node.
    mutating func update(_ node: Int, labels: [String: String]) {
        let key = Self.zoneKey(labels)
        if node < zoneOfNode.count, zoneOfNode[node] >= 0, zones[Int(zoneOfNode[node])] == key { return }
        remove(node, rebuild: false)
        var zone = zones.firstIndex(of: key) ?? -1
        if zone < 0 {
            zone = zones.count
            zones.append(key)
            nodesByZone.append([])
        }
        nodesByZone[zone].append(Int32(node))
        if zoneOfNode.count <= node { zoneOfNode += [Int32](repeating: -1, count: node + 1 - zoneOfNode.count) }
        zoneOfNode[node] = Int32(zone)
        liveCount += 1
        dirty = true
    }

    /// Removes a node.
    mutating func remove(_ node: Int, rebuild shouldRebuild: Bool = true) {
        guard node < zoneOfNode.count, zoneOfNode[node] >= 0 else { return }
        let zone = Int(zoneOfNode[node])
        nodesByZone[zone].removeAll { $0 == Int32(node) }
        zoneOfNode[node] = -1
        liveCount -= 1
        dirty = true
    }

    private mutating func rebuild() {
        dirty = false
        var order = cachedOrder
        cachedOrder = []
        order.removeAll(keepingCapacity: true)
        var i = 0
        var added = true
        while added {
            added = false
            for zone in nodesByZone where i < zone.count {
                order.append(zone[i])
                added = true
            }
            i += 1
        }
        cachedOrder = order
    }
}
