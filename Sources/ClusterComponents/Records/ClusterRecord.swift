import SimulationCore

/// The typed event stream of a run: what outputs consume (the simulation's "watch").
public enum ClusterRecord: Sendable {
    /// A Kubernetes Event (`kubectl get events`), not aggregated.
    case event(KubeEvent)
    /// A pod was created.
    case podCreated(PodID)
    /// A pod's status, binding or deletion state changed.
    case podUpdated(PodID)
    /// A pod object was removed from the API.
    case podRemoved(PodID)
    /// A node was added, changed condition, or was removed.
    case nodeUpdated(NodeID)
    /// A scheduling attempt finished (for latency and attempt statistics).
    case schedulingAttempt(PodID, scheduled: Bool)
}

/// A Kubernetes Event as it would be recorded (`events.k8s.io`/`v1.Event`).
public struct KubeEvent: Hashable, Sendable {
    /// When it happened.
    public var time: SimulationTime
    /// `Normal` or `Warning`.
    public var type: EventType
    /// `Scheduled`, `Pulling`, `BackOff`, …
    public var reason: String
    /// The message, worded as the real component words it.
    public var message: String
    /// Kind of the involved object (`Pod`, `Node`, `Deployment`, …).
    public var kind: String
    /// Namespace of the involved object ("" for cluster-scoped objects).
    public var namespace: String
    /// Name of the involved object.
    public var name: String
    /// `spec.containers{app}` and the like.
    public var fieldPath: String?
    /// `default-scheduler`, `kubelet`, `replicaset-controller`, …
    public var component: String
    /// Node name for kubelet events.
    public var host: String?
    /// Whether the event reached the API server: false when its source's spam filter dropped
    /// it (see ``Cluster/recordEvent(_:_:_:pod:fieldPath:component:host:)``). Dropped events
    /// still count in the source's deduplication (client-go's `eventObserve` runs before the
    /// filter), so the next written copy carries their count.
    public var isRecorded = true
    /// The message was rewritten to `(combined from similar events): …` by the source's
    /// aggregator (10 distinct messages of one type and reason about one object within 10
    /// minutes); such events update one Event object whatever their message.
    public var isCombined = false
    /// The involved pod (`involvedObject.uid` of a pod's Event), set when the event is
    /// recorded: a consumer that reads the event later, on another thread, finds the pod
    /// without looking it up by name in a store that has moved on. `nil` for other kinds.
    public var involvedPod: PodID?

    /// Creates an event.
    public init(
        time: SimulationTime, type: EventType, reason: String, message: String, kind: String,
        namespace: String, name: String, fieldPath: String? = nil, component: String, host: String? = nil
    ) {
        self.time = time
        self.type = type
        self.reason = reason
        self.message = message
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.fieldPath = fieldPath
        self.component = component
        self.host = host
    }
}

/// Event type.
public enum EventType: String, Hashable, Sendable {
    case normal = "Normal"
    case warning = "Warning"
}

/// Receives the records of a run. Sinks are few and records are much rarer than engine
/// events, so a protocol existential is fine here.
public protocol ClusterRecordSink: AnyObject {
    /// Called for every record, in order, while the run goes on; the cluster's state is the
    /// state just after the change.
    func consume(_ record: ClusterRecord, in cluster: ClusterView)

    /// The reasons of the events the spam filter dropped (``KubeEvent/isRecorded`` false) that
    /// this sink reads; `nil`, the default: every dropped event (kubectl's views count each
    /// occurrence). A dropped event that no sink reads is only counted
    /// (``Cluster/droppedEvents``), not built and emitted.
    var droppedEventReasons: [String]? { get }
}

extension ClusterRecordSink {
    public var droppedEventReasons: [String]? { nil }
}

/// Which events the spam filter dropped the sinks read (``ClusterRecordSink/droppedEventReasons``):
/// all of them when one sink reads all, else the union of the reasons the sinks name. The
/// spam filter drops nearly all of a crash loop's `BackOff` events (one is written every
/// 5 minutes of its requeues every 10 s); the file sinks read none of them.
struct DroppedEventReaders {
    private var readsAll = false
    private var reasons: [String] = []
    /// Bit `b & 63` is set for the first byte `b` of each reason named: a reason whose first
    /// byte is not in it is ruled out without a string comparison (a crash loop's `BackOff`,
    /// dropped 14 times in 15, against `Pulling` and `Evicted` of the same length).
    private var initials: UInt64 = 0

    /// Adds what one more sink reads.
    mutating func add(_ sinkReasons: [String]?) {
        guard let sinkReasons else {
            readsAll = true
            return
        }
        for reason in sinkReasons where !reasons.contains(reason) {
            reasons.append(reason)
            initials |= Self.initialBit(reason)
        }
    }

    /// Whether some sink reads a dropped event of `reason`.
    /// - Complexity: O(1) for a reason whose first byte no named reason has, else O(reasons
    ///   named), a length compared first.
    func read(_ reason: String) -> Bool {
        if readsAll { return true }
        guard initials & Self.initialBit(reason) != 0 else { return false }
        return reasons.contains { $0.hasSameText(as: reason) }
    }

    private static func initialBit(_ reason: String) -> UInt64 {
        guard let first = reason.utf8.first else { return 1 }
        return 1 << UInt64(first & 63)
    }
}
