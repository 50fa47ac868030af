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

    private var sources: [Source: Int] = [:]
    private var objects: [ObjectName: Int64] = [:]
    private var reasons = FewKeys<EventTypeAndReason>()
    /// The last type-and-reason looked up and its index: runs of one reason (a crash loop's
    /// `BackOff` every requeue) skip hashing the reason; the reason's text is usually the same
    /// literal, so the comparison is one word.
    private var lastReason: (key: EventTypeAndReason, index: Int32)?
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
        let object: Int64
        if let pod {
            object = Self.object(pod)
        } else {
            let name = ObjectName(kind: event.kind, namespace: event.namespace, name: event.name)
            if let known = objects[name] {
                object = known
            } else {
                object = -1 - Int64(objects.count)
                objects[name] = object
            }
        }
        var hints = Hints()
        let marks = marks(
            type: event.type, reason: event.reason, object: object, source: source, digest: digest, at: event.time,
            hints: &hints)
        if marks.isCombined { event.message = EventMessageAggregator.prefix + event.message }
        event.isCombined = marks.isCombined
        event.isRecorded = marks.isRecorded
    }

    /// The correlator's object id of a pod.
    static func object(_ pod: PodID) -> Int64 { Int64(pod.value) }

    /// What the correlator does to an event of `type` and `reason` about `object` (a pod's
    /// ``object(_:)``) from `source`, whose message has `digest`, at `time`: whether its message
    /// is combined and whether it is written. The caches are updated as ``correlate(_:pod:)``
    /// does; `hints` are tried first and left at this event's group and bucket. A recorder
    /// that knows the object builds its event once, with the marks, instead of building it and
    /// rewriting it in place.
    mutating func marks(
        type: EventType, reason: String, object: Int64, source: Int, digest: UInt64, at time: SimulationTime,
        hints: inout Hints
    ) -> KubeEvent.Marks {
        let key = EventTypeAndReason(type: type, reason: reason)
        let index: Int32
        if let last = lastReason, last.key == key {
            index = last.index
        } else {
            index = Int32(reasons.number(key))
        }
        lastReason = (key, index)
        let combine = caches[source].groups.update(
            GroupKey(object: object, typeAndReason: index).packed, hint: &hints.group,
            orInsert: { MessageGroup(at: time) }
        ) {
            $0.observe(digest, at: time)
        }
        let record = caches[source].buckets.tryAccept(object, at: time, hint: &hints.bucket)
        return KubeEvent.Marks(isCombined: combine, isRecorded: record)
    }

    /// Starts loading the aggregation group and spam-filter bucket that an event of `source`
    /// with `hints` is about to read (a crash loop's blocked requeue: both are cold).
    /// `mutating` only so that callers reach it in place: a read of the cluster's correlator
    /// to call a non-mutating method copied it (a retain of each of its tables).
    mutating func prefetch(source: Int, hints: Hints) {
        guard source < caches.count else { return }
        caches[source].groups.prefetch(hints.group)
        caches[source].buckets.prefetch(hints.bucket)
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

extension KubeEvent {
    /// The correlator's marks on an event (``EventCorrelator/marks(type:reason:object:source:digest:at:hints:)``).
    struct Marks {
        var isCombined: Bool
        var isRecorded: Bool
    }

    /// An event with the correlator's `marks`: a combined one carries the aggregator's prefix.
    init(
        time: SimulationTime, type: EventType, reason: String, message: String, kind: String, namespace: String,
        name: String, fieldPath: String?, component: String, host: String?, involvedPod: PodID, marks: Marks
    ) {
        self.init(
            time: time, type: type, reason: reason,
            message: marks.isCombined ? EventMessageAggregator.prefix + message : message, kind: kind,
            namespace: namespace, name: name, fieldPath: fieldPath, component: component, host: host)
        isCombined = marks.isCombined
        isRecorded = marks.isRecorded
        self.involvedPod = involvedPod
    }
}
