import KubeModel
import SimulationCore
import Stochastics

/// kube-scheduler: the scheduling queue, the cache, and one framework per profile
/// (k/k `pkg/scheduler/scheduler.go`, `schedule_one.go`).
///
/// `Cluster` calls the hook methods as informers would; every attempt pops one pod from
/// activeQ in a ``SchedulerEvent/cycle`` event, filters nodes sequentially from the rotating
/// start index, scores, assumes the pod and binds it (after
/// ``ClusterConfiguration/bindLatency``). Decisions are deterministic for a seed: ties are
/// drawn from the stream `scheduler/ties`, preemption offsets from `scheduler/preemption`.
public final class Scheduler: ClusterComponent {
    /// The owning cluster. `unowned(unsafe)`: the cluster creates this component, holds it for
    /// its whole life and is the only caller, so the reference never dangles; the checked
    /// `unowned` cost a strong retain and release on every access (7% of an envelope run).
    unowned(unsafe) let cluster: Cluster
    var cache = SchedulerCache()
    /// Plugin state every profile shares (GPU devices), kept in step with `cache` by the hooks
    /// below.
    let shared = SharedPluginState()
    var queue = SchedulingQueue()
    var profiles: [Profile] = []
    var reasons = ReasonTable()
    var builtin: BuiltinReasons
    var ties: RandomSource
    /// Per-node random keys for ``TieBreak/nodeOrder`` (drawn from `scheduler/node-order` as
    /// nodes join; ties go to the smallest key, then the smallest id).
    var nodeOrderKeys: [UInt64] = []
    var nodeOrderStream: RandomSource
    var preemptionRandom: RandomSource
    var policyRandom: RandomSource
    /// Realistic timing: cycle time, watch delay, the client rate limiter of bindings.
    var timing: SchedulerTiming
    /// Global percentageOfNodesToScore (nil/0 = adaptive).
    var percentageOfNodesToScore: Int?
    /// Rotating start of the node scan (schedule_one.go `nextStartNodeIndex`).
    var nextStartNodeIndex = 0
    var cycleScheduled = false
    var backoffFlush: (id: EventID, at: SimulationTime)?
    var leftoverFlushScheduled = false
    /// Keep per-pod explanations of the last attempt (costs time; off by default).
    public var recordExplanations = false
    var explanations: [PodID: SchedulingExplanation] = [:]
    /// The node each nominated pod is reserved on (lookups only, never iterated).
    var nominatedNode: [PodID: Int32] = [:]
    /// The pod of the running attempt.
    var inFlight: PodID?
    /// Cluster events received during the running attempt.
    var movesDuringCycle: PluginMask = []
    /// Scheduling attempts so far.
    public internal(set) var attempts = 0
    /// Pods scheduled (assumed) so far.
    public internal(set) var scheduledCount = 0

    /// The attempt's buffers (feasible nodes, rejections, scores), reused across attempts.
    var scratch = SchedulingScratch()
    var fitMemo: [ScoreMemo] = []

    init(cluster: Cluster) {
        self.cluster = cluster
        let version = cluster.configuration.kubernetesVersion
        builtin = BuiltinReasons(table: &reasons, version: version)
        ties = cluster.streams.stream(named: "scheduler/ties")
        nodeOrderStream = cluster.streams.stream(named: "scheduler/node-order")
        preemptionRandom = cluster.streams.stream(named: "scheduler/preemption")
        policyRandom = cluster.streams.stream(named: "scheduler/policy")
        timing = SchedulerTiming(cluster.configuration, random: cluster.streams.stream(named: "scheduler/timing"))
        let config = cluster.configuration.schedulerConfiguration ?? KubeSchedulerConfiguration()
        configure(config)
    }

    /// Replaces the profiles (and queue settings) from a configuration.
    /// - Parameter outOfTree: plugins outside the registry the profiles may name (tests).
    func configure(_ config: KubeSchedulerConfiguration, outOfTree: OutOfTreeRegistry = .init()) {
        let version = cluster.configuration.kubernetesVersion
        profiles = config.profiles.map {
            Profile($0, version: version, resources: &cache.resources, shared: shared, outOfTree: outOfTree)
        }
        percentageOfNodesToScore = config.percentageOfNodesToScore
        queue.initialBackoff = .seconds(config.podInitialBackoffSeconds)
        queue.maxBackoff = .seconds(config.podMaxBackoffSeconds)
    }

