import SimulationCore

/// One pod's resource metric as the resource metrics API reports it (metrics.k8s.io `PodMetrics`
/// summed over containers): CPU in millicores averaged over `window`, memory working set in
/// milli-bytes (the HPA's metrics client reads both with `MilliValue()`), taken at `timestamp`.
public struct PodMetric: Sendable, Hashable {
    /// Usage in milli-units (millicores, or thousandths of a byte).
    public var milliValue: Int64
    /// The scrape the value comes from.
    public var timestamp: SimulationTime
    /// The window the CPU rate was computed over.
    public var window: SimulationDuration
}

/// What the metrics server remembers of one pod between scrapes.
struct PodUsageSamples: Sendable {
    /// Scrape time of the last sample.
    var time = SimulationTime.zero
    /// CPU in millicores at the previous and the last scrape.
    var previousCPU: Int64 = 0
    var cpu: Int64 = 0
    /// Memory in bytes at the last scrape.
    var memory: Int64 = 0
    /// Consecutive scrapes that found the pod running.
    var count = 0
    /// Requests per second the pod served at the last scrape.
    var requestRate: Double = 0
}

/// A pod's resource use at one instant, from its running containers' behaviours.
public struct PodResourceUsage: Sendable, Hashable {
    /// CPU in millicores (capped at each container's CPU limit: CFS throttling).
    public var cpuMillicores: Int64
    /// Memory in bytes.
    public var memoryBytes: Int64
}
