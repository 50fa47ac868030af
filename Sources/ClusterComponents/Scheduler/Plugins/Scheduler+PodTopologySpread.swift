import KubeModel

/// PodTopologySpread PreFilter and scoring over the cache (k/k
/// `plugins/podtopologyspread/filtering.go` calPreFilterState, `scoring.go`).
extension Scheduler {
    /// Whether existing pod `other` is counted by `selector` for a pod in `namespace`
    /// (terminating pods are not counted).
    func spreadMatches(_ selector: SpreadSelector, _ other: PodID, namespace: String) -> Bool {
        switch selector {
        case .nothing: return false
        case .owner(let key):
            // Plain per-pod facts first: this runs for every pod on every scored node.
            guard !cluster.api.podFacts[other.value].isTerminating else { return false }
            return cache.pods[other.value]?.ownerKey == key
        case .labels(let s):
            guard !cluster.api.podFacts[other.value].isTerminating,
                (cluster.api.pods[other.value].pod.metadata.namespace ?? "default") == namespace
            else { return false }
            return s.matches(cluster.api.pods[other.value].pod.metadata.labels ?? [:])
        }
    }

    func countMatching(_ selector: SpreadSelector, node: Int, namespace: String) -> Int {
        // Owner selectors are counted incrementally (the same pods spreadMatches accepts).
        if case .owner(let owner) = selector { return Int(cache.spread.count(owner: Int(owner), node: node)) }
        var count = 0
        for other in cache.nodes[node].pods where spreadMatches(selector, other, namespace: namespace) { count += 1 }
        return count
    }

    /// Node inclusion policies: required node affinity (Honor by default) and taints (Ignore).
    func spreadIncludes(_ c: SpreadConstraint, _ state: CycleState, node: NodeInfo) -> Bool {
        if c.honorNodeAffinity && !state.matchesNodeAffinity(node) { return false }
        if c.honorNodeTaints {
            for taint in node.filterTaints where !state.tolerations.tolerates(taint) { return false }
        }
        return true
    }

    func spreadFilterState(_ state: CycleState, _ constraints: [SpreadConstraint]) -> TopologySpreadFilterState {
        var counts = [[String: Int]](repeating: [:], count: constraints.count)
        for index in cache.tree.order {
            let node = cache.nodes[Int(index)]
            // Nodes must carry every constraint's key to count (nodeLabelsMatchSpreadConstraints).
            guard constraints.allSatisfy({ node.labels[$0.topologyKey] != nil }) else { continue }
            for (i, c) in constraints.enumerated() where spreadIncludes(c, state, node: node) {
                let value = node.labels[c.topologyKey]!
                counts[i][value, default: 0] += countMatching(c.selector, node: Int(index), namespace: state.namespace)
            }
        }
        var minimum: [Int] = []
        var selfMatch: [Int] = []
        for (i, c) in constraints.enumerated() {
            var m = counts[i].values.min() ?? 0
            if counts[i].count < c.minDomains { m = 0 }
            minimum.append(m)
            switch c.selector {
            case .owner: selfMatch.append(1)
            case .labels(let s): selfMatch.append(s.matches(state.labels) ? 1 : 0)
            case .nothing: selfMatch.append(0)
            }
        }
        return TopologySpreadFilterState(
            constraints: constraints, counts: counts, minimum: minimum, selfMatch: selfMatch)
    }

    /// Scores the feasible nodes into `scores`. - Returns: `.skipped` when PreScore skips.
    func spreadScore(_ state: CycleState, args: PodTopologySpreadArgs?, count: Int) -> ScorePass {
        let (_, soft, systemDefaulted) = PodTopologySpread.constraints(
            spec: state.spec, labels: state.labels, ownerKey: state.info.ownerKey, args: args)
        if soft.isEmpty { return .skipped }
        // The system defaults select the pod's owner; with no node affinity to honour and
        // taints ignored, every live node counts, which is what SpreadCounts keeps.
        if systemDefaulted, case .owner(let owner) = soft[0].selector, state.nodeSelector.isEmpty,
            state.requiredAffinity.isEmpty, soft.allSatisfy({ !$0.honorNodeTaints })
        {
            spreadScoreFromCounts(soft, owner: Int(owner), count: count)
            return .scored
        }
        let requireAll = !systemDefaulted
        var ignored = [Bool](repeating: false, count: count)
        var weights = [Double](repeating: 0, count: soft.count)
        var domainCounts = [[String: Int]](repeating: [:], count: soft.count)
        // Domains and sizes among the feasible nodes.
        for (i, c) in soft.enumerated() {
            var size = 0
            for j in 0..<count {
                let node = cache.nodes[Int(scratch.feasible[j])]
                if requireAll && !soft.allSatisfy({ node.labels[$0.topologyKey] != nil }) {
                    ignored[j] = true
                    continue
                }
                guard let value = node.labels[c.topologyKey] else { continue }
                if c.topologyKey == PodTopologySpread.hostnameKey {
                    size += 1
                } else if domainCounts[i][value] == nil {
                    domainCounts[i][value] = 0
                    size += 1
                }
            }
            weights[i] = PodTopologySpread.normalizingWeight(size)
        }
        // Counts for non-hostname keys over all nodes that pass the inclusion policies.
        for (i, c) in soft.enumerated() where c.topologyKey != PodTopologySpread.hostnameKey && !domainCounts[i].isEmpty
        {
            for index in cache.tree.order {
                let node = cache.nodes[Int(index)]
                if requireAll && !soft.allSatisfy({ node.labels[$0.topologyKey] != nil }) { continue }
                guard let value = node.labels[c.topologyKey], domainCounts[i][value] != nil,
                    spreadIncludes(c, state, node: node)
                else { continue }
                domainCounts[i][value]! += countMatching(c.selector, node: Int(index), namespace: state.namespace)
            }
        }
        for j in 0..<count {
            if ignored[j] {
                scratch.scores[j] = 0
                continue
            }
            let node = cache.nodes[Int(scratch.feasible[j])]
            var raw = 0.0
            for (i, c) in soft.enumerated() {
                guard let value = node.labels[c.topologyKey] else { continue }
                let cnt: Int
                if c.topologyKey == PodTopologySpread.hostnameKey {
                    cnt = countMatching(c.selector, node: Int(scratch.feasible[j]), namespace: state.namespace)
                } else {
                    cnt = domainCounts[i][value] ?? 0
                }
                raw += PodTopologySpread.scoreForCount(cnt, maxSkew: c.maxSkew, weight: weights[i])
            }
            scratch.scores[j] = roundedHalfAwayFromZero(raw)
        }
        normalizeSpreadScores(count: count, ignored: ignored)
        return .scored
    }

