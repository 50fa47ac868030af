import KubeModel
import SimulationCore

/// Scale-down (cluster-autoscaler `core/scaledown/planner`, `simulator/cluster.go`
/// `FindNodesToRemove`, `simulator/drainability/rules`, `core/scaledown/actuation`).
extension ClusterAutoscaler {
    /// Why a pod keeps its node (`drain.BlockingPodReason`), or `nil` when it can move.
    /// DaemonSet and mirror pods are not moved and do not block.
    func blockingReason(_ pod: PodID) -> String? {
        let object = cluster.api[pod]
        let annotations = object.pod.metadata.annotations ?? [:]
        let safeToEvict = annotations[Self.safeToEvictAnnotation]
        if safeToEvict == "false" { return "NotSafeToEvictAnnotation" }
        let owner = object.pod.metadata.ownerReferences?.first { $0.controller == true }
        if safeToEvict == "true" { return nil }
        guard let owner else { return "NotReplicated" }
        if options.skipNodesWithSystemPods && object.namespace == "kube-system" && owner.kind != "DaemonSet"
            && !hasBudget(pod)
        {
            return "UnmovableKubeSystemPod"
        }
        if options.skipNodesWithLocalStorage
            && (object.pod.spec.volumes ?? []).contains(where: { $0.emptyDir != nil || $0.hostPath != nil })
        {
            return "LocalStorageRequested"
        }
        // A budget that allows no disruption now ("not enough pod disruption budget").
        for budget in cluster.controllers.workloads.podDisruptionBudgets
        where !budget.isDeleted && budget.namespace == object.namespace {
            guard let selector = budget.budget.spec.selector, selector.matches(object.pod.metadata.labels ?? [:])
            else { continue }
            if cluster.controllers.disruption.currentStatus(budget.index).disruptionsAllowed < 1 {
                return "NotEnoughPdb"
            }
        }
        return nil
    }

    func hasBudget(_ pod: PodID) -> Bool {
        let object = cluster.api[pod]
        return cluster.controllers.workloads.podDisruptionBudgets.contains { budget in
            !budget.isDeleted && budget.namespace == object.namespace
                && (budget.budget.spec.selector?.matches(object.pod.metadata.labels ?? [:]) ?? false)
        }
    }

    func isDaemonOrMirror(_ pod: PodID) -> Bool {
        let meta = cluster.api[pod].pod.metadata
        return meta.ownerReferences?.contains(where: { $0.kind == "DaemonSet" && $0.controller == true }) == true
            || meta.annotations?["kubernetes.io/config.mirror"] != nil
    }

    /// The node's utilization as CA computes it (`utilization.Calculate`): the larger of the
    /// requested CPU and memory shares of allocatable.
    func utilization(_ info: NodeInfo) -> Double {
        var result = 0.0
        for slot in 0..<2 where info.allocatable(slot) > 0 {
            result = max(result, Double(info.requested(slot)) / Double(info.allocatable(slot)))
        }
        return result
    }

    /// `UpdateUnneededNodes`: a node of a group above its minimum, below the threshold, whose
    /// pods can all be placed on the other nodes (each placement is kept for the next nodes, as
    /// the simulator's snapshot does), is unneeded since the first loop that found it so.
    func updateUnneededNodes() {
        let scheduler = cluster.scheduler!
        let now = cluster.now
        var snapshot: [NodeID: NodeInfo] = [:]
        var removable = Set<NodeID>()
        var stillUnneeded: [NodeID: SimulationTime] = [:]
        let candidates = groups.flatMap(\.nodes).filter { draining[$0] == nil }
        for node in candidates {
            guard let info = snapshot[node] ?? scheduler.simulatedNodeInfo(node),
                cluster.api[node].ready == .true, utilization(info) < options.scaleDownUtilizationThreshold
            else { continue }
            let pods = info.pods.filter { cluster.api.podFacts[$0.value].isActive && !isDaemonOrMirror($0) }
            if pods.contains(where: { blockingReason($0) != nil }) { continue }
            // Place every pod elsewhere (not on nodes found removable in this loop, not on draining ones).
            var trial = snapshot
            var fits = true
            for pod in pods {
                var placed = false
                for other in cluster.api.nodes
                where !other.isRemoved && other.id != node && other.ready == .true
                    && !removable.contains(other.id) && draining[other.id] == nil
                {
                    guard var target = trial[other.id] ?? scheduler.simulatedNodeInfo(other.id) else { continue }
                    if scheduler.passesFilters(pod, on: target, movingFromItsNode: true) {
                        scheduler.addSimulated(pod, to: &target)
                        trial[other.id] = target
                        placed = true
                        break
                    }
                }
                if !placed {
                    fits = false
                    break
                }
            }
            guard fits else { continue }
            snapshot = trial
            removable.insert(node)
            stillUnneeded[node] = unneededSince[node] ?? now
        }
        unneededSince = stillUnneeded
    }

