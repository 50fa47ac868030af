import ClusterComponents
import KubeModel
import SimulationCore

/// The metrics of a run that are not state at an instant but accumulate over it, as the
/// components' Prometheus registries keep them: kube-scheduler's attempt counters and
/// scheduling-latency histogram, the kubelets' pod start histograms; and the bookkeeping that
/// lets ``snapshot(_:)`` visit only the pods that exist.
///
/// Work per record is one array update (a scheduling attempt); everything else happens when a
/// snapshot is taken: pods created since the last snapshot are picked up from the store's dense
/// table, pods bound since then are observed from their `boundAt`, removed ones dropped.
/// Pod startup reaches ``observePodStartup(node:sli:total:)`` from ``RunStatistics``, which
/// computes it for `summary.json`.
public final class MetricsRegistry: ClusterRecordSink {
    /// Pods that existed at the last snapshot, in creation order.
    var livePods: [PodID] = []
    /// Pods with an id below this were seen by a snapshot.
    var nextPod = 0
    /// Per pod: scheduling attempts so far.
    var attempts: [UInt32] = []
    /// Per pod: the scheduling SLI was observed.
    var bindObserved: [Bool] = []
    /// Per pod: `namespace="…",pod="…",uid="…"`, rendered once.
    var podLabels: [String] = []
    /// Per pod: the keys of its series and what their labels were rendered from.
    var podKeys: [PodSeriesKeys] = []
    /// The next unused series key.
    var nextKey: Int32 = 0
    /// `scheduler_schedule_attempts_total` by (result, profile), in first-seen order.
    var scheduleAttempts: [(result: String, profile: String, count: Double)] = []
    /// `scheduler_pod_scheduling_sli_duration_seconds` by attempts, in first-seen order.
    var schedulingSLI: [(attempts: UInt32, histogram: BucketHistogram)] = []
    /// `scheduler_framework_extension_point_duration_seconds{extension_point="Bind"}` by
    /// profile, in first-seen order, and whether any binding took time (the family is left out
    /// when none did: ideal timing binds at once).
    var bindDuration: [(profile: String, histogram: BucketHistogram)] = []
    var bindTookTime = false
    /// Per node: the kubelet's pod start SLI histogram, created when the node is first seen.
    var podStartSLI: [BucketHistogram?] = []
    /// Per node: the keys of its series and what their labels were rendered from.
    var nodeKeys: [NodeSeriesKeys] = []

    /// An empty registry; add it to the cluster as a sink before the run.
    public init() {}

    /// Reads no event the spam filter dropped.
    public var droppedEventReasons: [String]? { [] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        guard case .schedulingAttempt(let pod, let scheduled) = record else { return }
        ensure(pod.value)
        attempts[pod.value] &+= 1
        let profile = cluster.api[pod].pod.spec.schedulerName
        let result = scheduled ? "scheduled" : "unschedulable"
        if let index = scheduleAttempts.firstIndex(where: { $0.result == result && $0.profile == profile }) {
            scheduleAttempts[index].count += 1
        } else {
            scheduleAttempts.append((result, profile, 1))
        }
    }

    /// A pod's containers were all observed running: the kubelet's `podStartupLatencyTracker`
    /// observes `kubelet_pod_start_sli_duration_seconds`, creation to running less the image
    /// pulls and init containers (k/k `pkg/kubelet/util/pod_startup_latency_tracker.go`).
    public func observePodStartup(node: NodeID?, sli: SimulationDuration) {
        guard let node else { return }
        ensureNode(node.value)
        podStartSLI[node.value]?.observe(Double(sli.nanoseconds) / 1e9)
    }

    private func ensure(_ pod: Int) {
        if attempts.count <= pod {
            let missing = pod + 1 - attempts.count
            attempts += [UInt32](repeating: 0, count: missing)
            bindObserved += [Bool](repeating: false, count: missing)
            podLabels += [String](repeating: "", count: missing)
            podKeys += [PodSeriesKeys](repeating: PodSeriesKeys(), count: missing)
        }
    }

    /// Makes room for `node`'s keys.
    func ensureNodeKeys(_ node: Int) {
        while nodeKeys.count <= node { nodeKeys.append(NodeSeriesKeys()) }
    }

    private func ensureNode(_ node: Int) {
        while podStartSLI.count <= node { podStartSLI.append(nil) }
        if podStartSLI[node] == nil { podStartSLI[node] = BucketHistogram(bounds: MetricCatalog.podStartupBuckets) }
    }

    /// Every series at the cluster's current instant.
    /// - Complexity: O(live pods × containers + nodes + workloads + pods created since the
    ///   last snapshot).
    public func snapshot(_ cluster: ClusterView) -> MetricsSnapshot {
        var snapshot = MetricsSnapshot(time: cluster.now)
        collect(cluster, into: &snapshot)
        return snapshot
    }

