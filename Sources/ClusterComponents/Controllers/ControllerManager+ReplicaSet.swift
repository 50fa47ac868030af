import KubeModel
import SimulationCore

/// The ReplicaSet controller (k/k pkg/controller/replicaset/replica_set.go).
extension ControllerManager {
    /// The component name on its Events.
    static let replicaSetComponent = "replicaset-controller"

    /// `syncReplicaSet`: prune gone pods, `manageReplicas` (create the missing, delete the
    /// extra as `getPodsToDelete` ranks them), then `calculateStatus`.
    ///
    /// Pods that are terminating or terminal (Failed after an eviction, Succeeded) are not
    /// active (`controller.FilterActivePods`), so they are replaced at once.
    /// - Complexity: O(p log p) for p pods of the set when deleting, O(p) otherwise.
    func syncReplicaSet(_ index: Int) {
        guard !workloads.replicaSets[index].isDeleted else { return }
        workloads.replicaSets[index].pods.removeAll { cluster.api.podFacts[$0.value].isRemoved }
        let rs = workloads.replicaSets[index]
        let active = rs.pods.filter { isPodActive($0) }
        let diff = active.count - rs.replicas
        if diff < 0 {
            // manageReplicas creates in slow-start batches of 1, 2, 4, … capped by burstReplicas
            // (500); creations never fail here, so the result is the same as creating all at once.
            let owner = OwnerReference(
                apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.uid, controller: true,
                blockOwnerDeletion: true)
            for _ in 0..<(-diff) {
                guard
                    createPod(
                        from: rs.replicaSet.spec.template, namespace: rs.namespace, owner: owner, state: .replicaSet(index),
                        component: Self.replicaSetComponent) != nil
                else { break }
            }
        } else if diff > 0 {
            for pod in podsToDelete(active, count: diff, of: index) {
                deleteOwnedPod(pod, ownerKind: "ReplicaSet", ownerName: rs.name, component: Self.replicaSetComponent)
            }
        }
        updateReplicaSetStatus(index)
    }

    /// Recomputes `status` (`calculateStatus`), schedules the `minReadySeconds` re-check, and
    /// enqueues the owning Deployment when the status changed.
    func updateReplicaSetStatus(_ index: Int) {
        let (status, nextAvailable) = replicaSetStatus(index)
        cluster.cancel(workloads.replicaSets[index].availabilityCheck)
        workloads.replicaSets[index].availabilityCheck = nextAvailable.map {
            // replica_set.go: resync after MinReadySeconds so availability is observed on time.
            cluster.schedule(.controller(.syncReplicaSet(index)), at: $0)
        }
        guard status != workloads.replicaSets[index].status else { return }
        workloads.replicaSets[index].status = status
        if let deployment = workloads.replicaSets[index].deployment { enqueueDeployment(deployment) }
    }

    /// The set's status computed from its pods now, and when the next ready pod becomes
    /// available (`minReadySeconds`).
    /// - Complexity: O(p) for p pods of the set.
    func replicaSetStatus(_ index: Int) -> (status: ReplicaSetStatusRecord, nextAvailable: SimulationTime?) {
        let rs = workloads.replicaSets[index]
        let minReady = SimulationDuration.seconds(rs.replicaSet.spec.minReadySeconds ?? 0)
        var status = ReplicaSetStatusRecord()
        var nextAvailable: SimulationTime?
        let now = cluster.now
        for pod in rs.pods {
            // Plain facts, not the PodObject: this loop runs on every pod change of the set.
            let facts = cluster.api.podFacts[pod.value]
            guard !facts.isRemoved, !facts.isTerminal else { continue }
            if facts.isTerminating {
                status.terminatingReplicas += 1
                continue
            }
            status.replicas += 1
            guard let since = facts.readySince else { continue }
            status.readyReplicas += 1
            // podutil.IsPodAvailable: ready for at least minReadySeconds.
            if since + minReady <= now {
                status.availableReplicas += 1
            } else {
                nextAvailable = min(nextAvailable ?? .distantFuture, since + minReady)
            }
        }
        return (status, nextAvailable)
    }

    /// Sets `spec.replicas` and reconciles at once (the Deployment controller's
    /// `scaleReplicaSet` followed by the ReplicaSet controller's reaction).
    func setReplicaSetReplicas(_ index: Int, to replicas: Int) {
        guard workloads.replicaSets[index].replicas != replicas else { return }
        workloads.replicaSets[index].replicaSet.spec.replicas = replicas
        workloads.replicaSets[index].replicaSet.metadata.resourceVersion = workloads.nextResourceVersion()
        syncReplicaSet(index)
    }

    // MARK: - Pod predicates

    /// `controller.IsPodActive`: not Succeeded/Failed and no deletion timestamp.
    func isPodActive(_ pod: PodID) -> Bool { cluster.api.podFacts[pod.value].isActive }

    /// When the pod's Ready condition last became True, if it is True now.
    func readySince(_ pod: PodID) -> SimulationTime? { cluster.api.podFacts[pod.value].readySince }

    /// `getPodsToDelete`: the `count` pods ranked first by `controller.ActivePodsWithRanks`:
    /// unassigned before assigned; Pending before Unknown before Running; not ready before
    /// ready; more pods of the same owner family on its node first (`getPodsRankedByRelatedPodsOnSameNode`);
    /// ready for a shorter time first; more restarts first; newer first.
    ///
    /// Upstream compares ready and creation times in logarithmic buckets
    /// (`LogarithmicScaleDown`); exact times are compared here.
    func podsToDelete(_ active: [PodID], count: Int, of index: Int) -> [PodID] {
        guard count < active.count else { return active }
        // Related pods: every active pod of the owning Deployment's sets, or of this set.
        var related: [PodID] = []
        if let deployment = workloads.replicaSets[index].deployment {
            for rs in workloads.deployments[deployment].replicaSets { related += workloads.replicaSets[rs].pods }
        } else {
            related = workloads.replicaSets[index].pods
        }
        var perNode: [Int32: Int] = [:]
        for pod in related where isPodActive(pod) {
            if let node = cluster.api.pods[pod.value].nodeID { perNode[node.index, default: 0] += 1 }
        }
        struct Rank {
            var pod: PodID
            var assigned: Bool
            var phase: Int
            var ready: SimulationTime?
            var colocated: Int
            var restarts: Int
            var created: SimulationTime
        }
        let ranks = active.map { pod -> Rank in
            let object = cluster.api[pod]
            let phase: Int
            switch object.status.phase {
            case .pending: phase = 0
            case .unknown: phase = 1
            default: phase = 2
            }
            return Rank(
                pod: pod, assigned: object.nodeID != nil, phase: phase, ready: readySince(pod),
                colocated: object.nodeID.map { perNode[$0.index] ?? 0 } ?? 0,
                restarts: object.status.containerStatuses.map(\.restartCount).max() ?? 0, created: object.createdAt)
        }
        let sorted = ranks.sorted { a, b in
            if a.assigned != b.assigned { return !a.assigned }
            if a.phase != b.phase { return a.phase < b.phase }
            if (a.ready == nil) != (b.ready == nil) { return a.ready == nil }
            if a.colocated != b.colocated { return a.colocated > b.colocated }
            if let ra = a.ready, let rb = b.ready, ra != rb { return ra > rb }
            if a.restarts != b.restarts { return a.restarts > b.restarts }
            if a.created != b.created { return a.created > b.created }
            return a.pod > b.pod
        }
        return sorted.prefix(count).map(\.pod)
    }
}
