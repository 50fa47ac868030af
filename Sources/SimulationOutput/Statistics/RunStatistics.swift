import ClusterComponents
import KubeModel
import SimulationCore

/// Accumulates the statistics of a run from the record stream and produces a ``RunSummary``.
///
/// Per-pod bookkeeping lives in arrays indexed by ``PodID``; each record costs O(containers
/// of that pod). Resource sums come from a ``ClusterLedger``. ``summary(cluster:scenarioName:engine:)``
/// walks the pods once at the end of the run.
///
/// **Pod startup SLO.** The Kubernetes SLO (sig-scalability `pod_startup_latency.md`, kubelet
/// metric `pod_start_sli_duration_seconds`) measures creation → all containers running and
/// observed, excluding image pulls and init containers. As the kubelet's
/// `podStartupLatencyTracker` (k/k pkg/kubelet/util/pod_startup_latency_tracker.go,
/// `ObservedPodOnWatch`) does, the pull time subtracted is the window from the first
/// `Pulling` to the last successful `Pulled` of the pod: the pulls on its critical path,
/// including waiting in the pull queue and back-off between failed attempts. The init window
/// (first start to last successful exit of the regular init containers) is subtracted too;
/// where the two windows overlap, their union is subtracted once.
public final class RunStatistics: ClusterRecordSink {
    struct PodTrack {
        var bound = false
        var startupObserved = false
        /// Succeeded or Failed, when reached before any deletion, eviction or preemption: the
        /// pod finished by its containers' own exit.
        var finished: PodPhase?
        var deletionRequested = false
        var crashLoop = false
        var evicted = false
        var preempted = false
        var restarts = 0
        var unschedulableSince: Int64 = -1
        var unschedulableTotal: Int64 = 0
        var everUnschedulable = false
        var firstPullStart: Int64 = -1
        var lastPullEnd: Int64 = -1
        var firstInitStart: Int64 = -1
        var lastInitEnd: Int64 = -1
    }

    struct PullKey: Hashable {
        var pod: PodID
        var fieldPath: String
    }

    /// The ledger of resource sums and phase counts (shared with ``MetricsSampler``).
    public let ledger: ClusterLedger
    private let drivesLedger: Bool
    var tracks: [PodTrack] = []
    private var pullsInFlight: [PullKey: SimulationTime] = [:]
    var scheduling = LatencyRecorder()
    /// Binding durations, and whether any took time (else the summary leaves them out).
    var binding = LatencyRecorder()
    var bindingTookTime = false
    var startupSLO = LatencyRecorder()
    var startup = LatencyRecorder()
    var imagePull = LatencyRecorder()
    var imagePullIncludingWaiting = LatencyRecorder()
    /// Receives each pod startup for the kubelets' start histograms (`metrics.om`, `/metrics`).
    public var metricsRegistry: MetricsRegistry?
    private var evictionReasons: [String: Int] = [:]
    private var eventCount = 0
    private var warningCount = 0
    /// Recorded events by type and reason (joined as `Type/Reason` in the summary): counts by
    /// ``eventReasonKeys`` number.
    private var eventReasons: [Int] = []
    private var eventReasonKeys = FewKeys<EventTypeAndReason>()

    /// Statistics reading `ledger`, which the caller attaches to the cluster before this sink.
    public init(ledger: ClusterLedger) {
        self.ledger = ledger
        self.drivesLedger = false
    }

    /// Statistics with their own ledger, fed by this sink.
    public convenience init() {
        self.init(ownLedger: ClusterLedger())
    }

    private init(ownLedger: ClusterLedger) {
        self.ledger = ownLedger
        self.drivesLedger = true
    }

    /// The pull timings use every occurrence, as do the pod tracks' evictions and preemptions
    /// (``eventRecorded(_:_:)``); the cluster counts the dropped events
    /// (``Cluster/droppedEvents``).
    public var droppedEventReasons: [String]? { ["Pulling", "Pulled", "Preempted", "TaintManagerEviction", "Evicted"] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        if drivesLedger { ledger.consume(record, in: cluster) }
        switch record {
        case .podCreated(let id):
            while tracks.count <= id.value { tracks.append(PodTrack()) }
            podChanged(id, cluster)
        case .podUpdated(let id): podChanged(id, cluster)
        case .podRemoved(let id): podRemoved(id, cluster)
        case .event(let event): eventRecorded(event, cluster)
        case .nodeUpdated, .schedulingAttempt: break
        }
    }

    // MARK: - Pods

