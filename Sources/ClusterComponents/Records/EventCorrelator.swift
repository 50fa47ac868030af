import SimulationCore

/// What client-go's `EventCorrelator` does to each event a component records before it reaches
/// the API server (k/k staging/src/k8s.io/client-go/tools/record/events_cache.go
/// `EventCorrelate`): group similar messages (``EventMessageAggregator``), then rate-limit per
/// source and object (``EventSpamFilter``). Deduplication into counts happens in the readers
/// (`kubectl` views), from the marks this leaves on each ``KubeEvent``.
///
/// Each source (a component, or a node's kubelet) has its own caches, as each has its own
/// recorder. Objects are identified by pod id for pods (the uid, in effect: a pod recreated
/// under the same name is a new object) and by kind, namespace and name otherwise.
struct EventCorrelator {
    struct Source: Hashable {
        var component: String
        var host: String?
    }

    struct ObjectName: Hashable {
        var kind: String
        var namespace: String
        var name: String
    }

    /// An aggregation group: the object and the type-and-reason, packed into one 64-bit word
    /// (the object in the high 44 bits, the reason's index in the low 20). Each kubelet's table
    /// holds a group per pod and reason it ever reported (up to 4,096), so the key's size is
    /// paid about five times per pod created: 8 bytes instead of 16 (an `Int64` and an `Int32`
    /// padded), in the key array and in the index.
    private struct GroupKey: Hashable {
        let packed: Int64
        static let reasonBits = 20

        init(object: Int64, typeAndReason: Int32) {
            precondition(typeAndReason >= 0 && typeAndReason < 1 << Self.reasonBits, "too many event reasons")
            precondition(abs(object) < 1 << (63 - Self.reasonBits), "object id out of range")
            packed = object << Self.reasonBits | Int64(typeAndReason)
        }
    }

    private struct TypeAndReason: Hashable {
        var type: EventType
        var reason: String
    }

    private var sources: [Source: Int] = [:]
    private var objects: [ObjectName: Int64] = [:]
    private var reasons: [TypeAndReason: Int32] = [:]
    /// The last type-and-reason looked up and its index: runs of one reason (a crash loop's
    /// `BackOff` every requeue) skip hashing the reason; the reason's text is usually the same
    /// literal, so the comparison is one word.
    private var lastReason: (key: TypeAndReason, index: Int32)?
    /// Each source's caches, side by side: a kubelet's event reads both, and with 5,000
    /// kubelets their headers are rarely in cache.
    private var caches: [SourceCaches] = []

    /// One source's aggregation groups and spam-filter buckets (client-go's `EventCorrelator`
    /// of one `EventRecorder`: its aggregator's and spam filter's LRU caches).
    private struct SourceCaches {
        var groups = LRUTable<MessageGroup>(capacity: EventSpamFilter.cacheSize)
        var buckets = TokenBucketLRU(capacity: EventSpamFilter.cacheSize)
    }

    /// Where a recorder last found its aggregation group and spam-filter bucket of one object
    /// (``LRUTable/Slot``s): a kubelet keeps one per pod, so the `BackOff` of every blocked
    /// requeue of a crash loop goes straight to its entries. A hint whose entry has since been
    /// given to another key is noticed (the key is checked) and the tables are searched.
    struct Hints: Sendable {
        var group: LRUTableSlot = -1
        var bucket: LRUTableSlot = -1
    }

    /// Aggregates and filters `event` (about `pod`, when it is about a pod): may rewrite its
    /// message (`isCombined`) and marks whether it is written (`isRecorded`).
    mutating func correlate(_ event: inout KubeEvent, pod: PodID?) {
        let source = sourceIndex(Source(component: event.component, host: event.host))
        correlate(&event, pod: pod, source: source, digest: EventMessageAggregator.digest(event.message))
    }

    /// ``correlate(_:pod:)`` for an event of a known source (``sourceIndex(_:)`` of its
    /// component and host) whose message has `digest`.
    mutating func correlate(_ event: inout KubeEvent, pod: PodID?, source: Int, digest: UInt64) {
        var hints = Hints()
        correlate(&event, pod: pod, source: source, digest: digest, hints: &hints)
    }

    /// ``correlate(_:pod:source:digest:)`` that tries the entries at `hints` first and leaves
    /// there the entries of this event's group and object.
    mutating func correlate(_ event: inout KubeEvent, pod: PodID?, source: Int, digest: UInt64, hints: inout Hints) {
        let object: Int64
        if let pod {
            object = Int64(pod.value)
        } else {
            let name = ObjectName(kind: event.kind, namespace: event.namespace, name: event.name)
            if let known = objects[name] {
                object = known
            } else {
                object = -1 - Int64(objects.count)
                objects[name] = object
            }
        }
        let key = TypeAndReason(type: event.type, reason: event.reason)
        let reason: Int32
        if let last = lastReason, last.key == key {
            reason = last.index
        } else if let known = reasons[key] {
            reason = known
        } else {
            reason = Int32(reasons.count)
            reasons[key] = reason
        }
        lastReason = (key, reason)
        let time = event.time
        let combine = caches[source].groups.update(
            GroupKey(object: object, typeAndReason: reason).packed, hint: &hints.group,
            orInsert: { MessageGroup(at: time) }
        ) {
            $0.observe(digest, at: time)
        }
        if combine {
            event.message = EventMessageAggregator.prefix + event.message
            event.isCombined = true
        }
        event.isRecorded = caches[source].buckets.tryAccept(object, at: time, hint: &hints.bucket)
    }

    /// The index of `source`'s caches, created on its first event.
    mutating func sourceIndex(_ source: Source) -> Int {
        if let known = sources[source] { return known }
        let index = caches.count
        sources[source] = index
        caches.append(SourceCaches())
        return index
    }
}
