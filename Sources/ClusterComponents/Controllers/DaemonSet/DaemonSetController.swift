import KubeModel
import SimulationCore

/// The DaemonSet controller (k/k pkg/controller/daemon/daemon_controller.go and update.go):
/// one pod per node that should run it, made for that node through a required node affinity on
/// `metadata.name` and placed by the default scheduler, so daemon pods take node capacity like
/// any other pod.
///
/// Edge-triggered like the other controllers: its pods' changes and every node change enqueue
/// a sync of the DaemonSet (deduplicated); the sync reconciles from the current objects.
final class DaemonSetController: ClusterComponent {
    /// The component name on its Events.
    static let component = "daemonset-controller"

    /// The controller manager whose pod control, work queue and objects this controller uses.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - Work queue

    /// Queues a sync of the DaemonSet at `index` (once until it runs).
    func enqueue(_ index: Int) {
        guard !manager.workloads.daemonSets[index].syncQueued, !manager.workloads.daemonSets[index].isDeleted else {
            return
        }
        manager.workloads.daemonSets[index].syncQueued = true
        schedule(.controller(.syncDaemonSet(index)), after: .zero)
    }

    /// Queues every DaemonSet (a node was added, changed or removed).
    /// - Complexity: O(DaemonSets); nothing when there are none.
    func enqueueAll() {
        for index in manager.workloads.daemonSets.indices { enqueue(index) }
    }

    // MARK: - API writes

    /// Creates or updates a DaemonSet (`kubectl apply`); a changed template bumps
    /// `metadata.generation` and starts a rolling update.
    /// - Returns: its index in ``WorkloadStore/daemonSets``.
    @discardableResult
    func apply(_ manifest: DaemonSet) -> Int {
        var daemonSet = manifest
        let namespace = daemonSet.metadata.namespace ?? "default"
        daemonSet.metadata.namespace = namespace
        let name = daemonSet.metadata.name ?? ""
        if let index = manager.workloads.daemonSet(namespace: namespace, name: name) {
            let old = manager.workloads.daemonSets[index].daemonSet
            cluster.prepareForUpdate(&daemonSet.metadata, old: old.metadata, specChanged: old.spec != daemonSet.spec)
            manager.workloads.daemonSets[index].daemonSet = daemonSet
            manager.workloads.daemonSets[index].templateHash = PodTemplateHash.compute(daemonSet.spec.template)
            enqueue(index)
            return index
        }
        cluster.prepareForCreate(&daemonSet.metadata)
        let index = manager.workloads.daemonSets.count
        manager.workloads.daemonSets.append(
            DaemonSetObject(
                index: index, daemonSet: daemonSet, createdAt: cluster.now,
                templateHash: PodTemplateHash.compute(daemonSet.spec.template)))
        manager.workloads.daemonSetsByName[namespace + "/" + name] = index
        enqueue(index)
        return index
    }

    /// Deletes the DaemonSet; the garbage collector deletes its pods.
    func delete(_ index: Int) {
        guard let daemonSet = manager.workloads.markDeleted(index, in: \.daemonSets, names: \.daemonSetsByName) else {
            return
        }
        cancel(daemonSet.availabilityCheck)
        manager.ownerDeleted(.daemonSet(index))
    }

    // MARK: - Sync