    /// The system-default scoring from the incrementally kept ``SpreadCounts``: the same
    /// numbers as the walk in ``spreadScore(_:args:count:)``, in O(feasible nodes).
    ///
    /// Constraint by constraint (PreScore's per-constraint state, then Score's sum over the
    /// constraints, scoring.go `Score`): each node's raw score gets the constraints' terms in
    /// constraint order, so the floating-point sums are the ones a per-node loop computes.
    private func spreadScoreFromCounts(_ soft: [SpreadConstraint], owner: Int, count: Int) {
        let feasible = scratch.feasible
        var raw = scratch.spreadRaw
        scratch.spreadRaw = []
        raw.removeAll(keepingCapacity: true)
        raw.append(contentsOf: repeatElement(0, count: count))
        // The loops run over the arrays' buffers: indexed through the arrays, each node paid
        // three bounds checks and the arrays' retains (500 nodes a pod at 5,000 nodes).
        feasible.withUnsafeBufferPointer { feasible in
            for c in soft {
                let k = cache.spread.keyID(c.topologyKey)
                let isHostname = c.topologyKey == PodTopologySpread.hostnameKey
                // The hostname's domains are the nodes: its counts are the per-node ones.
                let counts = isHostname ? cache.spread.counts(owner: owner) : cache.spread.counts(owner: owner, key: k)
                let domainCount = isHostname ? 0 : cache.spread.domainCount(k)
                cache.spread.domainOfNode[k].withUnsafeBufferPointer { domainOf in
                    var size = 0
                    if isHostname {
                        for j in 0..<count where domainOf[Int(feasible[j])] >= 0 { size += 1 }
                    } else {
                        // Distinct domains among the feasible nodes.
                        var seen = [Bool](repeating: false, count: domainCount)
                        for j in 0..<count {
                            let d = Int(domainOf[Int(feasible[j])])
                            if d >= 0 && !seen[d] {
                                seen[d] = true
                                size += 1
                            }
                        }
                    }
                    let weight = PodTopologySpread.normalizingWeight(size)
                    counts.withUnsafeBufferPointer { counts in
                        raw.withUnsafeMutableBufferPointer { raw in
                            for j in 0..<count {
                                let n = Int(feasible[j])
                                let d = Int(domainOf[n])
                                guard d >= 0 else { continue }
                                let index = isHostname ? n : d
                                let cnt = index < counts.count ? counts[index] : 0
                                raw[j] += PodTopologySpread.scoreForCount(Int(cnt), maxSkew: c.maxSkew, weight: weight)
                            }
                        }
                    }
                }
            }
        }
        withFeasibleScores(count: count) { _, scores in
            raw.withUnsafeBufferPointer { raw in
                for j in scores.indices { scores[j] = roundedHalfAwayFromZero(raw[j]) }
            }
        }
        scratch.spreadRaw = raw
        normalizeSpreadScores(count: count, ignored: nil)
    }

    /// NormalizeScore (scoring.go): `100 × (max + min − score) / max`; 100 everywhere when the
    /// maximum is 0; ignored nodes score 0.
    private func normalizeSpreadScores(count: Int, ignored: [Bool]?) {
        let ignored = ignored ?? []
        withFeasibleScores(count: count) { _, scores in
            var minScore = Int64.max
            var maxScore = Int64.min
            for j in scores.indices where ignored.isEmpty || !ignored[j] {
                minScore = min(minScore, scores[j])
                maxScore = max(maxScore, scores[j])
            }
            for j in scores.indices {
                if !ignored.isEmpty && ignored[j] {
                    scores[j] = 0
                } else if maxScore == 0 {
                    scores[j] = 100
                } else {
                    scores[j] = 100 * (maxScore + minScore - scores[j]) / maxScore
                }
            }
        }
    }
}