    private func podChanged(_ id: PodID, _ cluster: ClusterView) {
        guard id.value < tracks.count else { return }
        // The stored pod is borrowed, not copied (ClusterView.withPod).
        cluster.withPod(id) { podChanged(id, $0, at: cluster.now) }
    }

    private func podChanged(_ id: PodID, _ object: UnsafePointer<PodObject>, at now: SimulationTime) {
        var track = tracks[id.value]

        if !track.bound, object.pointee.nodeID != nil {
            track.bound = true
            let boundAt = object.pointee.boundAt ?? now
            scheduling.record(boundAt - object.pointee.createdAt)
            let bindingDuration = boundAt - (object.pointee.bindingStartedAt ?? boundAt)
            binding.record(bindingDuration)
            if bindingDuration > .zero { bindingTookTime = true }
        }
        if object.pointee.deletionTimestamp != nil { track.deletionRequested = true }

        // Unschedulable time: PodScheduled=False intervals.
        let unschedulable =
            object.pointee.status.conditions.state(ofType: "PodScheduled")?.status == .false
            && !object.pointee.isRemoved
        if unschedulable, track.unschedulableSince < 0 {
            track.unschedulableSince = now.nanoseconds
            track.everUnschedulable = true
        } else if !unschedulable, track.unschedulableSince >= 0 {
            track.unschedulableTotal += now.nanoseconds - track.unschedulableSince
            track.unschedulableSince = -1
        }

        // Restarts and crash loops.
        let restarts =
            Self.restarts(in: object.pointee.status.initContainerStatuses, crashLoop: &track.crashLoop)
            + Self.restarts(in: object.pointee.status.containerStatuses, crashLoop: &track.crashLoop)
        track.restarts = max(track.restarts, restarts)

        // Evictions and preemptions visible in the status.
        if !track.evicted, !track.preempted {
            if object.pointee.status.reason == "Evicted" {
                markEvicted(&track, reason: Self.kubeletEvictionReason(object.pointee.status.message ?? ""))
            } else if let index = object.pointee.status.conditions.index(ofType: "DisruptionTarget"),
                object.pointee.status.conditions.state(at: index).status == .true
            {
                let target = object.pointee.status.conditions[index]
                classifyDisruption(&track, reason: target.reason ?? "", message: target.message ?? "")
            }
        }
        // A terminal phase counts as the pod's own outcome only when nothing stopped it first
        // (a kubelet eviction sets Failed in the same update that says Evicted).
        if track.finished == nil, object.pointee.status.phase.isTerminal, !track.deletionRequested,
            !track.evicted, !track.preempted, !object.pointee.isRemoved
        {
            track.finished = object.pointee.status.phase
        }

        if !track.startupObserved { observeStartup(&track, object, now) }
        tracks[id.value] = track
    }

    /// The restart counts of `statuses` summed, noting in `crashLoop` one waiting in
    /// CrashLoopBackOff. Read in the buffer: `for container in statuses` copied each status
    /// record out (its strings retained and released) on every update of every pod.
    static func restarts(in statuses: [ContainerStatusRecord], crashLoop: inout Bool) -> Int {
        statuses.withUnsafeBufferPointer { buffer in
            var total = 0
            for i in buffer.indices {
                total += buffer[i].restartCount
                if !crashLoop, case .waiting(let reason, _) = buffer[i].state, reason == "CrashLoopBackOff" {
                    crashLoop = true
                }
            }
            return total
        }
    }

    /// Pod startup: the first update showing every regular container running.
    private func observeStartup(_ track: inout PodTrack, _ object: UnsafePointer<PodObject>, _ now: SimulationTime) {
        // Regular init containers' window (sidecars keep running and are not "init time").
        let initContainers = object.pointee.pod.spec.initContainers ?? []
        for (index, container) in object.pointee.status.initContainerStatuses.enumerated()
        where index < initContainers.count && !initContainers[index].isSidecar {
            var started: SimulationTime?
            switch container.state {
            case .running(let at): started = at
            case .terminated(let termination):
                started = termination.startedAt
                if termination.exitCode == 0 {
                    track.lastInitEnd = max(track.lastInitEnd, termination.finishedAt.nanoseconds)
                }
            case .waiting: started = container.lastTermination?.startedAt
            }
            if let started, track.firstInitStart < 0 || started.nanoseconds < track.firstInitStart {
                track.firstInitStart = started.nanoseconds
            }
        }
        let containers = object.pointee.pod.spec.containers
        guard !containers.isEmpty, object.pointee.status.containerStatuses.count == containers.count,
            object.pointee.status.containerStatuses.allSatisfy(\.state.isRunning)
        else { return }
        track.startupObserved = true
        let total = now - object.pointee.createdAt
        startup.record(total)
        let excluded = Self.unionLength(
            (track.firstPullStart, track.lastPullEnd), (track.firstInitStart, track.lastInitEnd))
        let slo = SimulationDuration(nanoseconds: max(0, total.nanoseconds - excluded))
        startupSLO.record(slo)
        metricsRegistry?.observePodStartup(node: object.pointee.nodeID, sli: slo)
    }