    /// Deletes the nodes unneeded for `--scale-down-unneeded-time`, keeping each group at or
    /// above its minimum: empty nodes together (up to `--max-empty-bulk-delete`), else one
    /// non-empty node drained through the eviction API.
    func scaleDown() {
        let now = cluster.now
        var remaining = groups.map { $0.nodes.count - $0.nodes.filter { draining[$0] != nil }.count }
        let ready = unneededSince.filter { now - $0.value >= options.scaleDownUnneededTime }.map(\.key)
            .sorted { $0.value < $1.value }
        var empty: [NodeID] = []
        var nonEmpty: [NodeID] = []
        for node in ready {
            guard let group = groupOfNode[node], remaining[group] > groups[group].minSize else { continue }
            let pods = cluster.api.pods.indices.filter { index in
                cluster.api.podFacts[index].node == Int32(node.value) && cluster.api.podFacts[index].isActive
                    && !isDaemonOrMirror(PodID(index))
            }
            if pods.isEmpty {
                guard empty.count < options.maxEmptyBulkDelete else { continue }
                empty.append(node)
                remaining[group] -= 1
            } else if nonEmpty.isEmpty && empty.isEmpty {
                nonEmpty.append(node)
                remaining[group] -= 1
            }
        }
        if !empty.isEmpty {
            for node in empty {
                cluster.recordEvent(
                    .normal, "ScaleDownEmpty", "removing empty node \"\(cluster.api[node].name)\"", kind: "Node",
                    namespace: "", name: cluster.api[node].name, component: Self.component)
                delete(node)
            }
            lastScaleDownDelete = now
            return
        }
        guard let node = nonEmpty.first else { return }
        startDrain(node)
        lastScaleDownDelete = now
    }

    /// Taints the node `ToBeDeletedByClusterAutoscaler:NoSchedule` and evicts its pods.
    func startDrain(_ node: NodeID) {
        let name = cluster.api[node].name
        draining[node] = cluster.now
        unneededSince[node] = nil
        cluster.updateNode(node) { object in
            var taints = object.node.spec.taints ?? []
            taints.append(
                Taint(
                    key: Self.toBeDeletedTaint, value: String(cluster.now.nanoseconds / 1_000_000_000),
                    effect: .noSchedule))
            object.node.spec.taints = taints
        }
        cluster.recordEvent(
            .normal, "ScaleDown", "marked the node as toBeDeleted/unschedulable", kind: "Node", namespace: "",
            name: name, component: Self.component)
        for index in cluster.api.pods.indices
        where cluster.api.podFacts[index].node == Int32(node.value) && cluster.api.podFacts[index].isActive
            && !isDaemonOrMirror(PodID(index))
        {
            cluster.recordEvent(
                .normal, "ScaleDown", "deleting pod for node scale down", pod: PodID(index),
                component: Self.component)
            cluster.evict(PodID(index))
        }
        schedule(.clusterAutoscaler(.drainCheck(node)), after: .seconds(5))
    }

    /// Deletes the drained node once its pods are gone (or the graceful termination bound passed).
    func checkDrain(_ node: NodeID) {
        guard let started = draining[node], !cluster.api[node].isRemoved else { return }
        let busy = cluster.api.pods.indices.contains { index in
            cluster.api.podFacts[index].node == Int32(node.value) && !cluster.api.podFacts[index].isRemoved
                && !cluster.api.podFacts[index].isTerminal && !isDaemonOrMirror(PodID(index))
        }
        if busy && cluster.now - started < options.maxGracefulTermination {
            schedule(.clusterAutoscaler(.drainCheck(node)), after: .seconds(5))
            return
        }
        delete(node)
    }

    /// Deletes a node from the cloud and the API.
    func delete(_ node: NodeID) {
        draining[node] = nil
        unneededSince[node] = nil
        if let group = groupOfNode[node] { groups[group].nodes.removeAll { $0 == node } }
        nodeBilling[node]?.deleted = cluster.now
        scaleDowns += 1
        cluster.removeNode(node)
    }
}
