import KubeModel
import SimulationCore

/// The kube-controller-manager: the controllers, each a type of its own, over one work queue
/// and one per-pod owner table.
///
/// Like the real controllers they are edge-triggered: the API writes call ``podChanged(_:)``
/// and ``nodeChanged(_:)`` (the informers' handlers), which fan out to the controllers; their
/// handlers enqueue the owner's key as a zero-delay ``ControllerEvent`` (deduplicated, as a work
/// queue is), and ``handle(_:)`` dispatches it to the controller's `sync`, which reconciles from
/// the current state. Nothing polls: timers exist only for back-offs, deadlines,
/// `minReadySeconds`, toleration expiries and the monitor passes of unhealthy nodes.
///
/// What stays here is what the controllers share: the work-queue dispatch, the owner table
/// (``podStates``), the pod control (``createPods(_:from:extraLabels:namespace:owner:state:component:)``,
/// ``createControlledPod(_:owner:state:component:message:)``, ``deleteOwnedPod(_:ownerKind:ownerName:component:message:)``,
/// ``adopt(_:)``) and the informer hooks. The controllers are concrete stored properties, so
/// a hook or a dispatch is a direct call.
public final class ControllerManager: ClusterComponent {
    /// The owning cluster. `unowned(unsafe)`: the cluster creates this component, holds it for
    /// its whole life and is the only caller, so the reference never dangles; the checked
    /// `unowned` cost a strong retain and release on every access (7% of an envelope run).
    unowned(unsafe) let cluster: Cluster
    /// Deployments, ReplicaSets, Jobs, DaemonSets, StatefulSets and disruption budgets.
    public internal(set) var workloads = WorkloadStore()
    /// Per-pod controller state, indexed by ``PodID``; grows as pods are created.
    var podStates: [PodControllerState] = []
    /// Realistic timing: the shared API client's rate limiter.
    var timing: ControllerManagerTiming

    // MARK: - The controllers

    /// The ReplicaSet controller.
    var replicaSets: ReplicaSetController!
    /// The Deployment controller.
    var deployments: DeploymentController!
    /// The Job controller (with the TTL-after-finished controller).
    var jobs: JobController!
    /// The DaemonSet controller.
    var daemonSets: DaemonSetController!
    /// The StatefulSet controller.
    var statefulSets: StatefulSetController!
    /// The node lifecycle controller (with taint-based eviction).
    var nodeLifecycle: NodeLifecycleController!
    /// The disruption controller (PodDisruptionBudget status).
    var disruption: DisruptionController!
    /// The garbage collector (cascading deletion) and the namespace cleanup.
    var garbageCollector: GarbageCollector!
    /// The HorizontalPodAutoscaler controller.
    var horizontalPodAutoscalers: HorizontalPodAutoscalerController!

    init(cluster: Cluster) {
        self.cluster = cluster
        self.timing = ControllerManagerTiming(cluster.configuration)
        // The controllers, one line each.
        replicaSets = ReplicaSetController(manager: self)
        deployments = DeploymentController(manager: self)
        jobs = JobController(manager: self)
        daemonSets = DaemonSetController(manager: self)
        statefulSets = StatefulSetController(manager: self)
        nodeLifecycle = NodeLifecycleController(manager: self)
        disruption = DisruptionController(manager: self)
        garbageCollector = GarbageCollector(manager: self)
        horizontalPodAutoscalers = HorizontalPodAutoscalerController(manager: self)
    }

    // MARK: - Informer hooks

    /// A pod was created, changed phase or readiness, started terminating, or was removed:
    /// tell its controller, the disruption controller and the node lifecycle controller.
    /// - Complexity: O(1) amortized, plus O(disruption budgets) when there are any.
    func podChanged(_ pod: PodID) {
        // A change during the creating write itself (a static binding) is seen by ``podCreated``.
        guard pod.value < podStates.count else { return }
        switch podStates[pod.value].owner {
        case .none: break
        case .replicaSet(let index): replicaSets.podChanged(pod, of: index)
        case .job(let index): jobs.enqueue(index)
        case .daemonSet(let index): daemonSets.enqueue(index)
        case .statefulSet(let index): statefulSets.enqueue(index)
        }
        if cluster.api.podFacts[pod.value].isRemoved || cluster.api.podFacts[pod.value].isTerminal {
            nodeLifecycle.cancelTaintEviction(of: pod)
            if cluster.api.podFacts[pod.value].isRemoved {
                cancel(podStates[pod.value].evictionRetry)
                podStates[pod.value].evictionRetry = nil
            }
        }
        if !workloads.podDisruptionBudgets.isEmpty { disruption.podChanged(pod) }
    }