    /// Length of the union of two closed intervals; an interval with a negative bound is absent.
    static func unionLength(_ a: (Int64, Int64), _ b: (Int64, Int64)) -> Int64 {
        let hasA = a.0 >= 0 && a.1 >= a.0, hasB = b.0 >= 0 && b.1 >= b.0
        switch (hasA, hasB) {
        case (false, false): return 0
        case (true, false): return a.1 - a.0
        case (false, true): return b.1 - b.0
        case (true, true):
            if a.1 < b.0 || b.1 < a.0 { return (a.1 - a.0) + (b.1 - b.0) }
            return max(a.1, b.1) - min(a.0, b.0)
        }
    }

    private func podRemoved(_ id: PodID, _ cluster: ClusterView) {
        guard id.value < tracks.count else { return }
        podChanged(id, cluster)
    }

    // MARK: - Evictions

    private func markEvicted(_ track: inout PodTrack, reason: String) {
        track.evicted = true
        evictionReasons[reason, default: 0] += 1
    }

    /// `DisruptionTarget` reasons (k/k pkg/apis/core/types.go `PodReasonPreemptionByScheduler`,
    /// `PodReasonDeletionByTaintManager`, `PodReasonEvictionByEvictionAPI`,
    /// `PodReasonTerminationByKubelet`, `PodReasonDeletionByPodGC`).
    private func classifyDisruption(_ track: inout PodTrack, reason: String, message: String) {
        switch reason {
        case "PreemptionByScheduler": track.preempted = true
        case "DeletionByTaintManager": markEvicted(&track, reason: "TaintManagerEviction")
        case "EvictionByEvictionAPI": markEvicted(&track, reason: "EvictionAPI")
        case "TerminationByKubelet": markEvicted(&track, reason: Self.kubeletEvictionReason(message))
        default: break
        }
    }

    /// Classifies a kubelet eviction message (k/k pkg/kubelet/eviction/helpers.go
    /// `nodeLowMessageFmt`, `emptyDirMessageFmt`, `podEphemeralStorageMessageFmt`,
    /// `containerEphemeralStorageMessageFmt`).
    static func kubeletEvictionReason(_ message: String) -> String {
        let lowPrefix = "The node was low on resource: "
        if message.hasPrefix(lowPrefix) {
            let rest = message.dropFirst(lowPrefix.count)
            let resource = rest.prefix { $0 != "." && $0 != " " }
            return "NodePressure:" + resource
        }
        if message.hasPrefix("Usage of EmptyDir volume") { return "EmptyDirLimit" }
        if message.hasPrefix("Pod ephemeral local storage usage exceeds") { return "PodEphemeralStorageLimit" }
        if message.hasPrefix("Container ") && message.contains("exceeded its local ephemeral storage limit") {
            return "ContainerEphemeralStorageLimit"
        }
        return "Evicted"
    }

    // MARK: - Events

