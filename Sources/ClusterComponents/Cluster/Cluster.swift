import KubeModel
import SimulationCore
import Stochastics

/// A simulated cluster: the engine, the API store, and the components that react to it.
///
/// Components are `final class`es owned here and driven by ``handle(_:)``; they schedule
/// their timers through ``schedule(_:after:priority:)`` and write objects through the store
/// methods below, which emit the typed ``ClusterRecord`` stream that outputs consume.
/// Single-threaded: one cluster is one run.
public final class Cluster {
    /// Run settings.
    public let configuration: ClusterConfiguration
    /// The engine.
    public var simulation: Simulation<ClusterEvent>
    /// The API server's objects.
    public internal(set) var api = APIStore()
    /// Seeded per-component random streams.
    public let streams: RandomStreams
    /// The scheduler (several profiles inside).
    public internal(set) var scheduler: Scheduler!
    /// One kubelet per node, indexed by ``NodeID``.
    public private(set) var kubelets: [Kubelet] = []
    /// ``kubelets`` without their ownership, for dispatching events: calling a kubelet read
    /// from ``kubelets`` retains and releases it, and at 5,000 nodes the retain was the first
    /// touch of a kubelet's object, a cache miss stalled on an atomic write (1.5% of the full
    /// envelope). ``kubelets`` keeps every kubelet alive as long as the cluster.
    private var kubeletHandles: [Unmanaged<Kubelet>] = []
    /// ``scheduler`` and ``controllers`` without their ownership, for the same reason: a
    /// retain and a release of each for every event it handles (0.8% of the full envelope's
    /// samples). Set once, with them, in ``init(configuration:)``.
    private var schedulerHandle: Unmanaged<Scheduler>!
    private var controllersHandle: Unmanaged<ControllerManager>!

    /// Calls `body` with the stored pod `id`, to be read in place (`pod.pointee.status.phase`).
    /// `api[id]` bound to a name or passed on, even to a `borrowing` parameter or as the `self`
    /// of a method of another module, copies the whole ``PodObject`` (a retain and a release of
    /// each of its strings and arrays). The pointer is valid only inside `body`, which must not
    /// write to the store.
    @inlinable public func withPod<R>(_ id: PodID, _ body: (UnsafePointer<PodObject>) -> R) -> R {
        api.pods.withUnsafeBufferPointer { body($0.baseAddress.unsafelyUnwrapped + id.value) }
    }

    /// Adds the kubelet of the next node.
    func addKubelet(_ kubelet: Kubelet) {
        kubelets.append(kubelet)
        kubeletHandles.append(Unmanaged.passUnretained(kubelet))
    }
    /// Controllers (ReplicaSet, Deployment, Job, node lifecycle).
    public internal(set) var controllers: ControllerManager!
    /// The metrics pipeline (metrics-server) the HorizontalPodAutoscalers read; idle until an
    /// autoscaler or a traffic source starts it.
    public internal(set) var metricsServer: MetricsServer!
    /// The Cluster Autoscaler, when the run has node groups (``enableClusterAutoscaler(options:groups:)``).
    public internal(set) var clusterAutoscaler: ClusterAutoscaler?
    /// Consumers of the record stream.
    public private(set) var sinks: [any ClusterRecordSink] = []
    /// ``sinks`` as ``emit(_:)`` calls them, without retaining each for every record.
    private var sinkSlots: [RecordSinkSlot] = []
    /// Which dropped events the sinks read.
    private var droppedEventReaders = DroppedEventReaders()
    /// Events the spam filter dropped (client-go's correlator skipped them): `spamFiltered` in
    /// the run's summary. Those no sink reads are counted here and never built.
    public private(set) var droppedEvents = 0
    /// When the last record was emitted, or an unread dropped event counted (a change, for a
    /// run that ends when the cluster is quiescent).
    public private(set) var lastRecordAt = SimulationTime.zero
    /// The event recorders' correlators (one per component and kubelet): message aggregation,
    /// then the spam filter (client-go `EventCorrelate`).
    var eventCorrelator = EventCorrelator()
    /// Whether kubelets repeat a crash loop's blocked sync without working it out again
    /// (``Kubelet/repeatBlockedSync(_:)``); off only in the test that compares the two.
    var kubeletsRepeatBlockedSyncs = true
    /// Handles ``ClusterEvent/external(_:)`` events (scenario actions, workload arrivals).
    public var externalHandler: ((Int, Cluster) -> Void)?
    /// Handles ``ClusterEvent/sample`` events.
    public var sampleHandler: ((Cluster) -> Void)?
    /// Decides what a container does (from the Scenario's behaviours); the default runs forever.
    public var behaviorProvider: (PodObject, ContainerRef) -> ContainerBehavior = { _, _ in .default }
    /// The image registry's catalogue (sizes, failures).
    public var registry = ImageRegistry()
    /// The stream that draws generated names.
    var nameSource: RandomSource
    /// The ServiceAccount admission plugin (its token volumes' names are drawn per run).
    var serviceAccountAdmission: ServiceAccountAdmission
    /// The Service registry's cluster IP and node port allocators.
    var serviceAllocators: ServiceAllocators
    /// Engine events handled by ``run(until:)`` so far.
    public var eventsProcessed: UInt64 { simulation.eventsProcessed }

