import SimulationCore

/// client-go's `EventSourceObjectSpamFilter` (k/k staging/src/k8s.io/client-go/tools/record/
/// events_cache.go): every event recorder (one per component, one per kubelet) lets a source
/// send 25 events about one object, then refills at one event per 5 minutes; an event that
/// finds the bucket empty is dropped before it reaches the API server. Buckets live in an LRU
/// of 4,096 objects per source, so an object that falls out starts with a full burst again.
///
/// This is what keeps a crash-looping pod on Kubernetes ≤ 1.34 (a `BackOff` event at every
/// blocked sync, every 10 s) from writing thousands of events: after the burst, one gets
/// through every 5 minutes. The key is the source (component, host) and the involved object
/// (`getSpamKey`: kind, namespace, name; the object's uid and apiVersion are not modelled).
struct EventSpamFilter {
    /// `defaultSpamBurst`.
    static let burst = 25.0
    /// `defaultSpamQPS`: one token per 300 s, a `float32` in client-go (hence the rounding:
    /// 300 s refill a little more than one token).
    static let refillPerSecond = Double(Float(1.0 / 300.0))
    /// `maxLruCacheEntries`.
    static let cacheSize = 4096

    struct Source: Hashable {
        var component: String
        var host: String?
    }

    struct Object: Hashable {
        var kind: String
        var namespace: String
        var name: String
    }

    private var sources: [Source: Int] = [:]
    private var caches: [TokenBucketLRU] = []

    /// Whether the event may be written (`Filter` returned false), taking a token if so.
    mutating func accept(source: Source, object: Object, at time: SimulationTime) -> Bool {
        let index: Int
        if let known = sources[source] {
            index = known
        } else {
            index = caches.count
            sources[source] = index
            caches.append(TokenBucketLRU(capacity: Self.cacheSize))
        }
        return caches[index].tryAccept(object, at: time)
    }
}

/// Token buckets (golang.org/x/time/rate `Limiter.AllowN(now, 1)`, which client-go's
/// `NewTokenBucketRateLimiterWithClock` wraps) for the most recently used objects of one source.
struct TokenBucketLRU {
    /// Plain values only, so that touching an entry copies no strings.
    private struct Entry {
        var tokens: Double
        var last: SimulationTime
        var newer: Int32
        var older: Int32
    }

    let capacity: Int
    private var index: [EventSpamFilter.Object: Int32] = [:]
    private var entries: [Entry] = []
    /// The object of each entry (same index).
    private var objects: [EventSpamFilter.Object] = []
    /// Most and least recently used entries (-1 when empty).
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Refills the object's bucket for the time passed, then takes a token if there is one.
    mutating func tryAccept(_ object: EventSpamFilter.Object, at time: SimulationTime) -> Bool {
        let slot: Int32
        if let known = index[object] {
            slot = known
            unlink(slot)
        } else if entries.count < capacity {
            slot = Int32(entries.count)
            entries.append(Entry(tokens: EventSpamFilter.burst, last: time, newer: -1, older: -1))
            objects.append(object)
            index[object] = slot
        } else {
            // lru.Cache.Add evicts the least recently used key; the new key starts full.
            slot = oldest
            unlink(slot)
            index[objects[Int(slot)]] = nil
            entries[Int(slot)] = Entry(tokens: EventSpamFilter.burst, last: time, newer: -1, older: -1)
            objects[Int(slot)] = object
            index[object] = slot
        }
        pushNewest(slot)
        var entry = entries[Int(slot)]
        let elapsed = Double((time - entry.last).nanoseconds) / 1e9
        if elapsed > 0 {
            entry.tokens = min(EventSpamFilter.burst, entry.tokens + elapsed * EventSpamFilter.refillPerSecond)
            entry.last = time
        }
        let accepted = entry.tokens >= 1
        if accepted { entry.tokens -= 1 }
        entries[Int(slot)].tokens = entry.tokens
        entries[Int(slot)].last = entry.last
        return accepted
    }

    private mutating func unlink(_ slot: Int32) {
        let e = entries[Int(slot)]
        if e.newer >= 0 { entries[Int(e.newer)].older = e.older } else { newest = e.older }
        if e.older >= 0 { entries[Int(e.older)].newer = e.newer } else { oldest = e.newer }
        entries[Int(slot)].newer = -1
        entries[Int(slot)].older = -1
    }

    private mutating func pushNewest(_ slot: Int32) {
        entries[Int(slot)].older = newest
        entries[Int(slot)].newer = -1
        if newest >= 0 { entries[Int(newest)].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
