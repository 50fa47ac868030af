import KubeModel
import SimulationCore

/// The node lifecycle controller (k/k pkg/controller/nodelifecycle/node_lifecycle_controller.go)
/// and the taint-eviction controller (pkg/controller/tainteviction/taint_eviction.go).
///
/// One type for both: marking a node unreachable and scheduling the evictions of its pods are
/// one pass over the pods, in one order, as the events of a run record them.
final class NodeLifecycleController: ClusterComponent {
    /// `--node-monitor-period` (5 s): the grid the monitor passes run on.
    static let nodeMonitorPeriod = SimulationDuration.seconds(5)
    /// `--node-monitor-grace-period`: 40 s up to 1.31, 50 s from 1.32 (k/k#121793; kubelet reference §8).
    var nodeMonitorGracePeriod: SimulationDuration {
        cluster.configuration.kubernetesVersion >= KubernetesVersion(minor: 32) ? .seconds(50) : .seconds(40)
    }
    /// Component of the node lifecycle controller's Events.
    static let component = "node-controller"
    /// Component of taint-eviction Events: `taint-eviction-controller` since the taint manager
    /// became its own controller (KEP-3902, 1.29); `taint-controller` before.
    var taintEvictionComponent: String {
        cluster.configuration.kubernetesVersion >= KubernetesVersion(minor: 29)
            ? "taint-eviction-controller" : "taint-controller"
    }

    /// The controller manager whose work queue and pod table this controller uses.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager
    /// Node lifecycle state, indexed by ``NodeID``.
    var nodeHealth: [NodeHealth] = []

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - Event handlers

    /// A node was added or changed.
    func nodeChanged(_ node: NodeID) { ensureNodeHealth(node) }

    func ensureNodeHealth(_ node: NodeID) {
        if node.value >= nodeHealth.count {
            nodeHealth.append(contentsOf: repeatElement(NodeHealth(), count: node.value + 1 - nodeHealth.count))
        }
    }

    /// The first monitor-grid instant strictly after `time`.
    func nextMonitorTick(after time: SimulationTime) -> SimulationTime {
        let period = Self.nodeMonitorPeriod.nanoseconds
        return SimulationTime(nanoseconds: (time.nanoseconds / period + 1) * period)
    }

    // MARK: - Heartbeats

    /// The kubelet stopped renewing its lease now: schedule the monitor pass that will find
    /// the grace period exceeded (`now > probeTimestamp + gracePeriod`, checked every 5 s).
    func nodeStoppedHeartbeating(_ node: NodeID) {
        ensureNodeHealth(node)
        nodeHealth[node.value].lastHeartbeat = cluster.now
        cancel(nodeHealth[node.value].monitor)
        let due = nextMonitorTick(after: cluster.now + nodeMonitorGracePeriod)
        nodeHealth[node.value].monitor = schedule(.controller(.monitorNode(node)), at: due)
    }

    /// The kubelet renews its lease again: the next monitor pass sees it.
    func nodeResumedHeartbeating(_ node: NodeID) {
        ensureNodeHealth(node)
        nodeHealth[node.value].lastHeartbeat = cluster.now
        cancel(nodeHealth[node.value].monitor)
        let due = nextMonitorTick(after: cluster.now - SimulationDuration(nanoseconds: 1))
        nodeHealth[node.value].monitor = schedule(.controller(.monitorNode(node)), at: max(due, cluster.now))
    }

    /// `monitorNodeHealth` for one node (`tryUpdateNodeHealth` + `processTaintBaseEviction`).
    func monitorNodeHealth(_ node: NodeID) {
        ensureNodeHealth(node)
        nodeHealth[node.value].monitor = nil
        let object = cluster.api[node]
        guard !object.isRemoved else { return }
        if !object.isHeartbeating {
            guard object.ready != .unknown else { return }
            if cluster.now > nodeHealth[node.value].lastHeartbeat + nodeMonitorGracePeriod {
                markNodeUnreachable(node)
            } else {
                let due = nextMonitorTick(after: nodeHealth[node.value].lastHeartbeat + nodeMonitorGracePeriod)
                nodeHealth[node.value].monitor = schedule(.controller(.monitorNode(node)), at: due)
            }
        } else if object.ready != .true {
            markNodeReady(node)
        }
    }

