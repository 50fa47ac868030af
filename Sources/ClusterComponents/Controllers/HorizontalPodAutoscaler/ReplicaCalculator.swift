import SimulationCore

/// The HPA's replica calculator for resource utilization metrics (k/k
/// pkg/controller/podautoscaler/replica_calculator.go `GetResourceReplicas`, `groupPods`) and
/// its ratio (metrics/utilization.go `GetResourceUtilizationRatio`). Pure: the controller
/// gathers the pods, their metrics and requests.
public struct ReplicaCalculator: Sendable {
    /// `--horizontal-pod-autoscaler-tolerance` (0.1).
    public var tolerance = 0.1
    /// `--horizontal-pod-autoscaler-cpu-initialization-period` (5 min).
    public var cpuInitializationPeriod = SimulationDuration.minutes(5)
    /// `--horizontal-pod-autoscaler-initial-readiness-delay` (30 s).
    public var delayOfInitialReadinessStatus = SimulationDuration.seconds(30)

    /// Creates a calculator with kube-controller-manager's defaults.
    public init() {}

    /// One pod the target's selector lists, as `groupPods` reads it.
    public struct Pod: Sendable, Hashable {
        /// `Pending`, `Running`, … (`isPending` for the Pending phase).
        public var isPending: Bool
        /// Deleted (deletionTimestamp set) or Failed: ignored.
        public var isIgnored: Bool
        /// The Ready condition: `nil` when absent, else its status and last transition.
        public var ready: Bool?
        /// Ready condition's last transition time.
        public var readyTransition: SimulationTime
        /// `status.startTime`.
        public var startTime: SimulationTime?
        /// Sum of the containers' requests of the resource, milli-units; `nil` when a container
        /// has none (`calculatePodRequests` fails: "missing request for …").
        public var request: Int64?
        /// The metric, if metrics-server has one.
        public var metric: PodMetric?

        /// Creates a pod description.
        public init(
            isPending: Bool = false, isIgnored: Bool = false, ready: Bool? = true,
            readyTransition: SimulationTime = .zero,
            startTime: SimulationTime? = .zero, request: Int64?, metric: PodMetric?
        ) {
            self.isPending = isPending
            self.isIgnored = isIgnored
            self.ready = ready
            self.readyTransition = readyTransition
            self.startTime = startTime
            self.request = request
            self.metric = metric
        }
    }

    /// Why no replica count could be computed (the controller's `FailedGetResourceMetric`
    /// messages).
    public enum Failure: Error, Sendable, Hashable {
        /// "no pods returned by selector while calculating replica count".
        case noPods
        /// "did not receive metrics for targeted pods (pods might be unready)".
        case noMetrics
        /// "missing request for <resource>".
        case missingRequest
    }

    /// The result: the proposal and the utilization it saw (percent of requests, truncated).
    public struct Result: Sendable, Hashable {
        /// Proposed replicas.
        public var replicas: Int
        /// Current utilization in percent.
        public var utilization: Int
    }

    /// `GetResourceReplicas` for one resource metric with `targetUtilization` percent.
    /// - Parameters:
    ///   - currentReplicas: the scale's `spec.replicas`.
    ///   - isCPU: the unready rules apply to CPU only.
    /// - Complexity: O(pods).
    public func replicas(
        currentReplicas: Int, targetUtilization: Int, pods: [Pod], isCPU: Bool, now: SimulationTime
    ) -> Swift.Result<Result, Failure> {
        guard !pods.isEmpty else { return .failure(.noPods) }
        // groupPods.
        var readyCount = 0
        var used: [(request: Int64, value: Int64)] = []
        var unready: [Int64] = []  // requests of unready pods that have metrics
        var missing: [Int64] = []  // requests of pods without metrics
        for pod in pods {
            if pod.isIgnored { continue }
            if pod.isPending {
                unready.append(pod.request ?? 0)
                continue
            }
            guard let metric = pod.metric else {
                missing.append(pod.request ?? 0)
                continue
            }
            if isCPU {
                var isUnready: Bool
                if let ready = pod.ready, let start = pod.startTime {
                    if start + cpuInitializationPeriod > now {
                        // Within the initialization period: unready, or no full window since the transition.
                        isUnready = !ready || metric.timestamp < pod.readyTransition + metric.window
                    } else {
                        // Unready and never been ready.
                        isUnready = !ready && start + delayOfInitialReadinessStatus > pod.readyTransition
                    }
                } else {
                    isUnready = true
                }
                if isUnready {
                    unready.append(pod.request ?? 0)
                    continue
                }
            }
            readyCount += 1
            guard let request = pod.request else { return .failure(.missingRequest) }
            used.append((request, metric.milliValue))
        }
        // removeMetricsForPods(ignored, unready): only the ready pods' metrics remain.
        guard !used.isEmpty else { return .failure(.noMetrics) }
        // calculatePodRequests covers every listed pod: a missing request fails.
        if pods.contains(where: { !$0.isIgnored && $0.request == nil }) { return .failure(.missingRequest) }
        let (usageRatio, utilization) = Self.ratio(used, target: targetUtilization)
        let scaleUpWithUnready = !unready.isEmpty && usageRatio > 1.0
        if !scaleUpWithUnready && missing.isEmpty {
            if abs(1.0 - usageRatio) <= tolerance {
                return .success(Result(replicas: currentReplicas, utilization: utilization))
            }
            return .success(
                Result(replicas: Int((usageRatio * Double(readyCount)).rounded(.up)), utilization: utilization))
        }
        var adjusted = used
        if !missing.isEmpty {
            if usageRatio < 1.0 {
                // Scale-down: missing pods use 100% of their request (or the target, if higher).
                let fallback = Int64(max(100, targetUtilization))
                for request in missing { adjusted.append((request, request * fallback / 100)) }
            } else if usageRatio > 1.0 {
                // Scale-up: missing pods use nothing.
                for request in missing { adjusted.append((request, 0)) }
            }
        }
        if scaleUpWithUnready {
            for request in unready { adjusted.append((request, 0)) }
        }
        let (newUsageRatio, _) = Self.ratio(adjusted, target: targetUtilization)
        if abs(1.0 - newUsageRatio) <= tolerance || (usageRatio < 1.0 && newUsageRatio > 1.0)
            || (usageRatio > 1.0 && newUsageRatio < 1.0)
        {
            return .success(Result(replicas: currentReplicas, utilization: utilization))
        }
        let newReplicas = Int((newUsageRatio * Double(adjusted.count)).rounded(.up))
        if (newUsageRatio < 1.0 && newReplicas > currentReplicas)
            || (newUsageRatio > 1.0 && newReplicas < currentReplicas)
        {
            return .success(Result(replicas: currentReplicas, utilization: utilization))
        }
        return .success(Result(replicas: newReplicas, utilization: utilization))
    }

    /// `GetResourceUtilizationRatio`: utilization `⌊100 × Σ usage / Σ requests⌋` percent
    /// (integer, as upstream), and its ratio to the target.
    static func ratio(_ pairs: [(request: Int64, value: Int64)], target: Int) -> (Double, Int) {
        var usage: Int64 = 0
        var requests: Int64 = 0
        for pair in pairs {
            usage += pair.value
            requests += pair.request
        }
        guard requests > 0 else { return (0, 0) }
        let utilization = Int(usage * 100 / requests)
        return (Double(utilization) / Double(target), utilization)
    }
}
