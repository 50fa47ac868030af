/// A table of at most `capacity` values that forgets the least recently used key when full,
/// as groupcache's `lru.Cache` (which client-go's event correlator keeps its state in) does.
/// Lookups, inserts and evictions are O(1): a dictionary into slots linked newest to oldest.
struct LRUTable<Key: Hashable, Value> {
    private struct Link {
        var newer: Int32 = -1
        var older: Int32 = -1
    }

    let capacity: Int
    private var index: [Key: Int32] = [:]
    private var keys: [Key] = []
    private var values: [Value] = []
    private var links: [Link] = []
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Runs `body` on the value of `key` (made by `make` when absent, evicting the least
    /// recently used key if the table is full) and marks `key` the most recently used.
    mutating func update<R>(_ key: Key, orInsert make: () -> Value, _ body: (inout Value) -> R) -> R {
        let slot: Int32
        if let known = index[key] {
            slot = known
            unlink(slot)
        } else if keys.count < capacity {
            slot = Int32(keys.count)
            keys.append(key)
            values.append(make())
            links.append(Link())
            index[key] = slot
        } else {
            slot = oldest
            unlink(slot)
            index[keys[Int(slot)]] = nil
            keys[Int(slot)] = key
            values[Int(slot)] = make()
            index[key] = slot
        }
        pushNewest(slot)
        return body(&values[Int(slot)])
    }

    private mutating func unlink(_ slot: Int32) {
        let link = links[Int(slot)]
        if link.newer >= 0 { links[Int(link.newer)].older = link.older } else { newest = link.older }
        if link.older >= 0 { links[Int(link.older)].newer = link.newer } else { oldest = link.newer }
        links[Int(slot)] = Link()
    }

    private mutating func pushNewest(_ slot: Int32) {
        links[Int(slot)].older = newest
        links[Int(slot)].newer = -1
        if newest >= 0 { links[Int(newest)].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
