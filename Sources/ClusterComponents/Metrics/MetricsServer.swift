import KubeModel
import SimulationCore

/// metrics-server (kubernetes-sigs/metrics-server): scrapes every kubelet's resource metrics
/// each ``resolution`` and serves the resource metrics API (`metrics.k8s.io`) the
/// HorizontalPodAutoscaler controller reads, so autoscalers see usage late by up to one
/// resolution plus their own sync period.
///
/// A pod's CPU is a rate between two cumulative samples, so metrics-server reports a pod only
/// from its second scrape while running (`pkg/storage/pod.go` needs a previous point); here the
/// rate over the window is the mean of the two sampled instantaneous uses. Memory is the working
/// set at the last scrape. The requests a pod serves come from ``traffic``: each source's rate
/// at the scrape, spread evenly over the Ready pods it reaches.
///
/// Idle (no engine events) until ``start()``, so runs without autoscalers or traffic are as before.
public final class MetricsServer: ClusterComponent {
    /// The owning cluster. `unowned(unsafe)`: the cluster creates this component and outlives it.
    unowned(unsafe) let cluster: Cluster
    /// `--metric-resolution`: 15 s, as the project's release manifest (`components.yaml`) sets
    /// it (the flag's own default is 60 s).
    public var resolution = SimulationDuration.seconds(15)
    /// Where the pods' requests come from.
    public var traffic: [TrafficSource] = []
    /// Per pod (dense by ``PodID``): the last samples.
    var samples: [PodUsageSamples] = []
    /// Whether scrapes are scheduled.
    public private(set) var isRunning = false
    /// Reusable per-scrape request shares (dense by ``PodID``).
    private var shares: [Double] = []

    init(cluster: Cluster) { self.cluster = cluster }

    /// Starts scraping at the next multiple of ``resolution`` (idempotent).
    public func start() {
        guard !isRunning else { return }
        isRunning = true
        let period = resolution.nanoseconds
        let next = (cluster.now.nanoseconds / period + 1) * period
        schedule(.metricsScrape, at: SimulationTime(nanoseconds: next), priority: .late)
    }

    /// One scrape: every running pod's use, from the requests it serves now.
    /// - Complexity: O(pods in the API × traffic sources).
    func scrape() {
        let now = cluster.now
        let pods = cluster.api.pods.count
        if samples.count < pods {
            samples.append(contentsOf: repeatElement(PodUsageSamples(), count: pods - samples.count))
        }
        if shares.count < pods { shares.append(contentsOf: repeatElement(0, count: pods - shares.count)) }
        for index in 0..<pods { shares[index] = 0 }
        var ready: [Int] = []
        for source in traffic {
            let rate = source.rate(at: now)
            guard rate > 0 else { continue }
            ready.removeAll(keepingCapacity: true)
            for index in 0..<pods where isServing(index) && source.reaches(cluster.api.pods[index]) {
                ready.append(index)
            }
            guard !ready.isEmpty else { continue }
            let share = rate / Double(ready.count)
            for index in ready { shares[index] += share }
        }
        for index in 0..<pods {
            let facts = cluster.api.podFacts[index]
            guard facts.isBound, !facts.isRemoved, !facts.isTerminal,
                let usage = cluster.kubelets[Int(facts.node)].resourceUsage(
                    of: PodID(index), requestRate: shares[index])
            else {
                samples[index].count = 0
                continue
            }
            let consecutive = samples[index].count > 0 && samples[index].time + resolution == now
            samples[index].previousCPU = consecutive ? samples[index].cpu : 0
            samples[index].count = consecutive ? samples[index].count + 1 : 1
            samples[index].cpu = usage.cpuMillicores
            samples[index].memory = usage.memoryBytes
            samples[index].time = now
            samples[index].requestRate = shares[index]
        }
        schedule(.metricsScrape, after: resolution, priority: .late)
    }

    /// Whether a pod receives traffic: Ready and not being deleted (endpoints drop a
    /// terminating pod).
    private func isServing(_ index: Int) -> Bool {
        let facts = cluster.api.podFacts[index]
        return facts.readySince != nil && facts.isActive
    }

    /// The pod's metric for `resource` (`cpu` or `memory`), or `nil` when metrics-server has
    /// none (fewer than two scrapes while running, or not running at the last scrape).
    public func podMetric(_ pod: PodID, resource: String) -> PodMetric? {
        guard pod.value < samples.count, samples[pod.value].count >= 2,
            samples[pod.value].time + resolution >= cluster.now
        else { return nil }
        let sample = samples[pod.value]
        switch resource {
        case ResourceName.cpu:
            return PodMetric(
                milliValue: (sample.previousCPU + sample.cpu) / 2, timestamp: sample.time, window: resolution)
        case ResourceName.memory:
            return PodMetric(milliValue: sample.memory * 1000, timestamp: sample.time, window: resolution)
        default: return nil
        }
    }

    /// Requests per second the pod served at the last scrape (0 when unknown).
    public func requestRate(of pod: PodID) -> Double {
        pod.value < samples.count && samples[pod.value].count > 0 ? samples[pod.value].requestRate : 0
    }
}