    /// Ready=Unknown ("Kubelet stopped posting node status."), the unreachable taints,
    /// `MarkPodsNotReady`, and the taint-eviction timers of the pods on the node.
    func markNodeUnreachable(_ node: NodeID) {
        let now = cluster.now
        let stamp = rfc3339(now)
        cluster.updateNode(node) { object in
            object.ready = .unknown
            var taints = object.node.spec.taints ?? []
            taints.removeAll { $0.key == Taint.unreachableKey || $0.key == Taint.notReadyKey }
            // TaintNodesByCondition adds the NoSchedule taint; doNoExecuteTaintingPass the NoExecute one.
            taints.append(Taint(key: Taint.unreachableKey, effect: .noSchedule))
            taints.append(Taint(key: Taint.unreachableKey, effect: .noExecute, timeAdded: stamp))
            object.node.spec.taints = taints
        }
        let name = cluster.api[node].name
        // nodeutil.RecordNodeStatusChange: Normal NodeNotReady "Node <n> status is now: NodeNotReady".
        cluster.recordEvent(
            .normal, "NodeNotReady", "Node \(name) status is now: NodeNotReady", kind: "Node", namespace: "",
            name: name,
            component: Self.component)
        nodeHealth[node.value].taintedAt = now
        // A node failure is rare, so one pass over the pod table finds the node's pods.
        for index in cluster.api.pods.indices {
            let pod = PodID(index)
            // Plain facts, not pod objects: 150,000 copies per failure showed in the envelope.
            let facts = cluster.api.podFacts[index]
            guard facts.node == Int32(node.value), !facts.isRemoved, !facts.isTerminal else { continue }
            // controller/util/node MarkPodsNotReady: Ready=False, Warning NodeNotReady "Node is not ready".
            cluster.updatePodStatus(pod) { status in
                status.setCondition("Ready", .false, at: now)
            }
            cluster.recordEvent(.warning, "NodeNotReady", "Node is not ready", pod: pod, component: Self.component)
            guard !facts.isTerminating else { continue }
            scheduleTaintEviction(pod, on: node)
        }
    }

    /// `processPodOnNode`: a pod that does not tolerate every NoExecute taint is deleted at
    /// once; otherwise at the smallest `tolerationSeconds` of the tolerations used (never if
    /// none has one).
    func scheduleTaintEviction(_ pod: PodID, on node: NodeID) {
        let taints = (cluster.api[node].node.spec.taints ?? []).filter { $0.effect == .noExecute }
        guard !taints.isEmpty else { return }
        let tolerations = cluster.api[pod].pod.spec.tolerations ?? []
        var minimum: Int?
        var forever = true
        for taint in taints {
            // v1helper.GetMatchingTolerations: the first toleration that tolerates each taint.
            guard let used = tolerations.first(where: { $0.tolerates(taint) }) else {
                evictForTaint(pod)
                return
            }
            if let seconds = used.tolerationSeconds {
                forever = false
                minimum = min(minimum ?? seconds, seconds)
            }
        }
        guard !forever, let seconds = minimum else { return }
        cancel(manager.podStates[pod.value].evictionTimer)
        // getMinTolerationTime: a non-positive toleration evicts at once.
        let delay = SimulationDuration.seconds(max(0, seconds))
        manager.podStates[pod.value].evictionTimer = schedule(.controller(.taintEviction(pod)), after: delay)
        nodeHealth[node.value].evictions.append(pod)
    }

    /// The toleration ran out while the taint is still there.
    func taintEvictionExpired(_ pod: PodID) {
        manager.podStates[pod.value].evictionTimer = nil
        evictForTaint(pod)
    }

    /// Taint-based eviction: Normal `TaintManagerEviction` "Marking for deletion Pod <ns>/<name>",
    /// the DisruptionTarget condition, then a graceful delete (the pod stays Terminating while
    /// its kubelet is unreachable).
    func evictForTaint(_ pod: PodID) {
        let object = cluster.api[pod]
        guard !object.isRemoved, !object.isTerminating, !object.isTerminal else { return }
        let now = cluster.now
        cluster.recordEvent(
            .normal, "TaintManagerEviction", "Marking for deletion Pod \(object.namespace)/\(object.name)", pod: pod,
            component: taintEvictionComponent)
        // taint_eviction.go addConditionAndDeletePod: DisruptionTarget, reason DeletionByTaintManager.
        cluster.updatePodStatus(pod) { status in
            status.setCondition(
                "DisruptionTarget", .true, reason: "DeletionByTaintManager",
                message: "Taint manager: deleting due to NoExecute taint", at: now)
        }
        cluster.deletePod(pod, reason: .taintEviction)
    }

    /// Ready=True again: remove the unreachable/not-ready taints (the NoExecute ones by
    /// `markNodeAsReachable`) and cancel the evictions still pending.
    func markNodeReady(_ node: NodeID) {
        cluster.updateNode(node) { object in
            object.ready = .true
            object.node.spec.taints?.removeAll { $0.key == Taint.unreachableKey || $0.key == Taint.notReadyKey }
        }
        let name = cluster.api[node].name
        cluster.recordEvent(
            .normal, "NodeReady", "Node \(name) status is now: NodeReady", kind: "Node", namespace: "", name: name,
            component: Self.component)
        nodeHealth[node.value].taintedAt = nil
        for pod in nodeHealth[node.value].evictions {
            cancel(manager.podStates[pod.value].evictionTimer)
            manager.podStates[pod.value].evictionTimer = nil
        }
        nodeHealth[node.value].evictions.removeAll()
    }

    /// The pod finished or was removed: its pending taint-based eviction is moot.
    func cancelTaintEviction(of pod: PodID) {
        cancel(manager.podStates[pod.value].evictionTimer)
        manager.podStates[pod.value].evictionTimer = nil
    }

    /// `metav1.Time` text of a virtual instant (seconds precision).
    func rfc3339(_ time: SimulationTime) -> String {
        UTCDateTime.rfc3339(
            unixSeconds: cluster.configuration.startTimeUnixSeconds, nanoseconds: time.nanoseconds, fractionDigits: 0)
    }
}
