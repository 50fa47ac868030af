import KubeModel

/// InterPodAffinity PreFilter and scoring over the cache (k/k
/// `plugins/interpodaffinity/filtering.go`, `scoring.go`).
extension Scheduler {
    /// Calls `body(pod, nodeIndex)` for every counted pod, node by node in scan order.
    func forEachCountedPod(_ body: (PodID, Int) -> Void) {
        for index in cache.tree.order {
            for pod in cache.nodes[Int(index)].pods { body(pod, Int(index)) }
        }
    }

    func affinityFilterState(_ state: CycleState, _ terms: PodAffinityTerms) -> InterPodAffinityFilterState {
        var s = InterPodAffinityFilterState(terms: terms)
        // Existing pods' required anti-affinity against the incoming pod.
        for other in cache.affinityPods {
            guard let info = cache.pods[other.value], info.countedOn >= 0 else { continue }
            let object = cluster.api[other]
            let otherTerms = PodAffinityTerms(
                object.pod.spec, namespace: object.namespace, labels: object.pod.metadata.labels ?? [:])
            let node = cache.nodes[Int(info.countedOn)]
            for term in otherTerms.requiredAntiAffinity
            where term.matches(namespace: state.namespace, labels: state.labels) {
                if let value = node.labels[term.topologyKey] {
                    s.existingAntiAffinityCounts[TopologyPair(key: term.topologyKey, value: value), default: 0] += 1
                }
            }
        }
        if !terms.requiredAffinity.isEmpty || !terms.requiredAntiAffinity.isEmpty {
            forEachCountedPod { other, nodeIndex in
                let object = cluster.api[other]
                let labels = object.pod.metadata.labels ?? [:]
                let node = cache.nodes[nodeIndex]
                // An existing pod counts for affinity only if it matches all the terms.
                if !terms.requiredAffinity.isEmpty,
                    terms.requiredAffinity.allSatisfy({ $0.matches(namespace: object.namespace, labels: labels) })
                {
                    for term in terms.requiredAffinity {
                        if let value = node.labels[term.topologyKey] {
                            s.affinityCounts[TopologyPair(key: term.topologyKey, value: value), default: 0] += 1
                        }
                    }
                }
                for term in terms.requiredAntiAffinity where term.matches(namespace: object.namespace, labels: labels) {
                    if let value = node.labels[term.topologyKey] {
                        s.antiAffinityCounts[TopologyPair(key: term.topologyKey, value: value), default: 0] += 1
                    }
                }
            }
            s.matchesOwnAffinity = terms.requiredAffinity.allSatisfy {
                $0.matches(namespace: state.namespace, labels: state.labels)
            }
        }
        return s
    }

    /// Scores the feasible nodes into `scores`. - Returns: `.skipped` when there is nothing to score.
    func interPodAffinityScore(_ state: CycleState, hardWeight: Int64, ignorePreferred: Bool, count: Int) -> ScorePass {
        let terms = PodAffinityTerms(state.spec, namespace: state.namespace, labels: state.labels)
        let hasPreferred = !terms.preferredAffinity.isEmpty || !terms.preferredAntiAffinity.isEmpty
        if !hasPreferred && cache.affinityPods.isEmpty { return .skipped }
        var topologyScore: [String: [String: Int64]] = [:]
        func add(_ key: String, _ node: NodeInfo, _ weight: Int64) {
            guard let value = node.labels[key] else { return }
            topologyScore[key, default: [:]][value, default: 0] += weight
        }
        func process(_ other: PodID, _ node: NodeInfo) {
            let object = cluster.api[other]
            let labels = object.pod.metadata.labels ?? [:]
            for t in terms.preferredAffinity where t.matches(namespace: object.namespace, labels: labels) {
                add(t.topologyKey, node, t.weight)
            }
            for t in terms.preferredAntiAffinity where t.matches(namespace: object.namespace, labels: labels) {
                add(t.topologyKey, node, -t.weight)
            }
            guard cache.pods[other.value]?.hasPodAffinity == true else { return }
            let otherTerms = PodAffinityTerms(object.pod.spec, namespace: object.namespace, labels: labels)
            if hardWeight > 0 {
                for t in otherTerms.requiredAffinity where t.matches(namespace: state.namespace, labels: state.labels) {
                    add(t.topologyKey, node, hardWeight)
                }
            }
            if !ignorePreferred {
                for t in otherTerms.preferredAffinity where t.matches(namespace: state.namespace, labels: state.labels)
                {
                    add(t.topologyKey, node, t.weight)
                }
                for t in otherTerms.preferredAntiAffinity
                where t.matches(namespace: state.namespace, labels: state.labels) {
                    add(t.topologyKey, node, -t.weight)
                }
            }
        }
        if hasPreferred {
            forEachCountedPod { other, index in process(other, cache.nodes[index]) }
        } else {
            for other in cache.affinityPods {
                guard let info = cache.pods[other.value], info.countedOn >= 0 else { continue }
                process(other, cache.nodes[Int(info.countedOn)])
            }
        }
        if topologyScore.isEmpty {
            for j in 0..<count { scratch.scores[j] = 0 }
            return .scored
        }
        var maxCount: Int64 = 0
        var minCount: Int64 = 0
        for j in 0..<count {
            let node = cache.nodes[Int(scratch.feasible[j])]
            var total: Int64 = 0
            for (key, values) in topologyScore {
                if let value = node.labels[key] { total += values[value] ?? 0 }
            }
            scratch.scores[j] = total
            maxCount = max(maxCount, total)
            minCount = min(minCount, total)
        }
        let diff = maxCount - minCount
        for j in 0..<count {
            scratch.scores[j] = diff > 0 ? Int64(100 * Double(scratch.scores[j] - minCount) / Double(diff)) : 0
        }
        return .scored
    }
}
