import KubeModel
import SimulationCore

/// The eviction subresource (k/k pkg/registry/core/pod/storage/eviction.go), as `kubectl drain`
/// uses it: it reads the status the disruption controller keeps for every budget that selects
/// the pod.
extension Cluster {
    /// `kubectl drain` waits 5 s before retrying a refused eviction (k/kubectl pkg/drain `evictPods`).
    static let evictionRetryInterval = SimulationDuration.seconds(5)

    /// Evicts a pod if every matching PodDisruptionBudget allows it; otherwise retries in 5 s.
    ///
    /// A healthy (Ready) pod may go while the budget's `disruptionsAllowed` is positive, an
    /// unhealthy one while `currentHealthy ≥ desiredHealthy` (`unhealthyPodEvictionPolicy:
    /// IfHealthyBudget`).
    func evict(_ pod: PodID) {
        let object = api[pod]
        guard !object.isRemoved, !object.isTerminating, !object.isTerminal else { return }
        let ready = api.podFacts[pod.value].readySince != nil
        for budget in controllers.workloads.podDisruptionBudgets
        where !budget.isDeleted && budget.namespace == object.namespace {
            guard let selector = budget.budget.spec.selector, selector.matches(object.pod.metadata.labels ?? [:]) else {
                continue
            }
            let status = controllers.disruption.currentStatus(budget.index)
            let allowed = ready ? status.disruptionsAllowed > 0 : status.currentHealthy >= status.desiredHealthy
            if !allowed {
                cancel(controllers.podStates[pod.value].evictionRetry)
                controllers.podStates[pod.value].evictionRetry = schedule(
                    .controller(.retryEviction(pod)), after: Self.evictionRetryInterval)
                return
            }
        }
        let now = self.now
        // eviction.go: DisruptionTarget, reason EvictionByEvictionAPI.
        updatePodStatus(pod) { status in
            status.setCondition(
                "DisruptionTarget", .true, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting", at: now)
        }
        deletePod(pod, reason: .eviction)
    }
}
