import SimulationCore

/// A table of at most `capacity` values under 64-bit keys that forgets the least recently used
/// key when full, as groupcache's `lru.Cache` (which client-go's event correlator keeps its
/// state in) does: a lookup of a key, present or not, makes it the most recently used, and an
/// insert into a full table first drops the least recently used.
///
/// The layout is for the cache: there is a pair of these per event source (5,000 kubelets in
/// the full envelope), touched by a crash loop's `BackOff` event every 10 s, so most accesses
/// miss. Each entry keeps its key, value and recency links together in one array element, and
/// the key index is open addressing (linear probing, at most half full) over a flat array of
/// entry positions, so a lookup reads one index word and the entry it names; a `Dictionary`
/// index and separate key, value and link arrays cost a miss each. A key that is already the
/// most recently used (a kubelet whose only news is one crash loop) is not relinked at all.
///
/// Keys are hashed with a fixed multiplier (Fibonacci hashing), never `Hasher`: the index's
/// layout does not show in any result, but a fixed hash keeps runs alike to the instruction.
struct LRUTable<Value> {
    /// One key's entry: its value and its neighbours in recency order (-1: none).
    private struct Entry {
        var key: Int64
        var value: Value
        var newer: Int32
        var older: Int32
    }

    typealias Slot = LRUTableSlot

    let capacity: Int
    private var entries: [Entry] = []
    /// Open addressing: entry positions, -1 for an empty bucket; its count is a power of two
    /// at least twice the entries' (none before the first insert).
    private var index: [Int32] = []
    /// 64 − log2 of the index's count: the hash's top bits pick the home bucket.
    private var shift: UInt64 = 64
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    init(capacity: Int) {
        precondition(capacity > 0 && capacity < Int(Int32.max) / 2)
        self.capacity = capacity
    }

    /// Number of keys held.
    var count: Int { entries.count }

    /// Runs `body` on the value of `key` (made by `make` when absent, evicting the least
    /// recently used key if the table is full) and marks `key` the most recently used.
    /// - Complexity: O(1) expected.
    mutating func update<R>(_ key: Int64, orInsert make: () -> Value, _ body: (inout Value) -> R) -> R {
        var hint: Slot = -1
        return update(key, hint: &hint, orInsert: make, body)
    }

    /// ``update(_:orInsert:_:)`` that first tries the entry at `hint` (checking its key) and
    /// leaves in it the entry's position, so a caller that asks for one key again and again
    /// skips the index lookup while its entry stays.
    /// - Complexity: O(1) expected.
    mutating func update<R>(
        _ key: Int64, hint: inout Slot, orInsert make: () -> Value, _ body: (inout Value) -> R
    ) -> R {
        let slot: Int32
        if hint >= 0 && Int(hint) < entries.count && entries[Int(hint)].key == key {
            slot = hint
            touch(slot)
        } else if let known = find(key) {
            slot = known
            touch(slot)
        } else if entries.count < capacity {
            slot = Int32(entries.count)
            entries.append(Entry(key: key, value: make(), newer: -1, older: -1))
            if entries.count * 2 > index.count {
                grow()
            } else {
                place(slot, key)
            }
            moveToFront(slot, linked: false)
        } else {
            // The least recently used entry takes the new key and becomes the newest.
            slot = oldest
            remove(entries[Int(slot)].key)
            entries[Int(slot)].key = key
            entries[Int(slot)].value = make()
            place(slot, key)
            moveToFront(slot, linked: true)
        }
        hint = slot
        return body(&entries[Int(slot)].value)
    }

    /// Starts loading the entry at `hint` (when it is one), which an update with that hint is
    /// about to read. `mutating` only so that it runs on the table in place: called on a copy,
    /// it retained the table's arrays, an atomic write to each cold header.
    mutating func prefetch(_ hint: Slot) {
        guard hint >= 0 else { return }
        entries.withUnsafeBufferPointer { entries in
            if Int(hint) < entries.count { Prefetch.forReading(entries.baseAddress.unsafelyUnwrapped + Int(hint)) }
        }
    }