    /// A pod was created with `owner` as its controller (``PodControllerState/Owner/none`` for
    /// pods created outside the controllers, which are adopted when an owner reference names a
    /// known controller).
    /// - Complexity: O(1) amortized, plus O(disruption budgets) when there are any.
    func podCreated(_ pod: PodID, owner: PodControllerState.Owner) {
        if pod.value >= podStates.count {
            podStates.append(contentsOf: repeatElement(PodControllerState(), count: pod.value + 1 - podStates.count))
        }
        podStates[pod.value].owner = owner
        switch owner {
        case .none: adopt(pod)
        case .replicaSet(let index): workloads.replicaSets[index].pods.append(pod)
        case .job(let index):
            workloads.jobs[index].pods.append(pod)
            workloads.jobs[index].trackedPods.append(pod)
        case .daemonSet(let index): workloads.daemonSets[index].pods.append(pod)
        case .statefulSet(let index): workloads.statefulSets[index].pods.append(pod)
        }
        if case .replicaSet(let index) = podStates[pod.value].owner, replicaSets.hasDeletionIndexes {
            replicaSets.podFactsChanged(pod, of: index, from: nil)
        }
        if !workloads.podDisruptionBudgets.isEmpty { disruption.podCreated(pod) }
        podChanged(pod)
    }

    /// A pod write changed the pod's ``APIStore/podFacts`` from `old`: every write, even one
    /// no informer handler reacts to (a binding, a restart count), for the ReplicaSet
    /// controller's ``PodDeletionIndex``es. A pod not yet filed under its owner (a static
    /// binding during its creating write) is seen by ``podCreated(_:owner:)``.
    /// - Complexity: O(1) when no ReplicaSet keeps an index.
    func podFactsChanged(_ pod: PodID, from old: PodFacts) {
        guard replicaSets.hasDeletionIndexes, pod.value < podStates.count,
            case .replicaSet(let index) = podStates[pod.value].owner
        else { return }
        replicaSets.podFactsChanged(pod, of: index, from: old)
    }

    /// A node was added or changed: node lifecycle state, and every DaemonSet (which pods a
    /// node should run depends on its labels and taints).
    func nodeChanged(_ node: NodeID) {
        nodeLifecycle.nodeChanged(node)
        daemonSets.enqueueAll()
    }

    /// A node's kubelet stopped renewing its lease (the Lease informer).
    func nodeStoppedHeartbeating(_ node: NodeID) { nodeLifecycle.nodeStoppedHeartbeating(node) }

    /// A node's kubelet renews its lease again (the Lease informer).
    func nodeResumedHeartbeating(_ node: NodeID) { nodeLifecycle.nodeResumedHeartbeating(node) }

    /// A workload was deleted from the API: the garbage collector deletes its dependents.
    func ownerDeleted(_ owner: GarbageCollector.Owner) { garbageCollector.ownerDeleted(owner) }

    // MARK: - Work queue

    /// Dispatches a controller timer or queued sync to its controller.
    func handle(_ event: ControllerEvent) {
        switch event {
        case .syncReplicaSet(let index): replicaSets.sync(index)
        case .syncDeployment(let index): deployments.sync(index)
        case .syncJob(let index): jobs.sync(index)
        case .monitorNode(let node): nodeLifecycle.monitorNodeHealth(node)
        case .taintEviction(let pod): nodeLifecycle.taintEvictionExpired(pod)
        case .retryEviction(let pod):
            podStates[pod.value].evictionRetry = nil
            cluster.evict(pod)
        case .syncDaemonSet(let index): daemonSets.sync(index)
        case .syncStatefulSet(let index): statefulSets.sync(index)
        case .syncDisruptionBudget(let index): disruption.sync(index)
        case .syncHorizontalPodAutoscaler(let index): horizontalPodAutoscalers.sync(index)
        case .apiClientTokenAvailable: tokenAvailable()
        }
    }

