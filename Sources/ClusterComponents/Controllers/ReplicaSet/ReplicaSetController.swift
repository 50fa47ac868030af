import KubeModel
import SimulationCore

/// The ReplicaSet controller (k/k pkg/controller/replicaset/replica_set.go).
///
/// Its pods' changes update the set's running ``ReplicaSetTally`` and enqueue a sync; the
/// sync creates or deletes the difference and recomputes the status.
final class ReplicaSetController: ClusterComponent {
    /// The component name on its Events.
    static let component = "replicaset-controller"

    /// The controller manager whose pod control, work queue and objects this controller uses.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager

    /// Buffers reused by every scan of ``podsToDeleteByScan(_:of:activeCount:)``.
    var deletionScratch = DeletionScratch()
    /// The sets being scaled down, each with its pods in deletion order, kept by the pod writes.
    var deletionIndexes: [PodDeletionIndex] = []

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - Event handlers

    /// One of the set's pods changed: its contribution to the tally, then a sync.
    /// - Complexity: O(1).
    func podChanged(_ pod: PodID, of index: Int) {
        let contribution = ReplicaSetTally.Contribution(cluster.api.podFacts[pod.value])
        manager.workloads.replicaSets[index].tally.replace(manager.podStates[pod.value].tally, with: contribution)
        manager.podStates[pod.value].tally = contribution
        enqueue(index)
    }

    /// Queues a sync of the ReplicaSet at `index` (once until it runs).
    func enqueue(_ index: Int) {
        guard !reading(index, { $0.syncQueued || $0.isDeleted }) else { return }
        manager.workloads.replicaSets[index].syncQueued = true
        schedule(.controller(.syncReplicaSet(index)), after: .zero)
    }

    // MARK: - API writes

    /// Creates or updates a standalone ReplicaSet.
    /// - Returns: its index in ``WorkloadStore/replicaSets``, or `nil` if a different kind of
    ///   owner already uses the name.
    @discardableResult
    func apply(_ manifest: ReplicaSet) -> Int? {
        var replicaSet = manifest
        let namespace = replicaSet.metadata.namespace ?? "default"
        replicaSet.metadata.namespace = namespace
        if let index = manager.workloads.replicaSet(namespace: namespace, name: replicaSet.metadata.name ?? "") {
            replicaSet.metadata.uid = manager.workloads.replicaSets[index].uid
            replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            manager.workloads.replicaSets[index].replicaSet = replicaSet
            enqueue(index)
            return index
        }
        return insert(replicaSet, deployment: nil, templateHash: nil)
    }

    /// Adds a ReplicaSet to the store and queues its first sync.
    func insert(_ manifest: ReplicaSet, deployment: Int?, templateHash: String?) -> Int? {
        var replicaSet = manifest
        let namespace = replicaSet.metadata.namespace ?? "default"
        let key = namespace + "/" + (replicaSet.metadata.name ?? "")
        guard manager.workloads.replicaSetsByName[key] == nil else { return nil }
        replicaSet.metadata.namespace = namespace
        cluster.prepareForCreate(&replicaSet.metadata)
        let index = manager.workloads.replicaSets.count
        var object = ReplicaSetObject(
            index: index, replicaSet: replicaSet, deployment: deployment, createdAt: cluster.now)
        object.templateHash = templateHash
        manager.workloads.replicaSets.append(object)
        manager.workloads.replicaSetsByName[key] = index
        if let deployment { manager.workloads.deployments[deployment].replicaSets.append(index) }
        enqueue(index)
        return index
    }

    /// Deletes the ReplicaSet; the garbage collector deletes its pods.
    func delete(_ index: Int) {
        guard let rs = manager.workloads.markDeleted(index, in: \.replicaSets, names: \.replicaSetsByName) else {
            return
        }
        cancel(rs.availabilityCheck)
        dropDeletionIndex(index)
        manager.ownerDeleted(.replicaSet(index))
    }

    /// `kubectl scale`: sets `spec.replicas` and queues a sync.
    func scale(_ index: Int, to replicas: Int) {
        manager.workloads.replicaSets[index].replicaSet.spec.replicas = replicas
        manager.workloads.replicaSets[index].replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
        enqueue(index)
    }

    /// Changes the pod template (future pods only, as upstream).
    func patchTemplate(_ index: Int, _ template: PodTemplateSpec) {
        manager.workloads.replicaSets[index].replicaSet.spec.template = template
        manager.workloads.replicaSets[index].replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
    }

    /// Sets `spec.replicas` and reconciles at once: the Deployment controller's
    /// `scaleReplicaSet` and this controller's reaction in one step (upstream the reaction
    /// waits for the work queue; kept synchronous so runs stay as they were).
    func setReplicas(_ index: Int, to replicas: Int) {
        guard reading(index, { $0.replicas }) != replicas else { return }
        manager.workloads.replicaSets[index].replicaSet.spec.replicas = replicas
        manager.workloads.replicaSets[index].replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
        syncReplicaSet(index)
    }

    // MARK: - Sync

    /// The value of `body` on the ReplicaSet at `index`, read in place
    /// (``WorkloadStore/reading(replicaSet:_:)``: no copy of the whole object).
    func reading<R>(_ index: Int, _ body: (inout ReplicaSetObject) -> R) -> R {
        manager.workloads.reading(replicaSet: index, body)
    }

    /// The work-queue item: `syncReplicaSet`.
    func sync(_ index: Int) {
        manager.workloads.replicaSets[index].syncQueued = false
        syncReplicaSet(index)
    }

