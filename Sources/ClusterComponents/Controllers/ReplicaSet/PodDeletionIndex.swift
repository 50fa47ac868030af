import HeapModule

/// One ReplicaSet's active pods in deletion order (`controller.ActivePodsWithRanks`), kept up to
/// date between the steps of a scale-down, so that a step that deletes k pods costs
/// O(k log p) instead of a pass over the family's pods.
///
/// A pod's rank depends on its own facts and on the number of related pods (the active bound
/// pods of every ReplicaSet of the family) on its node. Both change only through the pod
/// writes of `Cluster+API`, which report every change of a pod's facts
/// (``ControllerManager/podFactsChanged(_:from:)``); on each the index
///   - pushes the pod's new key when it is one of the set's active pods,
///   - moves the pod's contribution to the related counts and pushes the new key of each of the
///     set's pods on the nodes whose count changed.
/// So the heap always holds every active pod's current key, beside keys that went stale: a
/// popped key counts only if it equals the pod's key recomputed now (``isCurrent(_:in:)``), so
/// the first valid keys popped are exactly the first pods of a full ranking. The order is total
/// (the pod id breaks ties), so a pod's current key appears once, or as equal copies that pop
/// together.
struct PodDeletionIndex {
    /// The ReplicaSet (index in ``WorkloadStore/replicaSets``).
    let replicaSet: Int
    /// The family's ReplicaSets when built (the Deployment's list, or the set alone): the
    /// related counts are kept for exactly these sets' pods, and a changed list rebuilds.
    let family: [Int]
    /// Per node, the family's active pods bound there.
    private var related: [Int32]
    /// Per node, the set's pods seen active and bound there (a pod that left is dropped when
    /// the node is next visited).
    private var podsOnNode: [[PodID]]
    /// The current key of every active pod of the set, and stale keys.
    private var keys: Heap<PodDeletionRank.Key>
    /// The heap size past which the index is dropped rather than kept (stale keys pile up when
    /// the set is not scaled down for long): four times the active pods at the last ranking.
    private(set) var sizeLimit: Int

    /// The index of `replicaSet`'s pods `pods`, whose family is `family` (`familyPods` gives
    /// each set's pod list), with `facts` the API's pod facts and `nodeCount` nodes.
    /// - Complexity: O(f + p) for f pods of the family and p of the set.
    init(
        replicaSet: Int, family: [Int], familyPods: (Int) -> [PodID], facts: UnsafeBufferPointer<PodFacts>,
        nodeCount: Int
    ) {
        self.replicaSet = replicaSet
        self.family = family
        related = [Int32](repeating: 0, count: nodeCount)
        podsOnNode = [[PodID]](repeating: [], count: nodeCount)
        for rs in family.contains(replicaSet) ? family : family + [replicaSet] {
            let counts = family.contains(rs)
            for pod in familyPods(rs) {
                let f = facts[pod.value]
                guard f.isActive, f.node >= 0 else { continue }
                if counts { related[Int(f.node)] += 1 }
                if rs == replicaSet { podsOnNode[Int(f.node)].append(pod) }
            }
        }
        var active: [PodDeletionRank.Key] = []
        for pod in familyPods(replicaSet) where facts[pod.value].isActive {
            active.append(Self.key(pod, facts[pod.value], related: related))
        }
        keys = Heap(active)
        sizeLimit = 4 * active.count + 1024
    }

    /// The current key of `pod`, with facts `f`, given the related counts.
    @inline(__always)
    private static func key(_ pod: PodID, _ f: PodFacts, related: [Int32]) -> PodDeletionRank.Key {
        let key = ReplicaSetController.rank(pod, f).key
        return f.node >= 0 ? key.with(colocated: Int(related[Int(f.node)])) : key
    }

    /// The node a pod with facts `f` counts on as a related pod, -1 for none.
    @inline(__always)
    private static func relatedNode(_ f: PodFacts) -> Int32 { f.isActive ? f.node : -1 }

    /// Whether `key` is the current key of its pod (active, same facts, same related count).
    private func isCurrent(_ key: PodDeletionRank.Key, in facts: UnsafeBufferPointer<PodFacts>) -> Bool {
        let f = facts[key.pod.value]
        return f.isActive && Self.key(key.pod, f, related: related) == key
    }

    /// A pod of `rs` (one of ``family``, or this set) changed from facts `old` (`nil`: first seen)
    /// to the facts in `facts`.
    /// - Complexity: O(log h) for h keys held, times the set's pods on the nodes whose related
    ///   count changed (the pods per node of one family: a few).
    mutating func podChanged(_ pod: PodID, of rs: Int, from old: PodFacts?, facts: UnsafeBufferPointer<PodFacts>) {
        let new = facts[pod.value]
        guard old != new else { return }
        let oldNode = old.map(Self.relatedNode) ?? -1
        let newNode = Self.relatedNode(new)
        // A node added after the index was built.
        if Int(newNode) >= related.count {
            related.append(contentsOf: repeatElement(0, count: Int(newNode) + 1 - related.count))
            podsOnNode.append(contentsOf: repeatElement([], count: Int(newNode) + 1 - podsOnNode.count))
        }
        if oldNode != newNode, family.contains(rs) {
            if oldNode >= 0 {
                related[Int(oldNode)] -= 1
                rekey(node: oldNode, facts: facts)
            }
            if newNode >= 0 {
                related[Int(newNode)] += 1
                rekey(node: newNode, facts: facts)
            }
        }
        guard rs == replicaSet, new.isActive else { return }
        if newNode >= 0, oldNode != newNode { podsOnNode[Int(newNode)].append(pod) }
        keys.insert(Self.key(pod, new, related: related))
    }

    /// Pushes the current key of each of the set's active pods on `node` (its related count
    /// changed), dropping the pods no longer there.
    private mutating func rekey(node: Int32, facts: UnsafeBufferPointer<PodFacts>) {
        guard Int(node) < podsOnNode.count, !podsOnNode[Int(node)].isEmpty else { return }
        podsOnNode[Int(node)].removeAll { Self.relatedNode(facts[$0.value]) != node }
        for pod in podsOnNode[Int(node)] { keys.insert(Self.key(pod, facts[pod.value], related: related)) }
    }

    /// Whether the heap outgrew ``sizeLimit``: the index should be dropped (and rebuilt when
    /// next needed).
    var isOverfull: Bool { keys.count > sizeLimit }

    /// The first `count` active pods of the set in deletion order; `activeCount` is how many
    /// are active (for ``sizeLimit``).
    /// - Complexity: O((count + s) log h) for s stale keys popped and h held.
    mutating func first(_ count: Int, activeCount: Int, facts: UnsafeBufferPointer<PodFacts>) -> [PodID] {
        var first: [PodDeletionRank.Key] = []
        first.reserveCapacity(count)
        while first.count < count, let key = keys.popMin() {
            guard key != first.last, isCurrent(key, in: facts) else { continue }
            first.append(key)
        }
        // They stay active until their deletions are written (and their keys go stale then).
        for key in first { keys.insert(key) }
        sizeLimit = 4 * activeCount + 1024
        return first.map(\.pod)
    }
}
