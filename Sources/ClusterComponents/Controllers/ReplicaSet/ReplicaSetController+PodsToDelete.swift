import SimulationCore

extension ReplicaSetController {
    /// Buffers kept between the scans of ``podsToDeleteByScan(_:of:activeCount:)``,
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
    /// The set's ``PodDeletionIndex`` answers (built on the set's first scale-down step, kept
    /// by every pod write after): a throttled scale-down deletes one pod per step, and ranking
    /// every pod of the family at each step made a rolling update quadratic in its pods. Debug
    /// builds check every answer against ``podsToDeleteByScan(_:of:activeCount:)``.
    /// - Complexity: O(count · log p) amortized for p pods of the set once the index exists;
    ///   O(f + p) to build it for f pods of the family.
    func podsToDelete(_ count: Int, of index: Int, activeCount: Int) -> [PodID] {
        guard count < activeCount else { return activePods(of: index, count: activeCount) }
        // No write got a token (a throttled scale-down between tokens): nothing to rank.
        guard count > 0 else { return [] }
        let family = self.family(of: index)
        let selected = cluster.api.podFacts.withUnsafeBufferPointer { facts in
            var slot = deletionIndexes.firstIndex { $0.replicaSet == index }
            if let stale = slot, deletionIndexes[stale].family != family {
                deletionIndexes.remove(at: stale)
                slot = nil
            }
            if slot == nil {
                deletionIndexes.append(
                    PodDeletionIndex(
                        replicaSet: index, family: family, familyPods: { rs in reading(rs, { $0.pods }) },
                        facts: facts, nodeCount: cluster.api.nodes.count))
                slot = deletionIndexes.count - 1
            }
            return deletionIndexes[slot!].first(count, activeCount: activeCount, facts: facts)
        }
        assert(
            selected == podsToDeleteByScan(count, of: index, activeCount: activeCount), "the deletion index disagrees")
        return selected
    }

    /// The ReplicaSets whose pods are related to `index`'s: the owning Deployment's, or the set alone.
    func family(of index: Int) -> [Int] {
        reading(index, { $0.deployment }).map { manager.workloads.reading(deployment: $0, { $0.replicaSets }) }
            ?? [index]
    }

    /// Whether any set keeps a ``PodDeletionIndex`` (the pod writes' hook returns at once otherwise).
    var hasDeletionIndexes: Bool { !deletionIndexes.isEmpty }

    /// A pod of set `rs` changed from facts `old` (`nil`: just filed under the set): the
    /// deletion indexes follow; one whose stale keys piled up is dropped (rebuilt when next needed).
    /// - Complexity: O(log p) per index, times the pods on the node when its related count changed.
    func podFactsChanged(_ pod: PodID, of rs: Int, from old: PodFacts?) {
        cluster.api.podFacts.withUnsafeBufferPointer { facts in
            var i = 0
            while i < deletionIndexes.count {
                deletionIndexes[i].podChanged(pod, of: rs, from: old, facts: facts)
                if deletionIndexes[i].isOverfull { deletionIndexes.remove(at: i) } else { i += 1 }
            }
        }
    }

    /// Drops the set's deletion index (the set was deleted, or has no active pod left).
    func dropDeletionIndex(_ index: Int) {
        deletionIndexes.removeAll { $0.replicaSet == index }
    }

    /// ``podsToDelete(_:of:activeCount:)`` from the pods themselves, the reference its index is
    /// checked against.
    ///
    /// One pass over the family's pods (every ReplicaSet of the owning Deployment, or this set)
    /// counts the related pods per node and keys this set's active pods; a second pass over
    /// those keys, now contiguous, adds each node's count and keeps the first `count`.
    /// - Complexity: O(f + p·count) for f pods of the family and p of the set; O(p log p) when
    ///   `count` is more than a sixteenth of p. No work per node of the cluster.
    func podsToDeleteByScan(_ count: Int, of index: Int, activeCount: Int) -> [PodID] {
        guard count < activeCount else { return activePods(of: index, count: activeCount) }
        guard count > 0 else { return [] }
        // The buffers are moved out for the passes (no exclusivity check per pod on the class).
        var scratch = DeletionScratch()
        swap(&scratch, &deletionScratch)
        defer { swap(&scratch, &deletionScratch) }
        scratch.related.reset(nodeCount: cluster.api.nodes.count)
        scratch.candidates.removeAll(keepingCapacity: true)

        let family = self.family(of: index)
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
