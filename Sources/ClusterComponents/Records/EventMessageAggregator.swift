import SimulationCore

/// client-go's `EventAggregator` (k/k staging/src/k8s.io/client-go/tools/record/events_cache.go
/// `EventAggregate`, grouped by `EventAggregatorByReasonFunc`): when one source reports the
/// same type and reason about one object with 10 different messages within 10 minutes, later
/// events of that group carry the message `(combined from similar events): <message>` and
/// update one Event object (their deduplication key is the group, not the message). A rolling
/// update's `SuccessfulCreate` and `ScalingReplicaSet` events are the common case.
enum EventMessageAggregator {
    /// `defaultAggregateMaxEvents`.
    static let maxMessages = 10
    /// `defaultAggregateIntervalInSeconds`.
    static let interval = SimulationDuration.seconds(600)
    /// `EventAggregatorByReasonMessageFunc`'s prefix.
    static let prefix = "(combined from similar events): "

    /// A 64-bit digest of the message (``FNV1a/wordDigest(_:)``): deterministic across runs,
    /// unlike `hashValue`; only equality is ever used.
    static func digest(_ text: String) -> UInt64 { FNV1a.wordDigest(text) }
}

/// One aggregation group's state (`aggregateRecord`): the distinct messages seen, as 64-bit
/// digests (equal digests of different messages are vanishingly unlikely and would only delay
/// a combination), and the time of the group's last event. Most groups only ever see one
/// message, so the first is kept inline and the array is allocated on the second.
struct MessageGroup {
    private var first: UInt64?
    private var more: [UInt64] = []
    private var last: SimulationTime

    init(at time: SimulationTime) {
        last = time
    }

    /// Number of distinct messages held.
    var count: Int { (first == nil ? 0 : 1) + more.count }

    /// Notes a message at `time`. - Returns: whether the event is to be combined.
    mutating func observe(_ digest: UInt64, at time: SimulationTime) -> Bool {
        // A group whose last event is more than 10 minutes old starts afresh.
        if time - last > EventMessageAggregator.interval {
            first = nil
            more.removeAll()
        }
        if first != digest && !more.contains(digest) {
            if first == nil { first = digest } else { more.append(digest) }
        }
        last = time
        guard count >= EventMessageAggregator.maxMessages else { return false }
        // `PopAny` keeps the group below the limit; Go drops an arbitrary message (map order),
        // kubesim the oldest, so runs stay reproducible.
        if more.isEmpty { first = nil } else { first = more.removeFirst() }
        return true
    }
}
