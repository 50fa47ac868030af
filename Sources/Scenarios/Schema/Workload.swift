import KubeModel
import SimulationCore
import Stochastics

/// `spec.workloads[i]`: a generator of pods for capacity planning.
public struct Workload: Sendable, Hashable {
    /// A name for random streams and messages: the template's name, else `workload-<i>`.
    public var name: String
    /// `template`: the pod every arrival creates.
    public var template: WorkloadTemplate
    /// `arrivals`: when pods arrive.
    public var arrivals: ArrivalSpec
    /// `count`: at most this many pods (`nil`: unbounded, then `until` or the run's end bounds it).
    public var count: Int?
    /// `until`: no arrivals at or after this time since the start.
    public var until: SimulationDuration?
    /// `lifetime`: seconds from creation to deletion; `nil` lives until it ends on its own.
    public var lifetime: Distribution?
    /// `requests`: per-resource overrides of every container's requests, drawn per pod
    /// (`cpu` in cores, memory and storage in bytes, others in units), sorted by resource name.
    public var requests: [RequestOverride]

    /// Creates a workload.
    public init(
        name: String, template: WorkloadTemplate, arrivals: ArrivalSpec, count: Int? = nil,
        until: SimulationDuration? = nil, lifetime: Distribution? = nil, requests: [RequestOverride] = []
    ) {
        self.name = name
        self.template = template
        self.arrivals = arrivals
        self.count = count
        self.until = until
        self.lifetime = lifetime
        self.requests = requests
    }
}

/// One `requests` override: a resource and the distribution of its request.
public struct RequestOverride: Sendable, Hashable {
    /// Resource name (`cpu`, `memory`, …).
    public var resource: String
    /// Values in the resource's base unit (cores, bytes, …).
    public var distribution: Distribution

    /// Creates an override.
    public init(resource: String, distribution: Distribution) {
        self.resource = resource
        self.distribution = distribution
    }
}

/// `spec.workloads[i].template`.
public enum WorkloadTemplate: Sendable, Hashable {
    /// `{file: path}`: a file holding a Pod (or a Deployment, ReplicaSet or Job whose pod
    /// template is used), relative to the scenario's directory.
    case file(String)
    /// `{inline: {apiVersion: v1, kind: Pod, …}}`.
    case pod(Pod)
    /// `{inline: {metadata: …, spec: …}}`: a pod template.
    case podTemplate(PodTemplateSpec)
}

/// `spec.workloads[i].arrivals`: one arrival process.
public enum ArrivalSpec: Sendable, Hashable {
    /// `{at: [0s, 5s]}`: fixed times since the start.
    case at([SimulationDuration])
    /// `{poisson: {rate: 20/m}}`: rate per second.
    case poisson(rate: Double)
    /// `{diurnal: {…}}`: a sinusoidal daily cycle.
    case diurnal(DiurnalSpec)
    /// `{trace: {file, format: openb}}`: replay of a recorded trace.
    case trace(TraceSpec)
}

/// `arrivals.diurnal`: a non-homogeneous Poisson process with rate
/// `mean × (1 + amplitude × cos(2π (t − peak) / period))`, so the peak-to-trough ratio is
/// `(1 + amplitude) / (1 − amplitude)`.
public struct DiurnalSpec: Sendable, Hashable {
    /// `mean`: the average rate per second over a period.
    public var meanRate: Double
    /// `amplitude`: relative swing in [0, 1] (default 0.5: peak 3× the trough). Alternatively
    /// `peakToTrough: r` sets amplitude `(r − 1) / (r + 1)`.
    public var amplitude: Double
    /// `period` (default 24h).
    public var period: SimulationDuration
    /// `peak`: offset from the start of the run at which the rate is highest (default 12h).
    public var peak: SimulationDuration

    /// Creates a diurnal spec.
    public init(
        meanRate: Double, amplitude: Double = 0.5, period: SimulationDuration = .seconds(86_400),
        peak: SimulationDuration = .seconds(43_200)
    ) {
        self.meanRate = meanRate
        self.amplitude = amplitude
        self.period = period
        self.peak = peak
    }
}

/// `arrivals.trace`: a trace file to replay.
public struct TraceSpec: Sendable, Hashable {
    /// Trace formats understood.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// Alibaba GPU cluster trace v2023 pod list (`openb_pod_list_*.csv`).
        case openb
    }

    /// `file`, relative to the scenario's directory.
    public var file: String
    /// `format`.
    public var format: Format
    /// `timeScale`: trace seconds are multiplied by this (default 1; 0.001 replays 1000× faster).
    public var timeScale: Double

    /// Creates a trace spec.
    public init(file: String, format: Format = .openb, timeScale: Double = 1) {
        self.file = file
        self.format = format
        self.timeScale = timeScale
    }
}
