/// A count per node that starts again at zero in O(1): the ReplicaSet controller's related pods
/// per node (`getPodsRankedByRelatedPodsOnSameNode`), recounted on every scale-down step.
///
/// Each slot holds the generation that last wrote it beside its count, so ``reset(nodeCount:)``
/// starts a new generation instead of zeroing a slot per node: a step that deletes one pod no
/// longer allocates and clears an array of every node of the cluster.
struct NodePodCounts {
    /// Per node index: the generation in the high 32 bits, the count in the low 32.
    private var slots: [UInt64] = []
    /// The current generation; slots of an older one count 0.
    private var generation: UInt64 = 0

    /// Every count back to zero, for nodes `0..<nodeCount`.
    /// - Complexity: O(1) amortized (O(n) once every 2³² resets, and when nodes were added).
    mutating func reset(nodeCount: Int) {
        if slots.count < nodeCount { slots.append(contentsOf: repeatElement(0, count: nodeCount - slots.count)) }
        generation += 1
        if generation == 1 << 32 {
            for i in slots.indices { slots[i] = 0 }
            generation = 1
        }
    }

    /// Adds one to `node`'s count.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func add(_ node: Int32) {
        let slot = slots[Int(node)]
        slots[Int(node)] = slot >> 32 == generation ? slot + 1 : generation << 32 | 1
    }

    /// `node`'s count since the last reset.
    /// - Complexity: O(1).
    @inline(__always)
    subscript(node: Int32) -> Int {
        let slot = slots[Int(node)]
        return slot >> 32 == generation ? Int(slot & 0xFFFF_FFFF) : 0
    }
}