    /// `syncDaemonSet`: `manage` (create the missing daemon pods, delete those on nodes that
    /// should no longer run one, failed ones and duplicates), then the rolling update, then
    /// the status.
    /// - Complexity: O(nodes + pods of the DaemonSet).
    func sync(_ index: Int) {
        manager.workloads.daemonSets[index].syncQueued = false
        guard !manager.workloads.daemonSets[index].isDeleted else { return }
        let facts = cluster.api.podFacts
        manager.workloads.daemonSets[index].pods.removeAll { facts[$0.value].isRemoved }
        let daemonSet = manager.workloads.daemonSets[index]
        let podsByNode = podsByNode(daemonSet)
        var create: [NodeID] = []
        var delete: [PodID] = []
        for node in cluster.api.nodes where !node.isRemoved {
            let pods = podsByNode[node.id.value] ?? []
            let placement = Self.placement(of: daemonSet.daemonSet.spec.template.spec, on: node.node)
            // daemon_controller.go podsShouldBeOnNode: failed pods are deleted (and replaced).
            for pod in pods where facts[pod.value].isTerminal && !facts[pod.value].isTerminating {
                delete.append(pod)
            }
            let running = pods.filter { facts[$0.value].isActive }
            if placement.shouldRun, running.isEmpty {
                create.append(node.id)
            } else if !placement.shouldContinueRunning {
                delete += running
            } else if running.count > 1, maxSurge(daemonSet, desired: 1) == 0 {
                // More than one daemon pod on a node: keep the oldest (pods are in creation order).
                delete += running.dropFirst()
            }
        }
        for pod in delete { deletePod(pod, of: daemonSet) }
        for node in create { createPod(for: index, on: node) }
        if daemonSet.daemonSet.spec.updateStrategy.type == "RollingUpdate" { rollingUpdate(index) }
        updateStatus(index)
    }

    /// The live pods of the DaemonSet by the node they were made for.
    func podsByNode(_ daemonSet: DaemonSetObject) -> [Int: [PodID]] {
        var result: [Int: [PodID]] = [:]
        for pod in daemonSet.pods where !cluster.api.podFacts[pod.value].isRemoved {
            guard let node = daemonSet.targetNode[pod.value] else { continue }
            result[node.value, default: []].append(pod)
        }
        return result
    }

    // MARK: - Rolling update

    /// update.go `rollingUpdate`. Without surge, old pods are deleted on at most
    /// `maxUnavailable` nodes at a time (unavailable old pods always); with `maxSurge`, a new
    /// pod starts beside the old one on at most `maxSurge` nodes, and the old one goes once the
    /// new one is available.
    func rollingUpdate(_ index: Int) {
        let daemonSet = manager.workloads.daemonSets[index]
        let podsByNode = podsByNode(daemonSet)
        let facts = cluster.api.podFacts
        var eligible: [(node: NodeID, new: PodID?, old: PodID?)] = []
        for node in cluster.api.nodes where !node.isRemoved {
            guard Self.placement(of: daemonSet.daemonSet.spec.template.spec, on: node.node).shouldRun else { continue }
            let running = (podsByNode[node.id.value] ?? []).filter { facts[$0.value].isActive }
            let new = running.filter { isUpdated($0, daemonSet) }
            let old = running.filter { !isUpdated($0, daemonSet) }
            // findUpdatedPodsOnNode: more than one of either kind waits for manage to clean up.
            guard new.count <= 1, old.count <= 1 else { continue }
            eligible.append((node.id, new.first, old.first))
        }
        let desired = eligible.count
        let maxSurge = maxSurge(daemonSet, desired: desired)
        var maxUnavailable = scaled(daemonSet.daemonSet.spec.updateStrategy.maxUnavailable, desired)
        // update.go updatedDesiredNodeCounts: both rounding to zero means one at a time.
        if maxSurge == 0, maxUnavailable == 0 { maxUnavailable = 1 }
        if maxSurge == 0 {
            var unavailable = 0
            var replace: [PodID] = []
            var candidates: [PodID] = []
            for entry in eligible {
                switch (entry.old, entry.new) {
                case (nil, nil): unavailable += 1
                case (nil, let new?): if !isAvailable(new, daemonSet) { unavailable += 1 }
                case (_, _?): continue
                case (let old?, nil):
                    if !isAvailable(old, daemonSet) {
                        replace.append(old)
                        unavailable += 1
                    } else if unavailable < maxUnavailable {
                        candidates.append(old)
                    }
                }
            }
            let remaining = max(0, maxUnavailable - unavailable)
            for pod in replace + candidates.prefix(remaining) { deletePod(pod, of: daemonSet) }
        } else {
            var surging = 0
            var createOn: [NodeID] = []
            var candidates: [NodeID] = []
            for entry in eligible {
                guard let old = entry.old else { continue }
                if let new = entry.new {
                    if isAvailable(new, daemonSet) {
                        deletePod(old, of: daemonSet)
                    } else {
                        surging += 1
                    }
                } else if !isAvailable(old, daemonSet) {
                    createOn.append(entry.node)
                } else {
                    candidates.append(entry.node)
                }
            }
            createOn += candidates.prefix(max(0, maxSurge - surging))
            for node in createOn { createPod(for: index, on: node) }
        }
    }

