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
    /// Related pods on its node (not negative).
    var colocated: Int
    var restarts: Int
    var created: SimulationTime

    /// The first `count` of `pods` in deletion order, each ranked once by `rank`. A scale-down
    /// step usually deletes a few pods of thousands, so a bounded ``Selection`` keeps it
    /// O(n·count) instead of a full sort; the order being total, the result is the same as
    /// sorting.
    static func first(_ count: Int, of pods: [PodID], rank: (PodID) -> PodDeletionRank) -> [PodID] {
        guard count > 0 else { return [] }
        guard count * 16 < pods.count else { return pods.map { rank($0).key }.sorted().prefix(count).map(\.pod) }
        var selection = Selection(limit: count)
        for pod in pods { selection.offer(rank(pod).key) }
        return selection.pods
    }
}

extension PodDeletionRank {
    /// The rank as unsigned words compared in turn, the smaller deleted first: the selection
    /// compares every active pod of the set on every scale-down step, and the first word
    /// usually decides.
    struct Key: Comparable {
        /// Assigned (bit 63), the phase (bits 61–62), ready (bit 60), and fewer related pods on
        /// the node (`UInt32.max − colocated`, bits 0–31).
        var order: UInt64
        /// The ready time, later first; 0 when not ready (both are then not ready: `order`
        /// decided otherwise).
        var readySince: UInt64
        /// The restart count, more first.
        var restarts: UInt64
        /// The creation time, newer first.
        var created: UInt64
        /// The pod id, higher first.
        var descendingPod: UInt32

        var pod: PodID { PodID(Int(~descendingPod)) }

        /// The key with `colocated` related pods on the node in place of the count it was made
        /// with: candidates are keyed while their family's pods are still being counted.
        func with(colocated: Int) -> Key {
            var key = self
            key.order = order & ~PodDeletionRank.relatedBits | (UInt64(UInt32.max) - UInt64(colocated))
            return key
        }

        static func < (a: Key, b: Key) -> Bool {
            (a.order, a.readySince, a.restarts, a.created, a.descendingPod)
                < (b.order, b.readySince, b.restarts, b.created, b.descendingPod)
        }
    }

    /// The mask of ``Key/order``'s related-pods bits (0–31).
    static let relatedBits: UInt64 = 0xFFFF_FFFF

    /// `value` mapped so that larger values give smaller words.
    private static func descending(_ value: Int64) -> UInt64 { ~(UInt64(bitPattern: value) ^ (1 << 63)) }

    var key: Key {
        var order = UInt64(assigned ? 1 : 0) << 63 | UInt64(phase) << 61 | UInt64(ready == nil ? 0 : 1) << 60
        order |= UInt64(UInt32.max) - UInt64(colocated)
        return Key(
            order: order, readySince: ready.map { Self.descending($0.nanoseconds) } ?? 0,
            restarts: Self.descending(Int64(restarts)), created: Self.descending(created.nanoseconds),
            descendingPod: ~UInt32(bitPattern: pod.index))
    }
}