    /// Creates an empty cluster (no nodes, no pods).
    public init(configuration: ClusterConfiguration) {
        self.configuration = configuration
        self.simulation = Simulation(capacity: 4096)
        self.streams = RandomStreams(seed: configuration.seed)
        self.nameSource = streams.stream(named: "apiserver/names")
        self.serviceAccountAdmission = ServiceAccountAdmission(streams: streams)
        self.serviceAllocators = ServiceAllocators(streams: streams)
        self.scheduler = Scheduler(cluster: self)
        self.controllers = ControllerManager(cluster: self)
        self.schedulerHandle = Unmanaged.passUnretained(scheduler)
        self.controllersHandle = Unmanaged.passUnretained(controllers)
        self.metricsServer = MetricsServer(cluster: self)
        // The namespaces every cluster has (kube-apiserver's system namespaces controller).
        for name in APIResource.builtInNamespaces {
            var metadata = ObjectMeta()
            metadata.name = name
            store(.namespace(Namespace(metadata: metadata)), namespace: nil)
        }
        createDefaultService()
    }

    /// The current virtual time.
    public var now: SimulationTime { simulation.now }

    /// Adds a consumer of the record stream.
    public func addSink(_ sink: any ClusterRecordSink) {
        sinks.append(sink)
        sinkSlots.append(RecordSinkSlot(sink))
        droppedEventReaders.add(sink.droppedEventReasons)
    }

    // MARK: - Scheduling engine events

    /// Schedules a component's event after `delay`.
    @discardableResult
    public func schedule(
        _ event: ClusterEvent, after delay: SimulationDuration, priority: EventPriority = .normal
    ) -> EventID {
        simulation.schedule(event, after: max(delay, .zero), priority: priority)
    }

    /// Schedules a component's event at an absolute time (clamped to now).
    @discardableResult
    public func schedule(_ event: ClusterEvent, at time: SimulationTime, priority: EventPriority = .normal) -> EventID {
        simulation.schedule(event, at: max(time, now), priority: priority)
    }

    /// Cancels a pending event; harmless if it already fired.
    public func cancel(_ id: EventID?) {
        if let id { simulation.cancel(id) }
    }

    /// Set by a component (or a stop predicate) to end the run after the current event.
    public var stopRequested = false

    /// Runs until `stop`, dispatching every event to its component.
    ///
    /// The loop steps with ``Simulation/nextEvent(_:)`` (the engine's one implementation of the
    /// stopping rules) rather than handing `self` to `Simulation.run`, so that handlers can
    /// schedule into `simulation` without overlapping access.
    /// - Parameters:
    ///   - stop: when the run ends.
    ///   - interrupted: asked every 16,384 events (a Ctrl-C flag); `true` ends the run with
    ///     ``StopReason/handlerRequested``.
    @discardableResult
    public func run(until stop: StopCondition, interrupted: () -> Bool = { false }) -> StopReason {
        stopRequested = false
        var progress = RunProgress(stop)
        var untilCheck = 16_384
        while let next = simulation.nextEvent(&progress) {
            handle(next.event)
            if stopRequested { return .handlerRequested }
            untilCheck -= 1
            if untilCheck == 0 {
                untilCheck = 16_384
                if interrupted() { return .handlerRequested }
            }
        }
        return progress.reason ?? .exhausted
    }

    /// Routes one event to the component that owns it.
    func handle(_ event: ClusterEvent) {
        switch event {
        case .scheduler(let event): schedulerHandle._withUnsafeGuaranteedRef { $0.handle(event) }
        case .kubelet(let node, let event): kubeletHandles[node.value]._withUnsafeGuaranteedRef { $0.handle(event) }
        case .controller(let event): controllersHandle._withUnsafeGuaranteedRef { $0.handle(event) }
        case .external(let index): externalHandler?(index, self)
        case .sample: sampleHandler?(self)
        case .metricsScrape: metricsServer.scrape()
        case .clusterAutoscaler(let event): clusterAutoscaler?.handle(event)
        }
    }