    /// The keys from the most to the least recently used (for tests).
    var keysByRecency: [Int64] {
        var keys: [Int64] = []
        var slot = newest
        while slot >= 0 {
            keys.append(entries[Int(slot)].key)
            slot = entries[Int(slot)].older
        }
        return keys
    }

    /// The value of `key` without touching its recency (for tests).
    func peek(_ key: Int64) -> Value? { find(key).map { entries[Int($0)].value } }

    // MARK: - Recency list

    /// Makes the present entry `slot` the most recently used.
    private mutating func touch(_ slot: Int32) {
        guard slot != newest else { return }
        moveToFront(slot, linked: true)
    }

    /// Makes entry `slot` the newest of the recency list, first taking it out of the list when
    /// it is `linked` in it. Written on the entries' buffer: a crash loop's requeue moves its
    /// entry to the front of two tables every 10 s, and each of the five link writes through
    /// the array checked its uniqueness and bounds.
    private mutating func moveToFront(_ slot: Int32, linked: Bool) {
        var (newest, oldest) = (self.newest, self.oldest)
        entries.withUnsafeMutableBufferPointer { entries in
            if linked {
                let (newer, older) = (entries[Int(slot)].newer, entries[Int(slot)].older)
                if newer >= 0 { entries[Int(newer)].older = older } else { newest = older }
                if older >= 0 { entries[Int(older)].newer = newer } else { oldest = newer }
            }
            entries[Int(slot)].older = newest
            entries[Int(slot)].newer = -1
            if newest >= 0 { entries[Int(newest)].newer = slot }
            newest = slot
            if oldest < 0 { oldest = slot }
        }
        (self.newest, self.oldest) = (newest, oldest)
    }

    // MARK: - Index

    private func home(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private func find(_ key: Int64) -> Int32? {
        guard !index.isEmpty else { return nil }
        let mask = index.count - 1
        var bucket = home(key)
        while true {
            let slot = index[bucket]
            if slot < 0 { return nil }
            if entries[Int(slot)].key == key { return slot }
            bucket = (bucket + 1) & mask
        }
    }

    /// Puts entry `slot` (whose key is `key`, absent from the index) into the index.
    private mutating func place(_ slot: Int32, _ key: Int64) {
        let mask = index.count - 1
        var bucket = home(key)
        while index[bucket] >= 0 { bucket = (bucket + 1) & mask }
        index[bucket] = slot
    }

    /// Takes `key` (present) out of the index, shifting later entries of its probe run back
    /// into the gap (no tombstones, so lookups stay short).
    private mutating func remove(_ key: Int64) {
        let mask = index.count - 1
        var gap = home(key)
        while entries[Int(index[gap])].key != key { gap = (gap + 1) & mask }
        var next = gap
        while true {
            next = (next + 1) & mask
            let slot = index[next]
            if slot < 0 { break }
            let wanted = home(entries[Int(slot)].key)
            // The entry at `next` may move to `gap` unless its home lies cyclically in (gap, next].
            let staysPut = gap <= next ? (gap < wanted && wanted <= next) : (gap < wanted || wanted <= next)
            if staysPut { continue }
            index[gap] = slot
            gap = next
        }
        index[gap] = -1
    }

    /// Doubles the index (16 buckets at first) and places every entry again.
    private mutating func grow() {
        let buckets = max(16, index.count * 2)
        index = [Int32](repeating: -1, count: buckets)
        shift = UInt64(64 - buckets.trailingZeroBitCount)
        for slot in entries.indices { place(Int32(slot), entries[slot].key) }
    }
}

/// A position in an ``LRUTable``'s entries, kept by callers that look one key up again and
/// again (``LRUTable/update(_:hint:orInsert:_:)``); -1 when unknown.
typealias LRUTableSlot = Int32
