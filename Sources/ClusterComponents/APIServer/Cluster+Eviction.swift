import KubeModel
import SimulationCore

/// The eviction subresource (k/k pkg/registry/core/pod/storage/eviction.go), as `kubectl drain`
/// uses it: it reads the status the disruption controller keeps for every budget that selects
/// the pod.
extension Cluster {
    /// `kubectl drain` waits 5 s before retrying a refused eviction (k/kubectl pkg/drain `evictPods`).
    static let evictionRetryInterval = SimulationDuration.seconds(5)

    /// Evicts a pod if every matching PodDisruptionBudget allows it; otherwise retries in 5 s,
    /// as `kubectl drain` does.
    func evict(_ pod: PodID) {
        guard evictOnce(pod) != nil else { return }
        cancel(controllers.podStates[pod.value].evictionRetry)
        controllers.podStates[pod.value].evictionRetry = schedule(
            .controller(.retryEviction(pod)), after: Self.evictionRetryInterval)
    }

    /// `POST …/pods/NAME/eviction` (policy/v1 Eviction) as an API client calls it: evicts the pod
    /// if its disruption budgets allow it; the client retries a refusal (the API server's 429).
    /// - Returns: `nil` when evicted (or already going), else the name of the budget that refuses.
    /// - Throws: ``APIError`` `NotFound` when no such pod exists.
    public func evict(namespace: String, name: String) throws(APIError) -> String? {
        guard let pod = api.podID(namespace: namespace, name: name), !api.pods[pod.value].isRemoved else {
            throw .notFound("Pod", name)
        }
        return evictOnce(pod)
    }

    /// The eviction subresource's one decision: the pod is evicted now unless a budget that
    /// selects it refuses. A healthy (Ready) pod may go while the budget's `disruptionsAllowed`
    /// is positive, an unhealthy one while `currentHealthy ≥ desiredHealthy`
    /// (`unhealthyPodEvictionPolicy: IfHealthyBudget`).
    /// - Returns: the refusing budget's name, or `nil` (evicted, or nothing to evict).
    func evictOnce(_ pod: PodID) -> String? {
        let object = api[pod]
        guard !object.isRemoved, !object.isTerminating, !object.isTerminal else { return nil }
        let ready = api.podFacts[pod.value].readySince != nil
        for budget in controllers.workloads.podDisruptionBudgets
        where !budget.isDeleted && budget.namespace == object.namespace {
            guard let selector = budget.budget.spec.selector, selector.matches(object.pod.metadata.labels ?? [:]) else {
                continue
            }
            let status = controllers.disruption.currentStatus(budget.index)
            let allowed = ready ? status.disruptionsAllowed > 0 : status.currentHealthy >= status.desiredHealthy
            if !allowed { return budget.budget.metadata.name ?? "" }
        }
        let now = self.now
        // eviction.go: DisruptionTarget, reason EvictionByEvictionAPI.
        updatePodStatus(pod) { status in
            status.setCondition(
                "DisruptionTarget", .true, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting", at: now)
        }
        deletePod(pod, reason: .eviction)
        return nil
    }
}
