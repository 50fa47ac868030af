import KubeModel
import SimulationCore

/// The StatefulSet controller (k/k pkg/controller/statefulset/stateful_set_control.go
/// `updateStatefulSet`): pods with stable ordinal names `<set>-<ordinal>`, created in ordinal
/// order and removed from the highest ordinal under `OrderedReady` (each step waits for the
/// previous pod to be Running and Ready), all at once under `Parallel`; `RollingUpdate`
/// replaces pods from the highest ordinal down to `partition`, one at a time.
///
/// `maxUnavailable` of the rolling update (alpha gate MaxUnavailableStatefulSet, off by
/// default) is not modelled: updates go one pod at a time, as with the gate off.
final class StatefulSetController: ClusterComponent {
    /// The component name on its Events.
    static let component = "statefulset-controller"

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

    /// Queues a sync of the StatefulSet at `index` (once until it runs).
    func enqueue(_ index: Int) {
        guard !manager.workloads.statefulSets[index].syncQueued, !manager.workloads.statefulSets[index].isDeleted
        else { return }
        manager.workloads.statefulSets[index].syncQueued = true
        schedule(.controller(.syncStatefulSet(index)), after: .zero)
    }

    // MARK: - API writes

    /// Creates or updates a StatefulSet (`kubectl apply`); a changed template makes a new
    /// update revision that the rolling update then rolls out.
    /// - Returns: its index in ``WorkloadStore/statefulSets``.
    @discardableResult
    func apply(_ manifest: StatefulSet) -> Int {
        var statefulSet = manifest
        let namespace = statefulSet.metadata.namespace ?? "default"
        statefulSet.metadata.namespace = namespace
        let name = statefulSet.metadata.name ?? ""
        let revision = name + "-" + PodTemplateHash.compute(statefulSet.spec.template)
        if let index = manager.workloads.statefulSet(namespace: namespace, name: name) {
            let old = manager.workloads.statefulSets[index].statefulSet
            cluster.prepareForUpdate(
                &statefulSet.metadata, old: old.metadata, specChanged: old.spec != statefulSet.spec)
            manager.workloads.statefulSets[index].statefulSet = statefulSet
            manager.workloads.statefulSets[index].updateRevision = revision
            manager.workloads.statefulSets[index].templates[revision] = statefulSet.spec.template
            enqueue(index)
            return index
        }
        cluster.prepareForCreate(&statefulSet.metadata)
        let index = manager.workloads.statefulSets.count
        var object = StatefulSetObject(
            index: index, statefulSet: statefulSet, createdAt: cluster.now, currentRevision: revision,
            updateRevision: revision)
        object.templates[revision] = statefulSet.spec.template
        manager.workloads.statefulSets.append(object)
        manager.workloads.statefulSetsByName[namespace + "/" + name] = index
        enqueue(index)
        return index
    }

    /// Deletes the StatefulSet; the garbage collector deletes its pods.
    func delete(_ index: Int) {
        guard let statefulSet = manager.workloads.markDeleted(index, in: \.statefulSets, names: \.statefulSetsByName)
        else { return }
        cancel(statefulSet.availabilityCheck)
        manager.ownerDeleted(.statefulSet(index))
    }

    // MARK: - Sync

    /// `updateStatefulSet`: replicas in ordinal order, then condemned pods from the highest
    /// ordinal, then the rolling update; under `OrderedReady` the first step that must wait
    /// ends the sync (the pod's next change enqueues it again).
    /// - Complexity: O(pods of the set).
    func sync(_ index: Int) {
        manager.workloads.statefulSets[index].syncQueued = false
        guard !manager.workloads.statefulSets[index].isDeleted else { return }
        let facts = cluster.api.podFacts
        manager.workloads.statefulSets[index].pods.removeAll { facts[$0.value].isRemoved }
        reconcile(index)
        updateStatus(index)
    }

    private func reconcile(_ index: Int) {
        let set = manager.workloads.statefulSets[index]
        let spec = set.statefulSet.spec
        let monotonic = spec.podManagementPolicy != "Parallel"
        let facts = cluster.api.podFacts
        var byOrdinal: [Int: PodID] = [:]
        for pod in set.pods { if let ordinal = set.ordinal[pod.value] { byOrdinal[ordinal] = pod } }
        let replicaOrdinals = spec.ordinalsStart..<(spec.ordinalsStart + spec.replicas)
        let condemned = byOrdinal.keys.filter { !replicaOrdinals.contains($0) }.sorted(by: >)

        // The first unhealthy pod, replicas by ordinal then condemned (highest first): under
        // OrderedReady, a condemned pod is only removed while it is that pod or none exists.
        let order = replicaOrdinals.compactMap { byOrdinal[$0] } + condemned.compactMap { byOrdinal[$0] }
        let firstUnhealthy = order.first { !isRunningAndReady($0) || facts[$0.value].isTerminating }

        for ordinal in replicaOrdinals {
            guard let pod = byOrdinal[ordinal] else {
                createPod(index, ordinal: ordinal)
                if monotonic { return }
                continue
            }
            if facts[pod.value].isTerminal, !facts[pod.value].isTerminating {
                // A failed or succeeded pod is deleted and made again.
                deletePod(pod, of: set)
                if monotonic { return }
                continue
            }
            if facts[pod.value].isTerminating {
                if monotonic { return }
                continue
            }
            // stateful_set_control.go: in monotonic mode, wait for Running, Ready and available.
            if monotonic, !isRunningAndAvailable(pod, set) { return }
        }
        for ordinal in condemned {
            guard let pod = byOrdinal[ordinal] else { continue }
            if facts[pod.value].isTerminating {
                if monotonic { return }
                continue
            }
            if monotonic, let firstUnhealthy, firstUnhealthy != pod { return }
            deletePod(pod, of: set)
            if monotonic { return }
        }
        guard spec.updateStrategy.type == "RollingUpdate" else { return }
        // Positions (ordinal − start) from the highest down to the partition, one pod at a time.
        let lowest = spec.ordinalsStart + max(0, spec.updateStrategy.partition)
        for ordinal in replicaOrdinals.reversed() where ordinal >= lowest {
            guard let pod = byOrdinal[ordinal] else { return }
            if set.revision[pod.value] != set.updateRevision, !facts[pod.value].isTerminating {
                deletePod(pod, of: set)
                return
            }
            if !isRunningAndAvailable(pod, set) { return }
        }
    }

