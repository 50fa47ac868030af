import SimulationCore

extension ReplicaSetController {
    /// Buffers kept between the scale-down steps' rankings (``podsToDelete(_:of:activeCount:)``),
    /// so that a step allocates only its result.
    struct DeletionScratch {
        /// Related pods per node.
        var related = NodePodCounts()
        /// The set's active pods, keyed with no related pods, and their nodes.
        var candidates: [(key: PodDeletionRank.Key, node: Int32)] = []
    }

    /// `getPodsToDelete`: the `count` pods ranked first by `controller.ActivePodsWithRanks`:
    /// unassigned before assigned; Pending before Unknown before Running; not ready before
    /// ready; more pods of the same owner family on its node first (`getPodsRankedByRelatedPodsOnSameNode`);
    /// ready for a shorter time first; more restarts first; newer first. `activeCount` is the
    /// tally's count of active pods.
    ///
    /// Upstream compares ready and creation times in logarithmic buckets
    /// (`LogarithmicScaleDown`); exact times are compared here.
    ///
    /// One pass over the family's pods (every ReplicaSet of the owning Deployment, or this set)
    /// counts the related pods per node and keys this set's active pods; a second pass over
    /// those keys, now contiguous, adds each node's count and keeps the first `count`.
    /// - Complexity: O(f + p·count) for f pods of the family and p of the set; O(p log p) when
    ///   `count` is more than a sixteenth of p. No work per node of the cluster.
    func podsToDelete(_ count: Int, of index: Int, activeCount: Int) -> [PodID] {
        guard count < activeCount else { return activePods(of: index, count: activeCount) }
        // No write got a token (a throttled scale-down between tokens): nothing to rank.
        guard count > 0 else { return [] }
        // The buffers are moved out for the passes (no exclusivity check per pod on the class).
        var scratch = DeletionScratch()
        swap(&scratch, &deletionScratch)
        defer { swap(&scratch, &deletionScratch) }
        scratch.related.reset(nodeCount: cluster.api.nodes.count)
        scratch.candidates.removeAll(keepingCapacity: true)

        let family = reading(index, { $0.deployment }).map {
            manager.workloads.reading(deployment: $0, { $0.replicaSets })
        }
        cluster.api.podFacts.withUnsafeBufferPointer { facts in
            /// Counts `pods`' active bound pods per node and, when `keying`, keys the active ones.
            func visit(_ pods: [PodID], counting: Bool, keying: Bool) {
                for pod in pods {
                    let f = facts[pod.value]
                    guard f.isActive else { continue }
                    if counting, f.node >= 0 { scratch.related.add(f.node) }
                    if keying { scratch.candidates.append((Self.rank(pod, f).key, f.node)) }
                }
            }
            guard let family else { return visit(reading(index, { $0.pods }), counting: true, keying: true) }
            for rs in family { visit(reading(rs, { $0.pods }), counting: true, keying: rs == index) }
            // A set always syncs while listed by its Deployment (a deleted one does not sync);
            // should that ever change, its pods are still the candidates.
            if !family.contains(index) { visit(reading(index, { $0.pods }), counting: false, keying: true) }
        }
        assert(
            scratch.candidates.count == activeCount,
            "the ReplicaSet tally's active count disagrees with the pods' facts")

        let related = scratch.related
        if count * 16 >= scratch.candidates.count {
            return scratch.candidates.map { $0.node >= 0 ? $0.key.with(colocated: related[$0.node]) : $0.key }
                .sorted().prefix(count).map(\.pod)
        }
        var selection = PodDeletionRank.Selection(limit: count)
        for candidate in scratch.candidates {
            selection.offer(
                candidate.node >= 0 ? candidate.key.with(colocated: related[candidate.node]) : candidate.key)
        }
        return selection.pods
    }

    /// The rank of `pod` with facts `f`, counting no related pods on its node.
    @inline(__always)
    static func rank(_ pod: PodID, _ f: PodFacts) -> PodDeletionRank {
        PodDeletionRank(
            pod: pod, assigned: f.node >= 0, phase: f.isPending ? 0 : f.isPhaseUnknown ? 1 : 2, ready: f.readySince,
            colocated: 0, restarts: f.restartCount, created: f.createdAt)
    }
}
