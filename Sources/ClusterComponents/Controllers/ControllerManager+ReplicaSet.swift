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
    /// - Complexity: O(p log p) for p pods of the set when deleting, amortized O(1) otherwise
    ///   (the status comes from the running ``ReplicaSetTally``).
    func syncReplicaSet(_ index: Int) {
        guard !workloads.replicaSets[index].isDeleted else { return }
        pruneRemovedPods(index)
        let rs = workloads.replicaSets[index]
        let diff = rs.tally.active - rs.replicas
        if diff < 0 {
            // manageReplicas creates in slow-start batches of 1, 2, 4, … capped by burstReplicas
            // (500); creations never fail here, so the result is the same as creating all at once.
            let owner = OwnerReference(
                apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.name, uid: rs.uid, controller: true,
                blockOwnerDeletion: true)
            for _ in 0..<(-diff) {
                guard
                    createPod(
                        from: rs.replicaSet.spec.template, namespace: rs.namespace, owner: owner,
                        state: .replicaSet(index),
                        component: Self.replicaSetComponent) != nil
                else { break }
            }
        } else if diff > 0 {
            let facts = cluster.api.podFacts
            let active = rs.pods.filter { facts[$0.value].isActive }
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

    /// Drops removed pods from the set's list once they are half of it (amortized O(1) per pod).
    func pruneRemovedPods(_ index: Int) {
        let tally = workloads.replicaSets[index].tally
        guard tally.removed > 0, 2 * tally.removed >= workloads.replicaSets[index].pods.count else { return }
        let facts = cluster.api.podFacts
        workloads.replicaSets[index].pods.removeAll { facts[$0.value].isRemoved }
        workloads.replicaSets[index].tally.removed = 0
    }

    /// The set's status now, and when the next ready pod becomes available (`minReadySeconds`).
    /// - Complexity: O(1) from the running tally when `minReadySeconds` is 0 (every ready pod
    ///   is available); O(p) for p pods of the set otherwise.
    func replicaSetStatus(_ index: Int) -> (status: ReplicaSetStatusRecord, nextAvailable: SimulationTime?) {
        let tally = workloads.replicaSets[index].tally
        var status = ReplicaSetStatusRecord()
        status.replicas = tally.active
        status.readyReplicas = tally.ready
        status.terminatingReplicas = tally.terminating
        let minReadySeconds = workloads.replicaSets[index].replicaSet.spec.minReadySeconds ?? 0
        guard minReadySeconds > 0 else {
            status.availableReplicas = tally.ready
            return (status, nil)
        }
        let minReady = SimulationDuration.seconds(minReadySeconds)
        var nextAvailable: SimulationTime?
        let now = cluster.now
        let facts = cluster.api.podFacts
        for pod in workloads.replicaSets[index].pods {
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

    /// Sets `spec.replicas` and reconciles at once (the Deployment controller's
    /// `scaleReplicaSet` followed by the ReplicaSet controller's reaction).
    func setReplicaSetReplicas(_ index: Int, to replicas: Int) {
        guard workloads.replicaSets[index].replicas != replicas else { return }
        workloads.replicaSets[index].replicaSet.spec.replicas = replicas
        workloads.replicaSets[index].replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
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
        // Plain facts only: this runs on every scale-down step of a rolling update.
        let facts = cluster.api.podFacts
        // Related pods per node: every active pod of the owning Deployment's sets, or of this set.
        var perNode = [Int32](repeating: 0, count: cluster.api.nodes.count)
        func countRelated(_ pods: [PodID]) {
            for pod in pods where facts[pod.value].isActive && facts[pod.value].node >= 0 {
                perNode[Int(facts[pod.value].node)] += 1
            }
        }
        if let deployment = workloads.replicaSets[index].deployment {
            for rs in workloads.deployments[deployment].replicaSets { countRelated(workloads.replicaSets[rs].pods) }
        } else {
            countRelated(workloads.replicaSets[index].pods)
        }
        let ranks = active.map { pod -> PodDeletionRank in
            let f = facts[pod.value]
            return PodDeletionRank(
                pod: pod, assigned: f.node >= 0, phase: f.isPending ? 0 : f.isPhaseUnknown ? 1 : 2, ready: f.readySince,
                colocated: f.node >= 0 ? Int(perNode[Int(f.node)]) : 0, restarts: f.restartCount, created: f.createdAt)
        }
        return PodDeletionRank.first(count, of: ranks).map(\.pod)
    }
}
