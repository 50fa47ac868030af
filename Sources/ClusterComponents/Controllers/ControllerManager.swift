import KubeModel
import SimulationCore

/// The kube-controller-manager: ReplicaSet, Deployment, Job, node lifecycle and taint-eviction
/// controllers, sharing one ``WorkloadStore``.
///
/// Like the real controllers it is edge-triggered: the API writes call ``podChanged(_:)`` and
/// ``nodeChanged(_:)`` (the informers' handlers), which enqueue the owner's key as a
/// zero-delay ``ControllerEvent`` (deduplicated, as a work queue is); the sync then reconciles
/// from the current state. Nothing polls: timers exist only for back-offs, deadlines,
/// `minReadySeconds`, toleration expiries and the monitor passes of unhealthy nodes.
public final class ControllerManager {
    /// The owning cluster. `unowned(unsafe)`: the cluster creates this component, holds it for
    /// its whole life and is the only caller, so the reference never dangles; the checked
    /// `unowned` cost a strong retain and release on every access (7% of an envelope run).
    unowned(unsafe) let cluster: Cluster
    /// Deployments, ReplicaSets, Jobs and disruption budgets.
    public internal(set) var workloads = WorkloadStore()
    /// PriorityClasses the pod admission of created pods resolves against (set by the
    /// Scenario layer; the built-in `system-*` classes are always known).
    public var priorityClasses: [PriorityClass] = []
    /// Per-pod controller state, indexed by ``PodID``; grows as pods are created.
    var podStates: [PodControllerState] = []
    /// Owner to give the pod that ``Cluster/createPod(_:)`` is creating right now.
    var pendingOwner: PodControllerState.Owner = .none
    /// Node lifecycle state, indexed by ``NodeID``.
    var nodeHealth: [NodeHealth] = []

    init(cluster: Cluster) { self.cluster = cluster }

    // MARK: - Informer hooks

    /// A pod was created, changed phase or readiness, started terminating, or was removed:
    /// enqueue its controller.
    /// - Complexity: O(1) amortized.
    func podChanged(_ pod: PodID) {
        if pod.value >= podStates.count {
            podStates.append(contentsOf: repeatElement(PodControllerState(), count: pod.value + 1 - podStates.count))
            let owner = pendingOwner
            pendingOwner = .none
            podStates[pod.value].owner = owner
            switch owner {
            case .none: adopt(pod)
            case .replicaSet(let index): workloads.replicaSets[index].pods.append(pod)
            case .job(let index): workloads.jobs[index].pods.append(pod)
            }
        }
        switch podStates[pod.value].owner {
        case .none: break
        case .replicaSet(let index):
            let contribution = ReplicaSetTally.Contribution(cluster.api.podFacts[pod.value])
            workloads.replicaSets[index].tally.replace(podStates[pod.value].tally, with: contribution)
            podStates[pod.value].tally = contribution
            enqueueReplicaSet(index)
        case .job(let index): enqueueJob(index)
        }
        if cluster.api.podFacts[pod.value].isRemoved || cluster.api.podFacts[pod.value].isTerminal {
            cancelEvictionTimers(of: pod)
        }
    }

    /// A node was added or changed.
    func nodeChanged(_ node: NodeID) {
        ensureNodeHealth(node)
    }

    /// Dispatches a controller timer or queued sync.
    func handle(_ event: ControllerEvent) {
        switch event {
        case .syncReplicaSet(let index):
            workloads.replicaSets[index].syncQueued = false
            syncReplicaSet(index)
        case .syncDeployment(let index):
            workloads.deployments[index].syncQueued = false
            syncDeployment(index)
        case .syncJob(let index):
            workloads.jobs[index].syncQueued = false
            syncJob(index)
        case .monitorNode(let node): monitorNodeHealth(node)
        case .taintEviction(let pod): taintEvictionExpired(pod)
        case .retryEviction(let pod):
            podStates[pod.value].evictionRetry = nil
            evict(pod)
        }
    }

    // MARK: - Work queues

    func enqueueReplicaSet(_ index: Int) {
        guard !workloads.replicaSets[index].syncQueued, !workloads.replicaSets[index].isDeleted else { return }
        workloads.replicaSets[index].syncQueued = true
        cluster.schedule(.controller(.syncReplicaSet(index)), after: .zero)
    }