    /// `syncReplicaSet`: prune gone pods, `manageReplicas` (create the missing, delete the
    /// extra as `getPodsToDelete` ranks them), then `calculateStatus`.
    ///
    /// Pods that are terminating or terminal (Failed after an eviction, Succeeded) are not
    /// active (`controller.FilterActivePods`), so they are replaced at once.
    /// - Complexity: O(f) for f pods of the owner family when a write gets a token to delete
    ///   (``podsToDelete(_:of:activeCount:)``), amortized O(1) otherwise (the status comes from
    ///   the running ``ReplicaSetTally``).
    func syncReplicaSet(_ index: Int) {
        guard !reading(index, { $0.isDeleted }) else { return }
        pruneRemovedPods(index)
        let diff = reading(index) { $0.tally.active - $0.replicas }
        if diff < 0 {
            // manageReplicas creates in slow-start batches of 1, 2, 4, … capped by burstReplicas
            // (500); creations never fail here, so the result is the same as creating all at once.
            let (name, uid, namespace) = reading(index) { ($0.name, $0.uid, $0.namespace) }
            let owner = OwnerReference(
                apiVersion: "apps/v1", kind: "ReplicaSet", name: name, uid: uid, controller: true,
                blockOwnerDeletion: true)
            manager.createPods(
                -diff, from: { reading(index) { $0.replicaSet.spec.template } }, namespace: namespace, owner: owner,
                state: .replicaSet(index), component: Self.component)
        } else if diff > 0 {
            let (name, activeCount) = reading(index) { ($0.name, $0.tally.active) }
            // Only the writes that get a token now need ranking; the order is total, so they
            // are the same pods in the same order as the first `diff` of the full ranking. The
            // first refused write only blocks the set until the next token, whichever of its
            // pods it names (all have this set as their owner): it needs no ranking, and a sync
            // between tokens (most of a throttled scale-down's syncs) does not list the pods.
            let admissible = diff >= activeCount ? diff : manager.admissibleWrites(upTo: diff)
            if admissible > 0 {
                for pod in podsToDelete(admissible, of: index, activeCount: activeCount) {
                    manager.deleteOwnedPod(pod, ownerKind: "ReplicaSet", ownerName: name, component: Self.component)
                }
            }
            if admissible < diff {
                let admitted = manager.admitWrite(for: .replicaSet(index))
                assert(!admitted, "admissibleWrites(upTo:) counted every token available now")
            }
        }
        // A set with no active pod has nothing to rank: its index would only be kept by writes.
        if hasDeletionIndexes, reading(index, { $0.tally.active == 0 }) { dropDeletionIndex(index) }
        updateStatus(index)
    }

    /// Recomputes `status` (`calculateStatus`), schedules the `minReadySeconds` re-check, and
    /// enqueues the owning Deployment when the status changed.
    func updateStatus(_ index: Int) {
        let (status, nextAvailable) = currentStatus(index)
        cancel(reading(index, { $0.availabilityCheck }))
        manager.workloads.replicaSets[index].availabilityCheck = nextAvailable.map {
            // replica_set.go: resync after MinReadySeconds so availability is observed on time.
            schedule(.controller(.syncReplicaSet(index)), at: $0)
        }
        guard status != reading(index, { $0.status }) else { return }
        manager.workloads.replicaSets[index].status = status
        if let deployment = reading(index, { $0.deployment }) { manager.deployments.enqueue(deployment) }
    }

    /// The set's active pods (`controller.FilterActivePods`), in creation order; `count` is the
    /// tally's count of them.
    func activePods(of index: Int, count: Int) -> [PodID] {
        let facts = cluster.api.podFacts
        var active: [PodID] = []
        active.reserveCapacity(count)
        for pod in reading(index, { $0.pods }) where facts[pod.value].isActive { active.append(pod) }
        assert(active.count == count, "the ReplicaSet tally's active count disagrees with the pods' facts")
        return active
    }

    /// Drops removed pods from the set's list once they are half of it (amortized O(1) per pod).
    func pruneRemovedPods(_ index: Int) {
        guard reading(index, { $0.tally.removed > 0 && 2 * $0.tally.removed >= $0.pods.count }) else { return }
        let facts = cluster.api.podFacts
        manager.workloads.replicaSets[index].pods.removeAll { facts[$0.value].isRemoved }
        manager.workloads.replicaSets[index].tally.removed = 0
    }

    /// The set's status now, and when the next ready pod becomes available (`minReadySeconds`).
    /// - Complexity: O(1) from the running tally when `minReadySeconds` is 0 (every ready pod
    ///   is available); O(p) for p pods of the set otherwise.
    func currentStatus(_ index: Int) -> (status: ReplicaSetStatusRecord, nextAvailable: SimulationTime?) {
        let (tally, minReadySeconds) = reading(index) { ($0.tally, $0.replicaSet.spec.minReadySeconds ?? 0) }
        var status = ReplicaSetStatusRecord()
        status.replicas = tally.active
        status.readyReplicas = tally.ready
        status.terminatingReplicas = tally.terminating
        guard minReadySeconds > 0 else {
            status.availableReplicas = tally.ready
            return (status, nil)
        }
        let minReady = SimulationDuration.seconds(minReadySeconds)
        var nextAvailable: SimulationTime?
        let now = cluster.now
        let facts = cluster.api.podFacts
        for pod in reading(index, { $0.pods }) {
            guard facts[pod.value].isActive, let since = facts[pod.value].readySince else { continue }
            // podutil.IsPodAvailable: ready for at least minReadySeconds.
            if since + minReady <= now {
                status.availableReplicas += 1
            } else {
                nextAvailable = min(nextAvailable ?? .distantFuture, since + minReady)
            }
        }
        return (status, nextAvailable)
    }
}