    /// Whether the pod carries the current template's `controller-revision-hash`.
    func isUpdated(_ pod: PodID, _ daemonSet: DaemonSetObject) -> Bool {
        cluster.api[pod].pod.metadata.labels?["controller-revision-hash"] == daemonSet.templateHash
    }

    /// `podutil.IsPodAvailable`: Ready for at least `minReadySeconds`.
    func isAvailable(_ pod: PodID, _ daemonSet: DaemonSetObject) -> Bool {
        guard let since = cluster.api.podFacts[pod.value].readySince else { return false }
        return since + .seconds(daemonSet.daemonSet.spec.minReadySeconds) <= cluster.now
    }

    func maxSurge(_ daemonSet: DaemonSetObject, desired: Int) -> Int {
        scaled(daemonSet.daemonSet.spec.updateStrategy.maxSurge, desired)
    }

    /// `intstrutil.GetScaledValueFromIntOrPercent(value, total, true)`.
    func scaled(_ value: IntOrString, _ total: Int) -> Int {
        (try? value.scaledValue(total: total, roundUp: true)) ?? 0
    }

    // MARK: - Pods

    /// Creates the daemon pod for `node`: the template with `controller-revision-hash` and
    /// `pod-template-generation` labels, the node-name affinity
    /// (util.ReplaceDaemonSetPodNodeNameNodeAffinity) and the automatic tolerations.
    func createPod(for index: Int, on node: NodeID) {
        let daemonSet = manager.workloads.daemonSets[index]
        let owner = OwnerReference(
            apiVersion: "apps/v1", kind: "DaemonSet", name: daemonSet.name, uid: daemonSet.uid, controller: true,
            blockOwnerDeletion: true)
        var pod = ControllerManager.pod(
            from: daemonSet.daemonSet.spec.template,
            extraLabels: [
                "controller-revision-hash": daemonSet.templateHash,
                "pod-template-generation": String(daemonSet.generation),
            ], namespace: daemonSet.namespace, owner: owner)
        let term = NodeSelectorTerm(
            matchFields: [
                NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [cluster.api[node].name])
            ])
        var affinity = pod.spec.affinity ?? Affinity()
        var nodeAffinity = affinity.nodeAffinity ?? NodeAffinity()
        nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = NodeSelector(nodeSelectorTerms: [term])
        affinity.nodeAffinity = nodeAffinity
        pod.spec.affinity = affinity
        pod.spec.tolerations = Self.withDaemonTolerations(
            pod.spec.tolerations ?? [], hostNetwork: pod.spec.hostNetwork ?? false)
        guard
            let id = manager.createControlledPod(
                pod, owner: owner, state: .daemonSet(index), component: Self.component,
                message: { "Created pod: \($0)" })
        else { return }
        manager.workloads.daemonSets[index].targetNode[id.value] = node
    }

    func deletePod(_ pod: PodID, of daemonSet: DaemonSetObject) {
        manager.deleteOwnedPod(pod, ownerKind: "DaemonSet", ownerName: daemonSet.name, component: Self.component)
    }

    /// util.AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go):
    /// not-ready and unreachable NoExecute without a time limit; disk, memory and PID pressure
    /// and unschedulable NoSchedule; network-unavailable NoSchedule for host-network pods.
    static func withDaemonTolerations(_ tolerations: [Toleration], hostNetwork: Bool) -> [Toleration] {
        var keys: [(String, TaintEffect)] = [
            (Taint.notReadyKey, .noExecute), (Taint.unreachableKey, .noExecute),
            ("node.kubernetes.io/disk-pressure", .noSchedule), ("node.kubernetes.io/memory-pressure", .noSchedule),
            ("node.kubernetes.io/pid-pressure", .noSchedule), (Taint.unschedulableKey, .noSchedule),
        ]
        if hostNetwork { keys.append(("node.kubernetes.io/network-unavailable", .noSchedule)) }
        var result = tolerations
        for (key, effect) in keys {
            let toleration = Toleration(key: key, operator: .exists, effect: effect)
            // v1helper.AddOrUpdateTolerationInPodSpec: replaces a toleration of the same key and effect.
            if let existing = result.firstIndex(where: { $0.key == key && $0.effect == effect }) {
                result[existing] = toleration
            } else {
                result.append(toleration)
            }
        }
        return result
    }

    /// `NodeShouldRunDaemonPod`: the template's node selector and required node affinity
    /// must match, and every NoSchedule/NoExecute taint be tolerated (with the automatic
    /// tolerations) for the pod to be placed; an untolerated NoExecute taint alone removes a
    /// running one.
    static func placement(of spec: PodSpec, on node: Node) -> (shouldRun: Bool, shouldContinueRunning: Bool) {
        let labels = node.metadata.labels ?? [:]
        let name = node.metadata.name ?? ""
        for (key, value) in spec.nodeSelector ?? [:] where labels[key] != value { return (false, false) }
        if let required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
            !required.nodeSelectorTerms.contains(where: { $0.matches(labels: labels, nodeName: name) })
        {
            return (false, false)
        }
        let tolerations = withDaemonTolerations(spec.tolerations ?? [], hostNetwork: spec.hostNetwork ?? false)
        var shouldRun = true
        for taint in node.spec.taints ?? [] where !tolerations.tolerates(taint) {
            switch taint.effect {
            case .noExecute: return (false, false)
            case .noSchedule: shouldRun = false
            default: break
            }
        }
        return (shouldRun, true)
    }

    // MARK: - Status

    /// Recomputes `status` and schedules the `minReadySeconds` re-check.
    func updateStatus(_ index: Int) {
        let daemonSet = manager.workloads.daemonSets[index]
        let facts = cluster.api.podFacts
        let podsByNode = podsByNode(daemonSet)
        var status = DaemonSetStatusRecord()
        var nextAvailable: SimulationTime?
        let minReady = SimulationDuration.seconds(daemonSet.daemonSet.spec.minReadySeconds)
        for node in cluster.api.nodes where !node.isRemoved {
            let placement = Self.placement(of: daemonSet.daemonSet.spec.template.spec, on: node.node)
            let scheduled = (podsByNode[node.id.value] ?? []).filter {
                facts[$0.value].isActive && facts[$0.value].isBound
            }
            if placement.shouldRun { status.desiredNumberScheduled += 1 }
            guard let pod = scheduled.first else { continue }
            guard placement.shouldRun else {
                status.numberMisscheduled += 1
                continue
            }
            status.currentNumberScheduled += 1
            if isUpdated(pod, daemonSet) { status.updatedNumberScheduled += 1 }
            if let since = facts[pod.value].readySince {
                status.numberReady += 1
                if since + minReady <= cluster.now {
                    status.numberAvailable += 1
                } else {
                    nextAvailable = min(nextAvailable ?? .distantFuture, since + minReady)
                }
            }
        }
        cancel(daemonSet.availabilityCheck)
        manager.workloads.daemonSets[index].availabilityCheck = nextAvailable.map {
            schedule(.controller(.syncDaemonSet(index)), at: $0)
        }
        manager.workloads.daemonSets[index].status = status
    }
}
