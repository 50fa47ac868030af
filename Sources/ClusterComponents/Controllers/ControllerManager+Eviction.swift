import KubeModel
import SimulationCore

/// The eviction API (k/k pkg/registry/core/pod/storage/eviction.go) with the disruption
/// budgets it checks, as `kubectl drain` uses it.
extension ControllerManager {
    /// `kubectl drain` waits 5 s before retrying a refused eviction (k/kubectl pkg/drain `evictPods`).
    static let evictionRetryInterval = SimulationDuration.seconds(5)

    /// Evicts a pod if every matching PodDisruptionBudget allows it; otherwise retries in 5 s.
    func evict(_ pod: PodID) {
        let object = cluster.api[pod]
        guard !object.isRemoved, !object.isTerminating, !object.isTerminal else { return }
        for budget in workloads.podDisruptionBudgets where budget.metadata.namespace == object.namespace {
            guard let selector = budget.spec.selector, selector.matches(object.pod.metadata.labels ?? [:]) else {
                continue
            }
            if !disruptionAllowed(budget, for: pod) {
                cluster.cancel(podStates[pod.value].evictionRetry)
                podStates[pod.value].evictionRetry = cluster.schedule(
                    .controller(.retryEviction(pod)), after: Self.evictionRetryInterval)
                return
            }
        }
        let now = cluster.now
        // eviction.go: DisruptionTarget, reason EvictionByEvictionAPI.
        cluster.updatePodStatus(pod) { status in
            status.setCondition(
                "DisruptionTarget", .true, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting", at: now)
        }
        cluster.deletePod(pod, reason: .eviction)
    }

    /// The disruption controller's arithmetic (pkg/controller/disruption/disruption.go):
    /// expected = matching non-terminal pods, healthy = those Ready and not terminating,
    /// desired from minAvailable (percent rounded up) or expected − maxUnavailable (rounded up);
    /// a healthy pod may go while healthy − desired > 0, an unhealthy one while healthy ≥ desired
    /// (`unhealthyPodEvictionPolicy: IfHealthyBudget`).
    /// - Complexity: O(pods in the API): budgets are only consulted by drains.
    func disruptionAllowed(_ budget: PodDisruptionBudget, for pod: PodID) -> Bool {
        guard let selector = budget.spec.selector else { return true }
        let namespace = budget.metadata.namespace ?? "default"
        var expected = 0
        var healthy = 0
        for object in cluster.api.pods where !object.isRemoved && !object.isTerminal && object.namespace == namespace {
            guard selector.matches(object.pod.metadata.labels ?? [:]) else { continue }
            expected += 1
            if !object.isTerminating, readySince(object.id) != nil { healthy += 1 }
        }
        var desired = 0
        if let minAvailable = budget.spec.minAvailable {
            desired = (try? minAvailable.scaledValue(total: expected, roundUp: true)) ?? expected
        } else if let maxUnavailable = budget.spec.maxUnavailable {
            desired = max(0, expected - ((try? maxUnavailable.scaledValue(total: expected, roundUp: true)) ?? 0))
        }
        if readySince(pod) == nil { return healthy >= desired }
        return healthy - desired > 0
    }
}

extension ControllerManager {
    /// The eviction subresource as an API client calls it: evicts the pod now if every matching
    /// PodDisruptionBudget allows it; otherwise returns the refusing budget's name, and the
    /// client retries (kubectl drain waits 5 s), as the API server answers 429.
    func evictOnce(_ pod: PodID) -> String? {
        let object = cluster.api[pod]
        guard !object.isRemoved, !object.isTerminating, !object.isTerminal else { return nil }
        for budget in workloads.podDisruptionBudgets where budget.metadata.namespace == object.namespace {
            guard let selector = budget.spec.selector, selector.matches(object.pod.metadata.labels ?? [:]) else {
                continue
            }
            if !disruptionAllowed(budget, for: pod) { return budget.metadata.name ?? "" }
        }
        let now = cluster.now
        cluster.updatePodStatus(pod) { status in
            status.setCondition(
                "DisruptionTarget", .true, reason: "EvictionByEvictionAPI", message: "Eviction API: evicting", at: now)
        }
        cluster.deletePod(pod, reason: .eviction)
        return nil
    }
}

extension Cluster {
    /// `POST …/pods/NAME/eviction` (policy/v1 Eviction): evicts the pod if its disruption
    /// budgets allow it.
    /// - Returns: `nil` when evicted (or already going), else the name of the budget that refuses.
    /// - Throws: ``APIError`` `NotFound` when no such pod exists.
    public func evict(namespace: String, name: String) throws(APIError) -> String? {
        guard let pod = api.podID(namespace: namespace, name: name), !api.pods[pod.value].isRemoved else {
            throw .notFound("Pod", name)
        }
        return controllers.evictOnce(pod)
    }
}