    /// Hands every series at the cluster's current instant to `collector`, in ``MetricID``
    /// order. A pod's series carry keys (``podKeys``): a pod whose labels' inputs did not
    /// change since the last collection renders no label string for a collector that does not
    /// ask for it.
    /// - Complexity: as ``snapshot(_:)``.
    public func collect(_ cluster: ClusterView, into collector: inout some MetricsCollector) {
        refreshPods(cluster)
        addPods(cluster, to: &collector)
        addNodes(cluster, to: &collector)
        addWorkloads(cluster, to: &collector)
        addScheduler(cluster, to: &collector)
        addKubelets(cluster, to: &collector)
    }

    /// Picks up new pods, observes binds (scheduler SLI) and drops removed pods.
    func refreshPods(_ cluster: ClusterView) {
        let pods = cluster.api.pods
        ensure(max(pods.count - 1, 0))
        var kept: [PodID] = []
        kept.reserveCapacity(livePods.count + pods.count - nextPod)
        func visit(_ id: PodID) {
            let object = pods[id.value]
            if !bindObserved[id.value], let boundAt = object.boundAt {
                bindObserved[id.value] = true
                observeScheduled(attempts: max(attempts[id.value], 1), latency: boundAt - object.createdAt)
                observeBind(
                    profile: object.pod.spec.schedulerName, duration: boundAt - (object.bindingStartedAt ?? boundAt))
            }
            if !object.isRemoved { kept.append(id) }
        }
        for id in livePods { visit(id) }
        for index in nextPod..<pods.count { visit(PodID(index)) }
        nextPod = pods.count
        livePods = kept
    }

    /// `PodSchedulingSLIDuration.WithLabelValues(attempts).Observe(sinceInitialAttempt)` after a
    /// successful binding cycle (k/k `pkg/scheduler/schedule_one.go`).
    private func observeScheduled(attempts: UInt32, latency: SimulationDuration) {
        let seconds = Double(latency.nanoseconds) / 1e9
        if let index = schedulingSLI.firstIndex(where: { $0.attempts == attempts }) {
            schedulingSLI[index].histogram.observe(seconds)
        } else {
            var histogram = BucketHistogram(bounds: MetricCatalog.schedulingSLIBuckets)
            histogram.observe(seconds)
            schedulingSLI.append((attempts, histogram))
        }
    }

    /// The Bind extension point's duration, observed when the binding is written: the
    /// binding cycle's wait for the client rate limiter and the POST (schedule_one.go `bind`).
    private func observeBind(profile: String, duration: SimulationDuration) {
        let seconds = Double(duration.nanoseconds) / 1e9
        if seconds > 0 { bindTookTime = true }
        if let index = bindDuration.firstIndex(where: { $0.profile == profile }) {
            bindDuration[index].histogram.observe(seconds)
        } else {
            var histogram = BucketHistogram(bounds: MetricCatalog.extensionPointBuckets)
            histogram.observe(seconds)
            bindDuration.append((profile, histogram))
        }
    }

    private func addScheduler(_ cluster: ClusterView, to snapshot: inout some MetricsCollector) {
        let pending = cluster.schedulerPendingPods
        for (queue, count) in [
            ("active", pending.active), ("backoff", pending.backoff), ("gated", pending.gated),
            ("unschedulable", pending.unschedulable),
        ] {
            snapshot.add(.schedulerPendingPods, "queue=\"" + queue + "\"", Double(count))
        }
        for entry in scheduleAttempts {
            snapshot.add(
                .schedulerAttempts,
                ExpositionText.labels(["profile": entry.profile, "result": entry.result]), entry.count)
        }
        for entry in schedulingSLI {
            snapshot.add(.schedulerSchedulingSLI, "attempts=\"\(entry.attempts)\"", histogram: entry.histogram)
        }
        for entry in bindDuration where bindTookTime {
            snapshot.add(
                .schedulerBindDuration,
                ExpositionText.labels(["extension_point": "Bind", "profile": entry.profile, "status": "Success"]),
                histogram: entry.histogram)
        }
    }

    private func addKubelets(_ cluster: ClusterView, to snapshot: inout some MetricsCollector) {
        let nodes = cluster.api.nodes
        var running = [Int](repeating: 0, count: nodes.count)
        for id in livePods {
            let object = cluster.api.pods[id.value]
            if object.status.phase == .running, let node = object.nodeID, node.value < running.count {
                running[node.value] += 1
            }
        }
        for node in nodes where !node.isRemoved {
            ensureNode(node.id.value)
            ensureNodeKeys(node.id.value)
            // Labelled with the name alone, which does not change: two keys for the node's life.
            if nodeKeys[node.id.value].kubelet < 0 {
                nodeKeys[node.id.value].kubelet = nextKey
                nextKey += 2
            }
            let key = nodeKeys[node.id.value].kubelet
            let labels = { "node=\"" + ExpositionText.escapeLabelValue(node.name) + "\"" }
            snapshot.add(.kubeletRunningPods, key: key, Double(running[node.id.value]), labels: labels)
            if let sli = podStartSLI[node.id.value] {
                snapshot.add(.kubeletPodStartSLI, key: key + 1, histogram: sli, labels: labels)
            }
        }
    }
}