    /// Running with the Ready condition True.
    func isRunningAndReady(_ pod: PodID) -> Bool {
        let facts = cluster.api.podFacts[pod.value]
        return facts.readySince != nil && !facts.isPending && !facts.isTerminal && !facts.isPhaseUnknown
    }

    /// Running and Ready for at least `minReadySeconds`.
    func isRunningAndAvailable(_ pod: PodID, _ set: StatefulSetObject) -> Bool {
        guard isRunningAndReady(pod), let since = cluster.api.podFacts[pod.value].readySince else { return false }
        return since + .seconds(set.statefulSet.spec.minReadySeconds) <= cluster.now
    }

    // MARK: - Pods

    /// `newVersionedStatefulSetPod`: the pod of `ordinal` from the current revision's template
    /// below the partition, the update revision's otherwise; named `<set>-<ordinal>`, with the
    /// `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index` and
    /// `controller-revision-hash` labels, hostname and subdomain (stateful_set_utils.go).
    func createPod(_ index: Int, ordinal: Int) {
        let set = manager.workloads.statefulSets[index]
        let spec = set.statefulSet.spec
        let belowPartition =
            spec.updateStrategy.type == "RollingUpdate" && ordinal < spec.ordinalsStart + spec.updateStrategy.partition
        let revision = belowPartition ? set.currentRevision : set.updateRevision
        let template = set.templates[revision] ?? spec.template
        let name = "\(set.name)-\(ordinal)"
        let owner = OwnerReference(
            apiVersion: "apps/v1", kind: "StatefulSet", name: set.name, uid: set.uid, controller: true,
            blockOwnerDeletion: true)
        var pod = ControllerManager.pod(
            from: template,
            extraLabels: [
                "statefulset.kubernetes.io/pod-name": name, "apps.kubernetes.io/pod-index": String(ordinal),
                "controller-revision-hash": revision,
            ], namespace: set.namespace, owner: owner)
        pod.metadata.generateName = nil
        pod.metadata.name = name
        pod.spec.hostname = name
        if let service = spec.serviceName, !service.isEmpty { pod.spec.subdomain = service }
        // stateful_pod_control.go recordPodEvent: "create Pod web-0 in StatefulSet web successful".
        guard
            let id = manager.createControlledPod(
                pod, owner: owner, state: .statefulSet(index), component: Self.component,
                message: { "create Pod \($0) in StatefulSet \(set.name) successful" })
        else { return }
        manager.workloads.statefulSets[index].ordinal[id.value] = ordinal
        manager.workloads.statefulSets[index].revision[id.value] = revision
    }

    func deletePod(_ pod: PodID, of set: StatefulSetObject) {
        manager.deleteOwnedPod(
            pod, ownerKind: "StatefulSet", ownerName: set.name, component: Self.component,
            message: { "delete Pod \($0) in StatefulSet \(set.name) successful" })
    }

    // MARK: - Status

    /// Recomputes `status`, completes the update (current revision := update revision once
    /// every replica is updated) and schedules the `minReadySeconds` re-check.
    func updateStatus(_ index: Int) {
        let set = manager.workloads.statefulSets[index]
        let facts = cluster.api.podFacts
        var status = StatefulSetStatusRecord()
        var nextAvailable: SimulationTime?
        let minReady = SimulationDuration.seconds(set.statefulSet.spec.minReadySeconds)
        for pod in set.pods where !facts[pod.value].isRemoved && !facts[pod.value].isTerminal {
            status.replicas += 1
            if set.revision[pod.value] == set.currentRevision { status.currentReplicas += 1 }
            if set.revision[pod.value] == set.updateRevision { status.updatedReplicas += 1 }
            guard isRunningAndReady(pod), let since = facts[pod.value].readySince else { continue }
            status.readyReplicas += 1
            if since + minReady <= cluster.now {
                status.availableReplicas += 1
            } else {
                nextAvailable = min(nextAvailable ?? .distantFuture, since + minReady)
            }
        }
        let replicas = set.statefulSet.spec.replicas
        if set.currentRevision != set.updateRevision, status.updatedReplicas == replicas, status.replicas == replicas,
            status.readyReplicas == replicas
        {
            manager.workloads.statefulSets[index].currentRevision = set.updateRevision
            manager.workloads.statefulSets[index].templates = [set.updateRevision: set.statefulSet.spec.template]
            status.currentReplicas = status.updatedReplicas
        }
        cancel(set.availabilityCheck)
        manager.workloads.statefulSets[index].availabilityCheck = nextAvailable.map {
            schedule(.controller(.syncStatefulSet(index)), at: $0)
        }
        manager.workloads.statefulSets[index].status = status
    }
}