    private func eventRecorded(_ event: KubeEvent, _ cluster: ClusterView) {
        // Counts are of what reached the API; pull timings below use every occurrence.
        if event.isRecorded {
            eventCount += 1
            if event.type == .warning { warningCount += 1 }
            let reason = eventReasonKeys.number(EventTypeAndReason(type: event.type, reason: event.reason))
            if reason == eventReasons.count { eventReasons.append(0) }
            eventReasons[reason] += 1
        }
        // Only these reasons touch a pod's track; the rest (BackOff, Created, Started…, most
        // events) need no pod lookup. Their first letter rules most out without the five string
        // comparisons (a crash loop's `BackOff` comes every 10 s).
        guard let initial = event.reason.utf8.first,
            initial == UInt8(ascii: "P") || initial == UInt8(ascii: "T") || initial == UInt8(ascii: "E")
        else { return }
        switch event.reason {
        case "Pulling", "Pulled", "Preempted", "TaintManagerEviction", "Evicted": break
        default: return
        }
        // The event's own pod (involvedObject.uid), while it is in the API: what looking it up
        // by name found, without building the key and hashing it.
        guard let id = event.involvedPod, id.value < tracks.count, !cluster.api[id].isRemoved
        else { return }
        var track = tracks[id.value]
        defer { tracks[id.value] = track }
        switch event.reason {
        case "Pulling":
            // kubelet events.PullingImage: `Pulling image "<img>"`.
            let key = PullKey(pod: id, fieldPath: event.fieldPath ?? "")
            pullsInFlight[key] = event.time
            if !track.startupObserved, track.firstPullStart < 0 { track.firstPullStart = event.time.nanoseconds }
        case "Pulled":
            // Only a real pull: `Successfully pulled image "<img>" in 1.561s (2s including waiting). …`;
            // "already present on machine" is not a pull.
            guard event.message.hasPrefix("Successfully pulled") else { return }
            let key = PullKey(pod: id, fieldPath: event.fieldPath ?? "")
            if let started = pullsInFlight.removeValue(forKey: key) {
                imagePullIncludingWaiting.record(event.time - started)
            }
            if let pure = Self.pullDuration(event.message) { imagePull.record(pure) }
            if !track.startupObserved { track.lastPullEnd = max(track.lastPullEnd, event.time.nanoseconds) }
        case "Preempted":
            if !track.preempted, !track.evicted { track.preempted = true }
        case "TaintManagerEviction":
            if !track.preempted, !track.evicted { markEvicted(&track, reason: "TaintManagerEviction") }
        case "Evicted":
            if !track.preempted, !track.evicted {
                markEvicted(&track, reason: Self.kubeletEvictionReason(event.message))
            }
        default: break
        }
    }

    /// What precedes the pull time in a `Pulled` message: the image's closing quote and ` in `.
    private static let pullDurationMarker = Array("\" in ".utf8)

    /// The pull time in a `Pulled` message: the Go duration after `" in "`
    /// (k/k pkg/kubelet/images/image_manager.go: `Successfully pulled image %q in %v (%v including waiting)`).
    static func pullDuration(_ message: String) -> SimulationDuration? {
        // A byte search: Foundation's `range(of:)` cost about 12,000 instructions a message, and
        // the standard library's `utf8.firstRange(of:)` (a generic Z-algorithm search, not
        // specialised here) about 93,000.
        let utf8 = message.utf8
        let marker = Self.pullDurationMarker
        var index = utf8.startIndex
        while index < utf8.endIndex, !utf8[index...].starts(with: marker) { index = utf8.index(after: index) }
        guard index < utf8.endIndex else { return nil }
        let rest = message[utf8.index(index, offsetBy: marker.count)...]
        let text = rest.prefix { $0 != " " && $0 != "(" }
        guard let duration = try? GoDuration(parsing: String(text)) else { return nil }
        return SimulationDuration(nanoseconds: duration.nanoseconds)
    }

    // MARK: - Summary

