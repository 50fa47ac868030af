import SimulationCore

/// A pod's place in the ReplicaSet controller's deletion order (k/k
/// `pkg/controller/controller_utils.go` `ActivePodsWithRanks.Less`): unassigned before
/// assigned; Pending before Unknown before Running; not ready before ready; more related pods
/// on its node first (`getPodsRankedByRelatedPodsOnSameNode`); ready for a shorter time first;
/// more restarts first; newer first. The pod id breaks the remaining ties, so the order is total.
struct PodDeletionRank {
    var pod: PodID
    var assigned: Bool
    /// 0 Pending, 1 Unknown, 2 Running or other.
    var phase: Int
    var ready: SimulationTime?
    var colocated: Int
    var restarts: Int
    var created: SimulationTime

    /// Whether `a` is deleted before `b`.
    static func precedes(_ a: PodDeletionRank, _ b: PodDeletionRank) -> Bool {
        if a.assigned != b.assigned { return !a.assigned }
        if a.phase != b.phase { return a.phase < b.phase }
        if (a.ready == nil) != (b.ready == nil) { return a.ready == nil }
        if a.colocated != b.colocated { return a.colocated > b.colocated }
        if let ra = a.ready, let rb = b.ready, ra != rb { return ra > rb }
        if a.restarts != b.restarts { return a.restarts > b.restarts }
        if a.created != b.created { return a.created > b.created }
        return a.pod > b.pod
    }

    /// The first `count` of `ranks` in deletion order. A scale-down step usually deletes a few
    /// pods of thousands, so a bounded insertion keeps it O(n·count) instead of a full sort;
    /// the order being total, the result is the same as sorting.
    static func first(_ count: Int, of ranks: [PodDeletionRank]) -> [PodDeletionRank] {
        guard count > 0 else { return [] }
        guard count * 16 < ranks.count else { return Array(ranks.sorted(by: precedes).prefix(count)) }
        var best: [PodDeletionRank] = []
        best.reserveCapacity(count + 1)
        for rank in ranks {
            if best.count == count, !precedes(rank, best[count - 1]) { continue }
            // Binary search for the insertion point.
            var low = 0
            var high = best.count
            while low < high {
                let mid = (low + high) / 2
                if precedes(best[mid], rank) { low = mid + 1 } else { high = mid }
            }
            best.insert(rank, at: low)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
