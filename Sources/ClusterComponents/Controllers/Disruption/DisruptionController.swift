import KubeModel
import SimulationCore

/// The disruption controller (k/k pkg/controller/disruption/disruption.go): keeps each
/// PodDisruptionBudget's status (expected, healthy and desired pods, disruptions allowed),
/// which the eviction subresource (``Cluster/evict(_:)``) reads.
///
/// Edge-triggered: a budget's write and every change of a pod it selects enqueue its sync.
/// Costs nothing while no budget exists.
final class DisruptionController: ClusterComponent {
    /// The controller manager whose work queue and objects this controller uses.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - Event handlers

    /// A pod was created: it joins the budgets whose selector matches it.
    /// - Complexity: O(budgets).
    func podCreated(_ pod: PodID) {
        for index in manager.workloads.podDisruptionBudgets.indices where selects(index, pod) {
            manager.workloads.podDisruptionBudgets[index].pods.append(pod)
        }
    }

    /// A pod changed: the budgets that select it are synced.
    /// - Complexity: O(budgets).
    func podChanged(_ pod: PodID) {
        for index in manager.workloads.podDisruptionBudgets.indices where selects(index, pod) { enqueue(index) }
    }

    /// Whether the live budget at `index` selects `pod` (its namespace, and a selector that
    /// matches the pod's labels; a budget without a selector selects nothing).
    func selects(_ index: Int, _ pod: PodID) -> Bool {
        guard !manager.workloads.podDisruptionBudgets[index].isDeleted,
            cluster.api.pods[pod.value].namespace == manager.workloads.podDisruptionBudgets[index].namespace,
            let selector = manager.workloads.podDisruptionBudgets[index].budget.spec.selector
        else { return false }
        return selector.matches(cluster.api.pods[pod.value].pod.metadata.labels ?? [:])
    }

    /// Queues a sync of the budget at `index` (once until it runs).
    func enqueue(_ index: Int) {
        guard !manager.workloads.podDisruptionBudgets[index].syncQueued,
            !manager.workloads.podDisruptionBudgets[index].isDeleted
        else { return }
        manager.workloads.podDisruptionBudgets[index].syncQueued = true
        schedule(.controller(.syncDisruptionBudget(index)), after: .zero)
    }

    // MARK: - API writes

    /// Adds or replaces a PodDisruptionBudget; its pods are the live pods it selects now.
    /// - Returns: its index in ``WorkloadStore/podDisruptionBudgets``.
    /// - Complexity: O(pods in the API).
    @discardableResult
    func apply(_ manifest: PodDisruptionBudget) -> Int {
        var budget = manifest
        let namespace = budget.metadata.namespace ?? "default"
        budget.metadata.namespace = namespace
        let key = namespace + "/" + (budget.metadata.name ?? "")
        let index: Int
        if let existing = manager.workloads.podDisruptionBudgetsByName[key] {
            index = existing
            manager.workloads.podDisruptionBudgets[index].budget = budget
        } else {
            index = manager.workloads.podDisruptionBudgets.count
            manager.workloads.podDisruptionBudgets.append(PodDisruptionBudgetObject(index: index, budget: budget))
            manager.workloads.podDisruptionBudgetsByName[key] = index
        }
        var pods: [PodID] = []
        for pod in cluster.api.pods.indices where !cluster.api.podFacts[pod].isRemoved && selects(index, PodID(pod)) {
            pods.append(PodID(pod))
        }
        manager.workloads.podDisruptionBudgets[index].pods = pods
        enqueue(index)
        return index
    }

    /// Deletes the budget (`kubectl delete pdb`).
    func delete(namespace: String, name: String) {
        guard let index = manager.workloads.podDisruptionBudgetsByName[namespace + "/" + name] else { return }
        manager.workloads.podDisruptionBudgetsByName[namespace + "/" + name] = nil
        manager.workloads.podDisruptionBudgets[index].isDeleted = true
        manager.workloads.podDisruptionBudgets[index].pods = []
    }

    // MARK: - Sync

    /// The budget's status as of now: a sync still queued for this instant runs first, so a
    /// reader (the eviction subresource) never sees a status older than the pods.
    /// (Upstream the eviction covers the controller's lag by decrementing
    /// `disruptionsAllowed` itself.)
    func currentStatus(_ index: Int) -> PodDisruptionBudgetStatusRecord {
        if manager.workloads.podDisruptionBudgets[index].syncQueued { sync(index) }
        return manager.workloads.podDisruptionBudgets[index].status
    }

    /// `trySync`/`updatePdbStatus`: expected = selected pods not Succeeded or Failed,
    /// healthy = those Ready and not terminating, desired from `minAvailable` (a percentage
    /// rounded up) or expected − `maxUnavailable` (rounded up), allowed = healthy − desired.
    /// - Complexity: O(pods the budget selects).
    func sync(_ index: Int) {
        manager.workloads.podDisruptionBudgets[index].syncQueued = false
        guard !manager.workloads.podDisruptionBudgets[index].isDeleted else { return }
        let facts = cluster.api.podFacts
        manager.workloads.podDisruptionBudgets[index].pods.removeAll { facts[$0.value].isRemoved }
        let object = manager.workloads.podDisruptionBudgets[index]
        var status = PodDisruptionBudgetStatusRecord()
        for pod in object.pods where !facts[pod.value].isTerminal {
            status.expectedPods += 1
            if !facts[pod.value].isTerminating, facts[pod.value].readySince != nil { status.currentHealthy += 1 }
        }
        let spec = object.budget.spec
        let expected = status.expectedPods
        if let minAvailable = spec.minAvailable {
            status.desiredHealthy = (try? minAvailable.scaledValue(total: expected, roundUp: true)) ?? expected
        } else if let maxUnavailable = spec.maxUnavailable {
            status.desiredHealthy = max(
                0, expected - ((try? maxUnavailable.scaledValue(total: expected, roundUp: true)) ?? 0))
        }
        status.disruptionsAllowed = max(0, status.currentHealthy - status.desiredHealthy)
        manager.workloads.podDisruptionBudgets[index].status = status
    }
}
