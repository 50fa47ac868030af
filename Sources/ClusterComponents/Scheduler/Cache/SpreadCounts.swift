/// Matching-pod counts of the system-default PodTopologySpread constraints, kept up to date as
/// pods are counted and uncounted, so that scoring a pod costs O(feasible nodes) instead of a
/// walk over every pod of the cluster (k/k `plugins/podtopologyspread/scoring.go` PreScore
/// counts them afresh each cycle; with 150,000 pods that walk dominated the envelope run).
///
/// A pod is counted here when the cache counts it on a node, it has a controlling owner (the
/// ``SpreadSelector/owner(_:)`` selector) and it is not terminating: the same pods that
/// `Scheduler.spreadMatches` accepts. Counts are kept per owner and node (the hostname
/// constraint) and per owner, topology key and domain (the other keys), the latter over the
/// nodes in the cache that are not removed, which is the set the scoring walk visits.
///
/// Memory: one `Int32` per node for each owner that has counted pods (released when its last
/// pod goes), plus one per domain and key.
struct SpreadCounts {
    /// Interned topology keys, in first-use order.
    private(set) var keys: [String] = []
    /// Per key: whether counts per domain are kept (not for the hostname, whose domains are
    /// the nodes: ``perNode`` already holds those counts).
    private var tracksDomains: [Bool] = []
    /// Per key: the interned domain of each node, -1 when the node lacks the label or is removed.
    private(set) var domainOfNode: [[Int32]] = []
    /// Per key: domain ids by label value.
    private var domainIDs: [[String: Int32]] = []
    /// Per owner: counted pods per node (empty when the owner has none).
    private(set) var perNode: [[Int32]] = []
    /// Per owner and key: counted pods per domain.
    private(set) var perDomain: [[[Int32]]] = []
    /// Per owner: number of counted pods.
    private var total: [Int32] = []
    /// Node labels and removal state as last seen, so that keys registered later can be
    /// resolved for every node.
    private var nodeLabels: [[String: String]] = []
    private var nodeRemoved: [Bool] = []

    /// The id of topology key `key`, registering it (and counting every owner's pods by its
    /// domains) on first use.
    mutating func keyID(_ key: String) -> Int {
        if let i = keys.firstIndex(of: key) { return i }
        let k = keys.count
        keys.append(key)
        tracksDomains.append(key != PodTopologySpread.hostnameKey)
        domainIDs.append([:])
        var domains = [Int32](repeating: -1, count: nodeLabels.count)
        for n in nodeLabels.indices where !nodeRemoved[n] {
            if let value = nodeLabels[n][key] { domains[n] = intern(value, key: k) }
        }
        domainOfNode.append(domains)
        for o in perNode.indices {
            perDomain[o].append([])
            for (n, c) in perNode[o].enumerated() where c != 0 && domains[n] >= 0 {
                bump(owner: o, key: k, domain: Int(domains[n]), by: c)
            }
        }
        return k
    }

    /// Number of domains of key `k` (ids are 0..<domainCount).
    func domainCount(_ k: Int) -> Int { domainIDs[k].count }

    /// Counted pods of `owner` on node `node`.
    @inline(__always)
    func count(owner: Int, node: Int) -> Int32 {
        guard owner < perNode.count else { return 0 }
        let counts = perNode[owner]
        return node < counts.count ? counts[node] : 0
    }

    /// Counted pods of `owner` per node (shorter than the node table, or empty, where none).
    func counts(owner: Int) -> [Int32] { owner < perNode.count ? perNode[owner] : [] }

    /// Counted pods of `owner` per domain of key `k` (shorter than the domain table, or empty,
    /// where none).
    func counts(owner: Int, key k: Int) -> [Int32] {
        guard owner < perDomain.count, k < perDomain[owner].count else { return [] }
        return perDomain[owner][k]
    }

    /// Counted pods of `owner` in domain `domain` of key `k`.
    @inline(__always)
    func count(owner: Int, key k: Int, domain: Int) -> Int32 {
        guard owner < perDomain.count, k < perDomain[owner].count else { return 0 }
        let counts = perDomain[owner][k]
        return domain < counts.count ? counts[domain] : 0
    }

    /// Records a node's labels and removal state; moves the counts of its pods when one of its
    /// domains changed.
    mutating func setNode(_ node: Int, labels: [String: String], isRemoved: Bool) {
        while nodeLabels.count <= node {
            nodeLabels.append([:])
            nodeRemoved.append(true)
            for k in keys.indices { domainOfNode[k].append(-1) }
        }
        nodeLabels[node] = labels
        nodeRemoved[node] = isRemoved
        for k in keys.indices {
            let old = domainOfNode[k][node]
            let new: Int32 = isRemoved ? -1 : labels[keys[k]].map { intern($0, key: k) } ?? -1
            guard old != new else { continue }
            domainOfNode[k][node] = new
            for o in perNode.indices {
                let c = count(owner: o, node: node)
                guard c != 0 else { continue }
                if old >= 0 { bump(owner: o, key: k, domain: Int(old), by: -c) }
                if new >= 0 { bump(owner: o, key: k, domain: Int(new), by: c) }
            }
        }
    }

    /// Counts one pod of `owner` on `node` (`delta` 1) or stops counting it (`delta` -1).
    mutating func add(owner: Int, node: Int, delta: Int32) {
        while perNode.count <= owner {
            perNode.append([])
            perDomain.append([[Int32]](repeating: [], count: keys.count))
            total.append(0)
        }
        if perNode[owner].isEmpty { perNode[owner] = [Int32](repeating: 0, count: max(nodeLabels.count, node + 1)) }
        if perNode[owner].count <= node {
            perNode[owner] += [Int32](repeating: 0, count: node + 1 - perNode[owner].count)
        }
        perNode[owner][node] += delta
        total[owner] += delta
        for k in keys.indices where node < domainOfNode[k].count && domainOfNode[k][node] >= 0 {
            bump(owner: owner, key: k, domain: Int(domainOfNode[k][node]), by: delta)
        }
        if total[owner] == 0 {
            // Release the owner's arrays: finished ReplicaSets and Jobs leave nothing behind.
            perNode[owner] = []
            perDomain[owner] = [[Int32]](repeating: [], count: keys.count)
        }
    }

    private mutating func bump(owner: Int, key k: Int, domain: Int, by delta: Int32) {
        guard tracksDomains[k] else { return }
        if perDomain[owner][k].count <= domain {
            perDomain[owner][k] += [Int32](repeating: 0, count: domain + 1 - perDomain[owner][k].count)
        }
        perDomain[owner][k][domain] += delta
    }

    private mutating func intern(_ value: String, key k: Int) -> Int32 {
        if let id = domainIDs[k][value] { return id }
        let id = Int32(domainIDs[k].count)
        domainIDs[k][value] = id
        return id
    }
}