    /// The summary at the cluster's current time.
    /// - Complexity: O(pods log pods + nodes × resources), once.
    public func summary(cluster: Cluster, scenarioName: String, engine: EngineFigures = EngineFigures()) -> RunSummary {
        let now = cluster.now
        ledger.advance(to: now)
        var summary = RunSummary()
        summary.scenario = scenarioName
        summary.seed = cluster.configuration.seed
        summary.simulatedSeconds = now.seconds
        summary.engine = engine
        summary.autoscaling = RunSummary.Autoscaling(ClusterView(cluster))

        var pods = RunSummary.PodCounts()
        var restarts = RunSummary.Restarts()
        var perPodRestarts = LatencyRecorder()
        var unschedulable = RunSummary.Unschedulable()
        var perPodUnschedulable = LatencyRecorder()
        var unschedulableNanos: Int64 = 0
        pods.created = tracks.count
        var censored = Censored()
        for (index, track) in tracks.enumerated() {
            let object = cluster.api.pods[index]
            if track.bound {
                pods.scheduled += 1
                perPodRestarts.record(value: UInt64(track.restarts))
            }
            if track.startupObserved { pods.started += 1 }
            switch Self.outcome(track, object) {
            case .succeeded: pods.succeeded += 1
            case .failed: pods.failed += 1
            case .preempted: pods.preempted += 1
            case .evicted: pods.evicted += 1
            case .deleted: pods.deleted += 1
            case .runningAtEnd: pods.runningAtEnd += 1
            case .pendingAtEnd:
                pods.pendingAtEnd += 1
                if !track.bound { pods.neverScheduled += 1 }
            }
            censor(track, object, at: now, into: &censored)
            restarts.total += track.restarts
            if track.restarts > 0 { restarts.podsRestarted += 1 }
            if track.crashLoop { restarts.podsInCrashLoopBackOff += 1 }
            if track.everUnschedulable {
                var total = track.unschedulableTotal
                if track.unschedulableSince >= 0 { total += now.nanoseconds - track.unschedulableSince }
                unschedulable.pods += 1
                unschedulableNanos += total
                perPodUnschedulable.record(SimulationDuration(nanoseconds: total))
            }
        }
        restarts.perPod = perPodRestarts.summary(scale: 1)
        unschedulable.totalPodSeconds = DistributionSummary.round(Double(unschedulableNanos) / 1e9)
        unschedulable.perPod = perPodUnschedulable.summary()
        summary.pods = pods
        summary.restarts = restarts
        summary.unschedulable = unschedulable
        summary.latency.scheduling = scheduling.summary(censored: censored.scheduling)
        summary.latency.binding = bindingTookTime ? binding.summary() : nil
        summary.latency.podStartupSLO = startupSLO.summary(censored: censored.startupSLO)
        summary.latency.podStartup = startup.summary(censored: censored.startup)
        summary.latency.imagePull = imagePull.summary()
        summary.latency.imagePullIncludingWaiting = imagePullIncludingWaiting.summary()
        summary.evictions.byReason = evictionReasons
        summary.evictions.total = evictionReasons.values.reduce(0, +)
        summary.events.total = eventCount
        summary.events.warnings = warningCount
        summary.events.byReason = Dictionary(
            uniqueKeysWithValues: zip(eventReasonKeys.keys, eventReasons).map {
                ($0.type.rawValue + "/" + $0.reason, $1)
            })
        summary.events.spamFiltered = cluster.droppedEvents
        if cluster.api.rejectedWrites > 0 { summary.api = .init(rejectedWrites: cluster.api.rejectedWrites) }
        summary.utilization = ledger.utilization(at: now)
        summary.fragmentation = ledger.fragmentation()
        return summary
    }

    // MARK: - Outcomes and censoring

    /// What became of a pod; every pod has exactly one outcome.
    enum Outcome {
        case succeeded, failed, preempted, evicted, deleted, runningAtEnd, pendingAtEnd
    }

    /// The pod's outcome: its own Succeeded/Failed if reached before anything stopped it, else
    /// preempted, evicted, deleted (any other deletion or removal), else its phase at the end.
    static func outcome(_ track: PodTrack, _ object: PodObject) -> Outcome {
        if let finished = track.finished { return finished == .succeeded ? .succeeded : .failed }
        if track.preempted { return .preempted }
        if track.evicted { return .evicted }
        if track.deletionRequested || object.isRemoved { return .deleted }
        return object.status.phase == .pending ? .pendingAtEnd : .runningAtEnd
    }

    /// The pods that had not reached each milestone when the run ended, with what is known of
    /// their latency.
    struct Censored {
        var scheduling = CensoredSamples()
        var startupSLO = CensoredSamples()
        var startup = CensoredSamples()
    }

    /// Censors a pod still waiting for a milestone at `end`: not bound (scheduling, and both
    /// startups), or bound and not yet observed with every container running. Pods deleted,
    /// evicted, preempted or finished before the milestone are not waiting for it and are left
    /// out. Scheduling and startup are at least `end − creation`; the startup SLO excludes pull
    /// and init windows, which never begin before the first one seen, so it is at least
    /// (first pull or init start, or `end` if none) − creation.
    private func censor(_ track: PodTrack, _ object: PodObject, at end: SimulationTime, into censored: inout Censored) {
        guard !object.isRemoved, !track.deletionRequested, !track.evicted, !track.preempted, track.finished == nil,
            object.status.phase == .pending || object.status.phase == .running
        else { return }
        let waited = end - object.createdAt
        if !track.bound { censored.scheduling.record(atLeast: waited) }
        guard !track.startupObserved else { return }
        censored.startup.record(atLeast: waited)
        let windows = [track.firstPullStart, track.firstInitStart].filter { $0 >= 0 }
        let excludedFrom = windows.min().map { SimulationTime(nanoseconds: $0) } ?? end
        censored.startupSLO.record(atLeast: excludedFrom - object.createdAt)
    }

    /// Latency histograms, for the report (µs).
    public var latencyRecorders: [(name: String, recorder: LatencyRecorder)] {
        [
            ("Scheduling", scheduling), ("Pod startup (SLO)", startupSLO), ("Pod startup (all)", startup),
            ("Image pull", imagePull),
        ]
    }
}