    // MARK: - Pod control shared by the controllers

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
                workloads.jobs[index].trackedPods.append(pod)
            }
        default: break
        }
    }

    /// Creates up to `count` pods from a template the way a controller's `manageReplicas`
    /// batch calls `PodControl.CreatePods` (pkg/controller/controller_utils.go):
    /// `generateName: <owner>-`, the template's labels and annotations, a controller owner
    /// reference, then API admission (default tolerations, priority, QoS). The batch stops at
    /// the first write that is refused (no API client token, admission, a taken name).
    ///
    /// The pod is made once, at the first write that gets a token: the pods of a batch differ
    /// only in what the API server gives each (name, uid, admission), and under realistic
    /// timing most syncs of a throttled controller are refused before their first write.
    /// - Parameter template: read only when the first write gets a token.
    /// - Returns: how many pods were created (a `FailedCreate` event is recorded on the owner
    ///   when admission refused one).
    @discardableResult
    func createPods(
        _ count: Int, from template: () -> PodTemplateSpec, extraLabels: [String: String] = [:],
        namespace: String, owner: OwnerReference, state: PodControllerState.Owner, component: String
    ) -> Int {
        var pod: Pod?
        for created in 0..<count {
            guard admitWrite(for: state) else { return created }
            let made = pod ?? Self.pod(from: template(), extraLabels: extraLabels, namespace: namespace, owner: owner)
            pod = made
            // pkg/controller/controller_utils.go records SuccessfulCreate "Created pod: <name>".
            guard
                createAdmittedPod(
                    made, owner: owner, state: state, component: component, message: { "Created pod: \($0)" })
                    != nil
            else { return created }
        }
        return count
    }

    /// The pod a controller makes from `template` (`controller.GetPodFromTemplate`):
    /// `generateName: <owner>-`, the template's labels (plus `extraLabels`) and annotations, and
    /// the controller owner reference.
    static func pod(
        from template: PodTemplateSpec, extraLabels: [String: String] = [:], namespace: String,
        owner: OwnerReference
    ) -> Pod {
        var metadata = ObjectMeta(generateName: owner.name + "-", namespace: namespace)
        var labels = template.metadata.labels ?? [:]
        for (key, value) in extraLabels { labels[key] = value }
        metadata.labels = labels
        metadata.annotations = template.metadata.annotations
        metadata.ownerReferences = [owner]
        return Pod(metadata: metadata, spec: template.spec)
    }

    /// Creates `pod` through API admission on behalf of the controller `owner`, records
    /// `SuccessfulCreate` with `message(name)` on the owner, or `FailedCreate` when admission
    /// refuses it.
    /// - Returns: the new pod, or `nil` when admission refused it or the name is taken.
    func createControlledPod(
        _ pod: Pod, owner: OwnerReference, state: PodControllerState.Owner, component: String,
        message: (String) -> String
    ) -> PodID? {
        guard admitWrite(for: state) else { return nil }
        return createAdmittedPod(pod, owner: owner, state: state, component: component, message: message)
    }

    /// ``createControlledPod(_:owner:state:component:message:)`` once the write has its API
    /// client token.
    private func createAdmittedPod(
        _ pod: consuming Pod, owner: OwnerReference, state: PodControllerState.Owner, component: String,
        message: (String) -> String
    ) -> PodID? {
        let namespace = pod.metadata.namespace ?? "default"
        do {
            try cluster.admit(&pod)
        } catch {
            // pkg/controller/controller_utils.go `CreatePodsWithGenerateName`: FailedCreate "Error creating: …".
            let name = pod.metadata.name ?? (owner.name + "-")
            cluster.recordEvent(
                .warning, "FailedCreate", "Error creating: pods \"\(name)\" is forbidden: \(error.message)",
                kind: owner.kind, namespace: namespace, name: owner.name, component: component)
            return nil
        }
        // Moved, not copied, into the store.
        guard let id = cluster.createPod(consume pod, owner: state) else { return nil }
        // The generated name is only known now (read in place: `api[id].name` copied the object).
        let name = cluster.withPod(id) { $0.pointee.name }
        cluster.recordEvent(
            .normal, "SuccessfulCreate", message(name), kind: owner.kind, namespace: namespace,
            name: owner.name, component: component)
        return id
    }

    /// Deletes a pod on behalf of a controller and records `SuccessfulDelete` on the owner:
    /// "Deleted pod: <name>" (controller_utils.go `DeletePod`) unless `message` says otherwise.
    func deleteOwnedPod(
        _ pod: PodID, ownerKind: String, ownerName: String, component: String, message: ((String) -> String)? = nil
    ) {
        // The facts and the two names, not `cluster.api[pod]`: that copied the whole API store.
        let facts = cluster.api.podFacts[pod.value]
        guard !facts.isRemoved, !facts.isTerminating else { return }
        guard admitWrite(for: pod.value < podStates.count ? podStates[pod.value].owner : .none) else { return }
        let (namespace, name) = cluster.withPod(pod) { ($0.pointee.namespace, $0.pointee.name) }
        cluster.deletePod(pod)
        cluster.recordEvent(
            .normal, "SuccessfulDelete", message?(name) ?? "Deleted pod: \(name)", kind: ownerKind,
            namespace: namespace, name: ownerName, component: component)
    }
}
