extension PodDeletionRank {
    /// The `limit` smallest keys offered so far, in ascending order: the first pods of
    /// `getPodsToDelete` without sorting every candidate.
    ///
    /// A throttled scale-down step deletes one pod of thousands, and its candidates come in
    /// creation order, where each newer pod usually ranks before the ones seen so far: with a
    /// limit of 1 an accepted key replaces the one kept, and with a small limit it is shifted
    /// into place in the kept prefix (no `Array.insert`, whose generic `replaceSubrange` was most
    /// of the old selection's cost). The order being total, the result is the same as the first
    /// `limit` keys of a full sort.
    struct Selection {
        /// How many keys to keep.
        let limit: Int
        /// The kept keys, ascending; at most `limit`.
        private(set) var keys: [Key] = []

        /// An empty selection of at most `limit` keys (`limit` ≥ 1).
        init(limit: Int) {
            precondition(limit >= 1, "a selection keeps at least one key")
            self.limit = limit
            keys.reserveCapacity(limit)
        }

        /// Keeps `key` if it is among the `limit` smallest offered so far.
        /// - Complexity: O(1) when the key is rejected or `limit` is 1; O(`limit`) otherwise.
        @inline(__always)
        mutating func offer(_ key: Key) {
            var slot = keys.count
            if slot == limit {
                guard key < keys[slot - 1] else { return }
                slot -= 1
            } else {
                keys.append(key)
            }
            while slot > 0, key < keys[slot - 1] {
                keys[slot] = keys[slot - 1]
                slot -= 1
            }
            keys[slot] = key
        }

        /// The kept pods, first to delete first.
        var pods: [PodID] { keys.map(\.pod) }
    }
}