    // MARK: - Records

    /// Emits a record to every sink.
    public func emit(_ record: ClusterRecord) {
        lastRecordAt = now
        let view = ClusterView(self)
        sinkSlots.withUnsafeBufferPointer { slots in
            for slot in slots { slot.consume(record, in: view) }
        }
    }

    /// Records a Kubernetes Event about a pod, through its source's spam filter (client-go
    /// `EventCorrelator`: an event past the per-object burst is marked not recorded).
    public func recordEvent(
        _ type: EventType, _ reason: String, _ message: String, pod: PodID, fieldPath: String? = nil,
        component: String, host: String? = nil
    ) {
        var source: Int?  // looked up by name for this one event
        var hints = EventCorrelator.Hints()
        recordEvent(
            type, reason, message, pod: pod, fieldPath: fieldPath, component: component, host: host,
            source: &source, hints: &hints, digest: nil)
    }

    /// Records a Kubernetes Event about any object (through the correlator, as above).
    public func recordEvent(
        _ type: EventType, _ reason: String, _ message: String, kind: String, namespace: String, name: String,
        component: String, host: String? = nil
    ) {
        var event = KubeEvent(
            time: now, type: type, reason: reason, message: message, kind: kind, namespace: namespace, name: name,
            component: component, host: host)
        // A pod named by its names is the live pod of that name: its id goes on the event, and it
        // keys the correlator's caches as the id of an event recorded by pod does (client-go keys
        // them by the involved object, uid included: events_cache.go getSpamKey, EventAggregatorByReasonFunc).
        if kind == "Pod" { event.involvedPod = api.podID(namespace: namespace, name: name) }
        eventCorrelator.correlate(&event, pod: event.involvedPod)
        if !event.isRecorded, !noteDropped(reason) { return }
        emit(.event(event))
    }

    /// Records a pod Event from a recorder that keeps its correlator `source` index (looked up
    /// on its first event, when nil), the pod's correlator `hints`, and, for a message it sends
    /// again and again (a crash loop's `BackOff`), the message's `digest`: the same event as
    /// the other `recordEvent` without the lookups by name.
    ///
    /// The message (when a digest is given) and the field path are read only for an event that
    /// is emitted: a crash loop's `BackOff` every 10 s is dropped 14 times in 15, and reading
    /// its cached strings touched two cold objects (their reference counts) each time.
    func recordEvent(
        _ type: EventType, _ reason: String, _ message: @autoclosure () -> String, pod: PodID,
        fieldPath: @autoclosure () -> String?, component: String, host: String?, source: inout Int?,
        hints: inout EventCorrelator.Hints, digest: UInt64?
    ) {
        let index: Int
        if let source {
            index = source
        } else {
            index = eventCorrelator.sourceIndex(EventCorrelator.Source(component: component, host: host))
            source = index
        }
        // Without a digest the message is built once, for the digest and the event.
        var built: String?
        let messageDigest: UInt64
        if let digest {
            messageDigest = digest
        } else {
            let text = message()
            built = text
            messageDigest = EventMessageAggregator.digest(text)
        }
        let marks = eventCorrelator.marks(
            type: type, reason: reason, object: EventCorrelator.object(pod), source: index, digest: messageDigest,
            at: now, hints: &hints)
        if !marks.isRecorded, !noteDropped(reason) { return }
        // Built once with its marks (no copy rewritten in place); field reads, not a copy of the
        // whole pod object: events are the most frequent record.
        emit(
            .event(
                KubeEvent(
                    time: now, type: type, reason: reason, message: built ?? message(), kind: "Pod",
                    namespace: api.pods[pod.value].namespace, name: api.pods[pod.value].name, fieldPath: fieldPath(),
                    component: component, host: host, involvedPod: pod, marks: marks)))
    }

    /// Counts an event the spam filter dropped.
    /// - Returns: whether some sink reads it (it is then emitted); one no sink reads changes
    ///   nothing but the count and the time of the last change, as an emitted record would.
    private func noteDropped(_ reason: String) -> Bool {
        droppedEvents += 1
        if droppedEventReaders.read(reason) { return true }
        lastRecordAt = now
        return false
    }
}