    func enqueueDeployment(_ index: Int) {
        guard !workloads.deployments[index].syncQueued, !workloads.deployments[index].isDeleted else { return }
        workloads.deployments[index].syncQueued = true
        cluster.schedule(.controller(.syncDeployment(index)), after: .zero)
    }

    func enqueueJob(_ index: Int) {
        guard !workloads.jobs[index].syncQueued, !workloads.jobs[index].isDeleted else { return }
        workloads.jobs[index].syncQueued = true
        cluster.schedule(.controller(.syncJob(index)), after: .zero)
    }

    /// Pods created outside the controllers (applied manifests) whose controller owner
    /// reference names a known ReplicaSet or Job by uid are adopted.
    func adopt(_ pod: PodID) {
        guard case .none = podStates[pod.value].owner,
            let reference = cluster.api[pod].pod.metadata.ownerReferences?.first(where: { $0.controller == true })
        else { return }
        let namespace = cluster.api[pod].namespace
        switch reference.kind {
        case "ReplicaSet":
            if let index = workloads.replicaSet(namespace: namespace, name: reference.name),
                workloads.replicaSets[index].uid == reference.uid
            {
                podStates[pod.value].owner = .replicaSet(index)
                workloads.replicaSets[index].pods.append(pod)
            }
        case "Job":
            if let index = workloads.job(namespace: namespace, name: reference.name),
                workloads.jobs[index].uid == reference.uid
            {
                podStates[pod.value].owner = .job(index)
                workloads.jobs[index].pods.append(pod)
            }
        default: break
        }
    }

    // MARK: - Pod creation shared by the controllers

    /// Creates a pod from a template the way the controllers' `PodControl.CreatePods` does:
    /// `generateName: <owner>-`, the template's labels and annotations, a controller owner
    /// reference, then API admission (default tolerations, priority, QoS).
    /// - Returns: the new pod, or `nil` when admission refused it (a `FailedCreate` event is
    ///   recorded on the owner).
    func createPod(
        from template: PodTemplateSpec, extraLabels: [String: String] = [:], namespace: String,
        owner: OwnerReference, state: PodControllerState.Owner, component: String
    ) -> PodID? {
        var metadata = ObjectMeta(generateName: owner.name + "-", namespace: namespace)
        var labels = template.metadata.labels ?? [:]
        for (key, value) in extraLabels { labels[key] = value }
        metadata.labels = labels
        metadata.annotations = template.metadata.annotations
        metadata.ownerReferences = [owner]
        var pod = Pod(metadata: metadata, spec: template.spec)
        do {
            try pod.applyAdmissionDefaults(priorityClasses: priorityClasses)
        } catch {
            // pkg/controller/controller_utils.go `CreatePodsWithGenerateName`: FailedCreate "Error creating: …".
            cluster.recordEvent(
                .warning, "FailedCreate", "Error creating: pods \"\(owner.name)-\" is forbidden: \(error.message)",
                kind: owner.kind, namespace: namespace, name: owner.name, component: component)
            return nil
        }
        pendingOwner = state
        guard let id = cluster.createPod(pod) else {
            pendingOwner = .none
            return nil
        }
        // The generated name is only known now; pkg/controller/controller_utils.go records
        // SuccessfulCreate "Created pod: <name>" on the owner.
        cluster.recordEvent(
            .normal, "SuccessfulCreate", "Created pod: \(cluster.api[id].name)", kind: owner.kind, namespace: namespace,
            name: owner.name, component: component)
        return id
    }

    /// Deletes a pod on behalf of a controller and records `SuccessfulDelete` "Deleted pod: <name>"
    /// on the owner (controller_utils.go `DeletePod`).
    func deleteOwnedPod(_ pod: PodID, ownerKind: String, ownerName: String, component: String) {
        let object = cluster.api[pod]
        guard !object.isRemoved, !object.isTerminating else { return }
        cluster.deletePod(pod)
        cluster.recordEvent(
            .normal, "SuccessfulDelete", "Deleted pod: \(object.name)", kind: ownerKind, namespace: object.namespace,
            name: ownerName, component: component)
    }
}
