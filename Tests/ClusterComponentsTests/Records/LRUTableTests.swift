import Stochastics
import Testing

@testable import ClusterComponents

/// ``LRUTable`` against groupcache's `lru.Cache` semantics, written out as the plainest model:
/// a list of (key, value) pairs from the most to the least recently used, searched front to back.
@Suite("LRU table")
struct LRUTableTests {
    /// groupcache lru.go: `Get` moves a present key to the front; `Add` of a new key pushes it
    /// to the front and, past `MaxEntries`, removes the oldest (`RemoveOldest`).
    struct Model {
        let capacity: Int
        var pairs: [(key: Int64, value: Int)] = []

        /// The value before the update (nil: inserted), as ``LRUTable/update(_:orInsert:_:)``'s
        /// body in the test sees it; the value then becomes `new`.
        mutating func update(_ key: Int64, to new: Int) -> Int? {
            var old: Int?
            if let i = pairs.firstIndex(where: { $0.key == key }) {
                old = pairs[i].value
                pairs.remove(at: i)
            } else if pairs.count == capacity {
                pairs.removeLast()
            }
            pairs.insert((key, new), at: 0)
            return old
        }
    }

    @Test("three keys in a table of two: the least recently used one goes, a looked-up one stays")
    func eviction() {
        var table = LRUTable<Int>(capacity: 2)
        for key: Int64 in [1, 2] { table.update(key, orInsert: { 0 }) { $0 += 1 } }
        table.update(1, orInsert: { 0 }) { $0 += 1 }  // 1 newest, 2 oldest
        table.update(3, orInsert: { 0 }) { $0 += 1 }  // evicts 2
        #expect(table.keysByRecency == [3, 1])
        #expect(table.peek(1) == 2 && table.peek(2) == nil && table.peek(3) == 1)
        let again = table.update(2, orInsert: { 10 }) { $0 }  // evicts 1; a fresh value
        #expect(again == 10 && table.keysByRecency == [2, 3])
    }

    /// Random updates of keys drawn from a small range (so hits, inserts and evictions all
    /// happen, and colliding keys share probe runs: multiples of 2³² hash alike in the low
    /// bits), at capacities from 1 to 40, sometimes through a hint that may be stale; after each
    /// step the value seen, the recency order and every lookup must match the model.
    @Test("random updates agree with the list model", arguments: [1, 2, 3, 7, 16, 40])
    func againstModel(capacity: Int) {
        var random = RandomStreams(seed: 17).stream(named: "lru-\(capacity)")
        var table = LRUTable<Int>(capacity: capacity)
        var model = Model(capacity: capacity)
        var hints = [LRUTable<Int>.Slot](repeating: -1, count: 4)
        var mismatches = 0
        for step in 0..<4000 {
            let range = capacity * 2 + 3
            let raw = Int64(random.integer(below: range))
            let key = random.uniform() < 0.3 ? raw << 32 : raw - Int64(range / 2)
            let initial = step
            let expected = model.update(key, to: step * 7)
            let seen: Int?
            if random.uniform() < 0.5 {
                let h = random.integer(below: hints.count)
                seen = table.update(key, hint: &hints[h], orInsert: { -initial - 1 }) { value in
                    defer { value = step * 7 }
                    return value < 0 ? nil : value
                }
            } else {
                seen = table.update(key, orInsert: { -initial - 1 }) { value in
                    defer { value = step * 7 }
                    return value < 0 ? nil : value
                }
            }
            if seen != expected || table.keysByRecency != model.pairs.map(\.key) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(table.count == model.pairs.count)
        for (key, value) in model.pairs where table.peek(key) != value { Issue.record("key \(key)") }
        #expect(table.keysByRecency == model.pairs.map(\.key))
    }
}