    // MARK: - Public API

    /// Makes the profile named `schedulerName` (default profile when absent) use `policy`.
    public func usePolicy(_ policy: SchedulerPolicy, schedulerName: String = "default-scheduler") {
        let profile = Profile(
            policy.profile(schedulerName: schedulerName), version: cluster.configuration.kubernetesVersion,
            resources: &cache.resources, shared: shared)
        if let i = profiles.firstIndex(where: { $0.schedulerName == schedulerName }) {
            profiles[i] = profile
        } else {
            profiles.append(profile)
        }
    }

    /// The explanation of the pod's last attempt (when ``recordExplanations`` was on).
    public func explanation(for pod: PodID) -> SchedulingExplanation? { explanations[pod] }

    /// The scheduler's view of a node.
    public func nodeInfo(_ node: NodeID) -> NodeInfo? {
        node.value < cache.nodes.count ? cache.nodes[node.value] : nil
    }

    /// The resource slot of a resource name in ``PodRequest`` and ``NodeInfo`` vectors.
    public func resourceSlot(_ name: String) -> Int? { cache.resources.existingSlot(for: name) }

    /// Number of pods in activeQ, backoffQ and the unschedulable pool.
    public var pendingCounts: (active: Int, backoff: Int, unschedulable: Int) {
        (queue.activeCount, queue.backoffCount, queue.unschedulableCount)
    }

    /// `numFeasibleNodesToFind` (schedule_one.go): all nodes below 100; else adaptive
    /// `50 − N/125` % (floor 5 %) unless a percentage is set, floored at 100 nodes.
    public static func numFeasibleNodesToFind(percentage: Int?, numAllNodes: Int) -> Int {
        // minFeasibleNodesToFind = 100, minFeasibleNodesPercentageToFind = 5.
        if numAllNodes < 100 { return numAllNodes }
        var p = percentage ?? 0
        if p >= 100 { return numAllNodes }
        if p <= 0 {
            p = 50 - numAllNodes / 125
            if p < 5 { p = 5 }
        }
        let k = numAllNodes * p / 100
        return k < 100 ? 100 : k
    }

    /// The backoff after `attempts` attempts with the configured initial/max backoff.
    public func backoffDuration(attempts: Int) -> SimulationDuration { queue.backoffDuration(attempts: attempts) }

    // MARK: - Informer hooks

    /// A pod without a node was created.
    func podAdded(_ pod: PodID) {
        let object = cluster.api[pod]
        guard let profile = profiles.index(forSchedulerName: object.pod.spec.schedulerName) else {
            return  // not ours: stays Pending, as with an unknown schedulerName upstream
        }
        _ = podInfo(pod, object: object)
        if let gates = object.pod.spec.schedulingGates, !gates.isEmpty {
            queue.gate(pod, profile: profile)
            return
        }
        queue.add(pod, priority: cache.pods[pod.value]!.priority, profile: profile, now: cluster.now)
        requestCycle()
    }

    /// A pod was bound (by us or through `spec.nodeName`): make sure the cache counts it.
    func podBound(_ pod: PodID, to node: NodeID) {
        let object = cluster.api[pod]
        if pod.value < queue.infos.count, queue.infos[pod.value].location != .none { queue.remove(pod) }
        if object.isTerminal { return }
        countPod(pod, object: object, on: node.value)
    }

    /// A pod object was removed (frees its node's resources; may help pending pods).
    func podRemoved(_ pod: PodID) {
        queue.remove(pod)
        clearNomination(pod)
        if uncountPod(pod) { assignedPodFreed() }
    }

    /// A bound pod got a deletion timestamp: topology spreading stops counting it.
    func podTerminating(_ pod: PodID) {
        cache.podTerminating(pod)
    }

    /// A bound pod reached Succeeded or Failed: it stops counting.
    func podTerminated(_ pod: PodID) {
        if uncountPod(pod) { assignedPodFreed() }
    }

