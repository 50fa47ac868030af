import KubeModel
import SimulationCore

/// The HorizontalPodAutoscaler controller (k/k pkg/controller/podautoscaler/horizontal.go):
/// every sync period (`--horizontal-pod-autoscaler-sync-period`, 15 s) it reads the target's
/// scale subresource and its pods' resource metrics from metrics-server, proposes
/// `ceil(ready pods × utilization / target)` per metric (``ReplicaCalculator``), takes the
/// largest, normalizes it (``ScaleNormalizer``) and writes the scale through the API.
///
/// The work queue's rate limiter (`NewDefaultHPARateLimiter`) delays every add, the first
/// included, by the sync period, so an autoscaler first acts one period after it is created.
final class HorizontalPodAutoscalerController: ClusterComponent {
    /// The controller manager. `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager
    /// `--horizontal-pod-autoscaler-sync-period`.
    static let syncPeriod = SimulationDuration.seconds(15)
    /// The event source name (`horizontal-pod-autoscaler`).
    static let component = "horizontal-pod-autoscaler"
    /// The replica calculator with kube-controller-manager's default flags.
    let calculator = ReplicaCalculator()

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - API writes

    /// Creates or replaces an autoscaler; it first syncs one period later.
    @discardableResult
    func apply(_ manifest: HorizontalPodAutoscaler) -> Int {
        var autoscaler = manifest.withDefaults()
        let namespace = autoscaler.metadata.namespace ?? "default"
        autoscaler.metadata.namespace = namespace
        let key = namespace + "/" + (autoscaler.metadata.name ?? "")
        let index: Int
        if let existing = manager.workloads.horizontalPodAutoscalersByName[key] {
            index = existing
            manager.workloads.horizontalPodAutoscalers[index].autoscaler = autoscaler
        } else {
            index = manager.workloads.horizontalPodAutoscalers.count
            manager.workloads.horizontalPodAutoscalers.append(
                HorizontalPodAutoscalerObject(index: index, autoscaler: autoscaler))
            manager.workloads.horizontalPodAutoscalersByName[key] = index
            manager.workloads.horizontalPodAutoscalers[index].syncTimer = schedule(
                .controller(.syncHorizontalPodAutoscaler(index)), after: Self.syncPeriod)
        }
        cluster.metricsServer.start()
        return index
    }

    /// Deletes an autoscaler: its timer stops; the target keeps its replicas.
    func delete(_ index: Int) {
        guard
            let object = manager.workloads.markDeleted(
                index, in: \.horizontalPodAutoscalers, names: \.horizontalPodAutoscalersByName)
        else { return }
        cancel(object.syncTimer)
    }

    // MARK: - Sync

    /// `reconcileAutoscaler`, then the next resync.
    func sync(_ index: Int) {
        guard !manager.workloads.horizontalPodAutoscalers[index].isDeleted else { return }
        reconcile(index)
        manager.workloads.horizontalPodAutoscalers[index].syncTimer = schedule(
            .controller(.syncHorizontalPodAutoscaler(index)), after: Self.syncPeriod)
    }

    func reconcile(_ index: Int) {
        let object = manager.workloads.horizontalPodAutoscalers[index]
        let spec = object.autoscaler.spec
        let target = spec.scaleTargetRef
        guard let scale = cluster.scaleSubresource(kind: target.kind, namespace: object.namespace, name: target.name)
        else {
            // horizontal.go: FailedGetScale "the HPA controller was unable to get the target's current scale".
            record(
                index, .warning, "FailedGetScale",
                "\(target.kind.lowercased())s.apps \"\(target.name)\" not found")
            return
        }
        let current = scale.replicas
        let minReplicas = object.minReplicas
        manager.workloads.horizontalPodAutoscalers[index].observe(current)
        var desired = 0
        var rescale = true
        var reason = ""
        var utilizations: [Int?] = []
        if current == 0 && minReplicas != 0 {
            // Autoscaling is disabled for this resource.
            rescale = false
        } else if current > spec.maxReplicas {
            desired = spec.maxReplicas
            reason = "Current number of replicas above Spec.MaxReplicas"
        } else if current < minReplicas {
            desired = minReplicas
            reason = "Current number of replicas below Spec.MinReplicas"
        } else {
            let proposal = computeReplicasForMetrics(index, current: current, pods: scale.pods)
            utilizations = proposal.utilizations
            guard let metricDesired = proposal.replicas else {
                manager.workloads.horizontalPodAutoscalers[index].currentReplicas = current
                manager.workloads.horizontalPodAutoscalers[index].currentUtilization = utilizations
                return
            }
            reason = proposal.reason
            desired = manager.workloads.horizontalPodAutoscalers[index].normalizer.normalize(
                current: current, desired: max(0, metricDesired), minReplicas: minReplicas,
                maxReplicas: spec.maxReplicas, behavior: spec.behavior, now: cluster.now)
            rescale = desired != current
        }
        manager.workloads.horizontalPodAutoscalers[index].currentReplicas = current
        manager.workloads.horizontalPodAutoscalers[index].currentUtilization = utilizations
        manager.workloads.horizontalPodAutoscalers[index].desiredReplicas = rescale ? desired : current
        guard rescale else { return }
        do {
            try cluster.scale(kind: target.kind, namespace: object.namespace, name: target.name, replicas: desired)
        } catch {
            record(index, .warning, "FailedRescale", "New size: \(desired); reason: \(reason); error: \(error.message)")
            return
        }
        manager.workloads.horizontalPodAutoscalers[index].normalizer.storeScaleEvent(
            behavior: spec.behavior, previous: current, new: desired, now: cluster.now)
        manager.workloads.horizontalPodAutoscalers[index].lastScaleTime = cluster.now
        manager.workloads.horizontalPodAutoscalers[index].rescales += 1
        // horizontal.go: SuccessfulRescale "New size: %d; reason: %s".
        record(index, .normal, "SuccessfulRescale", "New size: \(desired); reason: \(reason)")
    }

