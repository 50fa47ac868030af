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
/// (`getSpamKey`); see ``EventCorrelator`` for how objects are identified.
enum EventSpamFilter {
    /// `defaultSpamBurst`.
    static let burst = 25.0
    /// `defaultSpamQPS`: one token per 300 s, a `float32` in client-go (hence the rounding:
    /// 300 s refill a little more than one token).
    static let refillPerSecond = Double(Float(1.0 / 300.0))
    /// `maxLruCacheEntries`.
    static let cacheSize = 4096
}

/// Token buckets (golang.org/x/time/rate `Limiter.AllowN(now, 1)`, which client-go's
/// `NewTokenBucketRateLimiterWithClock` wraps) for the most recently used objects of one
/// source, keyed by the correlator's object id.
struct TokenBucketLRU {
    private struct Bucket {
        var tokens: Double
        var last: SimulationTime
    }

    private var table: LRUTable<Bucket>

    init(capacity: Int) {
        table = LRUTable(capacity: capacity)
    }

    /// Starts loading the bucket at `hint` (``LRUTable/prefetch(_:)``).
    mutating func prefetch(_ hint: LRUTableSlot) { table.prefetch(hint) }

    /// Refills the object's bucket for the time passed, then takes a token if there is one.
    /// An object new to the table (or forgotten by it) starts with a full bucket.
    mutating func tryAccept(_ object: Int64, at time: SimulationTime) -> Bool {
        var hint: LRUTableSlot = -1
        return tryAccept(object, at: time, hint: &hint)
    }

    /// ``tryAccept(_:at:)`` through a kept entry position (``LRUTable/update(_:hint:orInsert:_:)``).
    mutating func tryAccept(_ object: Int64, at time: SimulationTime, hint: inout LRUTableSlot) -> Bool {
        table.update(object, hint: &hint, orInsert: { Bucket(tokens: EventSpamFilter.burst, last: time) }) {
            bucket in
            let elapsed = Double((time - bucket.last).nanoseconds) / 1e9
            if elapsed > 0 {
                bucket.tokens = min(EventSpamFilter.burst, bucket.tokens + elapsed * EventSpamFilter.refillPerSecond)
                bucket.last = time
            }
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
    }
}