    /// A node joined.
    func nodeAdded(_ node: NodeID) {
        if cluster.configuration.tieBreak == .nodeOrder {
            while nodeOrderKeys.count <= node.value {
                let high = UInt64(nodeOrderStream.integer(below: 1 << 31))
                nodeOrderKeys.append(high << 31 | UInt64(nodeOrderStream.integer(below: 1 << 31)))
            }
        }
        setNode(node)
        moveUnschedulable(.nodeScoped)
    }

    /// A node changed (taints, unschedulable, labels, allocatable, images). Unschedulable pods
    /// are moved only when a field that a filter reads changed (the NodeUpdate action types
    /// UpdateNodeAllocatable/Label/Taint that the default plugins' queueing hints register
    /// for); image-list or heartbeat updates requeue nothing.
    func nodeUpdated(_ node: NodeID) {
        let i = node.value
        let before = i < cache.nodes.count ? cache.nodes[i] : nil
        setNode(node)
        let after = cache.nodes[i]
        guard !after.isRemoved else { return }
        if let before, !before.isRemoved, before.labels == after.labels, before.filterTaints == after.filterTaints,
            before.unschedulable == after.unschedulable, before.allocatable == after.allocatable,
            before.allowedPodNumber == after.allowedPodNumber
        {
            return
        }
        moveUnschedulable(.nodeScoped)
    }

    func assignedPodFreed() { moveUnschedulable(.podScoped) }

    func moveUnschedulable(_ mask: PluginMask) {
        // Events seen while a pod is in flight send it to backoff rather than the unschedulable
        // pool when it fails (the queue's in-flight event tracking, scheduling_queue.go).
        if inFlight != nil { movesDuringCycle.formUnion(mask) }
        let moved = queue.moveUnschedulable(mask: mask, now: cluster.now, priority: priority(of:))
        if moved > 0 { queueChanged() }
    }

    func priority(of pod: PodID) -> Int { cache.pods[pod.value]?.priority ?? 0 }

    // MARK: - Timers

    /// Schedules the next cycle if activeQ has pods; `delivered`: a pod was just queued by an
    /// informer event (realistic timing adds the watch delay).
    func requestCycle(delivered: Bool = true) {
        guard !cycleScheduled, queue.activeCount > 0 else { return }
        cycleScheduled = true
        if timing.isRealistic {
            schedule(.scheduler(.cycle), at: timing.nextCycle(at: cluster.now, delivered: delivered))
        } else {
            schedule(.scheduler(.cycle), after: .zero)
        }
    }

    /// Re-arms the cycle, backoff and leftover timers after the queue changed.
    func queueChanged() {
        requestCycle()
        if let expiry = queue.nextBackoffExpiry() {
            // The upstream flush ticker runs every whole second.
            let second: Int64 = 1_000_000_000
            let tick = SimulationTime(nanoseconds: (expiry.nanoseconds + second - 1) / second * second)
            if backoffFlush == nil || backoffFlush!.at > tick {
                if let current = backoffFlush { cancel(current.id) }
                backoffFlush = (schedule(.scheduler(.flushBackoff), at: tick), tick)
            }
        }
        if queue.unschedulableCount > 0 && !leftoverFlushScheduled {
            leftoverFlushScheduled = true
            // flushUnschedulablePodsLeftover runs every 30 s (scheduling_queue.go Run).
            let period: Int64 = 30_000_000_000
            let next = SimulationTime(nanoseconds: (cluster.now.nanoseconds / period + 1) * period)
            schedule(.scheduler(.flushUnschedulable), at: next)
        }
    }

    func handle(_ event: SchedulerEvent) {
        switch event {
        case .cycle:
            cycleScheduled = false
            if let pod = queue.pop() {
                if timing.isRealistic { timing.beginCycle(at: cluster.now) }
                inFlight = pod
                movesDuringCycle = []
                scheduleOne(pod)
                inFlight = nil
            }
            requestCycle(delivered: false)
        case .bindComplete(let pod, let node):
            finishBinding(pod, node)
        case .flushBackoff:
            backoffFlush = nil
            queue.flushBackoff(now: cluster.now, priority: priority(of:))
            queueChanged()
        case .flushUnschedulable:
            leftoverFlushScheduled = false
            queue.moveUnschedulable(mask: .all, olderThan: cluster.now, now: cluster.now, priority: priority(of:))
            queueChanged()
        }
    }
}