    /// `computeReplicasForMetrics`: the largest proposal over the metrics; when some metric
    /// failed, a proposal below the current count is not acted on.
    func computeReplicasForMetrics(
        _ index: Int, current: Int, pods: [PodID]
    )
        -> (replicas: Int?, reason: String, utilizations: [Int?])
    {
        let object = manager.workloads.horizontalPodAutoscalers[index]
        var best: Int?
        var reason = ""
        var invalid = 0
        var utilizations: [Int?] = []
        for metric in object.autoscaler.spec.metrics ?? [] {
            guard metric.type == "Resource", let resource = metric.resource,
                resource.target.type == "Utilization", let target = resource.target.averageUtilization
            else {
                invalid += 1
                utilizations.append(nil)
                record(
                    index, .warning, "FailedGetResourceMetric",
                    "kubesim simulates only Resource metrics with a Utilization target (metric type \(metric.type))")
                continue
            }
            let described = pods.map { describe($0, resource: resource.name) }
            switch calculator.replicas(
                currentReplicas: current, targetUtilization: target, pods: described,
                isCPU: resource.name == ResourceName.cpu, now: cluster.now)
            {
            case .success(let result):
                utilizations.append(result.utilization)
                if best.map({ result.replicas > $0 }) ?? true {
                    best = result.replicas
                    reason =
                        result.replicas > current
                        ? "\(resource.name) resource utilization (percentage of request) above target"
                        : "All metrics below target"
                }
            case .failure(let failure):
                invalid += 1
                utilizations.append(nil)
                let message: String
                switch failure {
                case .noPods: message = "no pods returned by selector while calculating replica count"
                case .noMetrics: message = "did not receive metrics for targeted pods (pods might be unready)"
                case .missingRequest: message = "missing request for \(resource.name)"
                }
                record(
                    index, .warning, "FailedGetResourceMetric",
                    "failed to get \(resource.name) utilization: \(message)")
            }
        }
        guard let best else { return (nil, "", utilizations) }
        if invalid > 0 && best < current { return (nil, "", utilizations) }
        return (best, reason, utilizations)
    }

    /// What `groupPods` and `calculatePodRequests` read of one pod.
    func describe(_ pod: PodID, resource: String) -> ReplicaCalculator.Pod {
        let object = cluster.api[pod]
        let facts = cluster.api.podFacts[pod.value]
        var request: Int64? = 0
        for container in object.pod.spec.containers {
            guard let quantity = container.resources.requests[resource] else {
                request = nil
                break
            }
            request = request.map { $0 + quantity.milliValue }
        }
        let condition = object.status.condition("Ready")
        return ReplicaCalculator.Pod(
            isPending: object.status.phase == .pending,
            isIgnored: object.isTerminating || object.status.phase == .failed || facts.isRemoved,
            ready: condition.map { $0.status == .true },
            readyTransition: condition?.lastTransitionTime ?? .zero,
            startTime: object.status.startTime, request: request,
            metric: cluster.metricsServer.podMetric(pod, resource: resource))
    }

    private func record(_ index: Int, _ type: EventType, _ reason: String, _ message: String) {
        let object = manager.workloads.horizontalPodAutoscalers[index]
        cluster.recordEvent(
            type, reason, message, kind: "HorizontalPodAutoscaler", namespace: object.namespace, name: object.name,
            component: Self.component)
    }
}
