import ClusterComponents
import KubeModel
import SimulationCore

/// The typed `kind: Scenario` document (apiVersion `kubesim/v1alpha1`): everything a run needs
/// that Kubernetes manifests do not say. See shared/design/scenario-format.md for the contract.
///
/// Durations are ``SimulationDuration``s, sizes are bytes, rates are per second, and every
/// random quantity is a `Stochastics.Distribution` in those units. Decode one with
/// ``ScenarioDecoder``; check it against the loaded manifests with ``ScenarioReferenceChecker``.
public struct Scenario: Sendable {
    /// The document's apiVersion.
    public static let apiVersion = "kubesim/v1alpha1"
    /// The document's kind.
    public static let kind = "Scenario"

    /// `metadata.name`.
    public var name: String
    /// Where the document was read from (`nil` for ``default(name:)``).
    public var location: SourceLocation?
    /// The directory that relative file paths (templates, empirical files, traces) resolve against.
    public var baseDirectory: String
    /// `spec.seed`: the master seed every random stream derives from (default 1).
    public var seed: UInt64
    /// `spec.duration` and/or `spec.until`.
    public var runLength: RunLength
    /// `spec.startTime` in Unix seconds: the wall-clock origin of output timestamps.
    public var startTimeUnixSeconds: Int64
    /// `spec.kubernetesVersion` (default 1.34, supported 1.25–1.36).
    public var kubernetesVersion: KubernetesVersion
    /// `spec.timing` (default `realistic`).
    public var timing: TimingMode
    /// `spec.realisticTiming`: the costs of realistic timing (calibrated defaults).
    public var realisticTiming: RealisticTiming
    /// `spec.scheduler.clientConnection.qps` / `burst` (nil: the KubeSchedulerConfiguration's, else 50/100).
    public var schedulerClientQPS: Double?
    /// See ``schedulerClientQPS``.
    public var schedulerClientBurst: Int?
    /// `spec.controllerManager.kubeAPIQPS` / `kubeAPIBurst` (nil: 20/30).
    public var controllerManagerQPS: Double?
    /// See ``controllerManagerQPS``.
    public var controllerManagerBurst: Int?
    /// `spec.scheduler.tieBreak` (default `uniform`, as kube-scheduler; `nodeOrder` reproduces
    /// the FGD paper's simulator).
    public var tieBreak: TieBreak
    /// `spec.nodes`; `nil` when absent (use Node manifests, else ``defaultNodePools``).
    public var nodePools: [NodePool]?
    /// `spec.images`, the registry catalogue in order (first match wins).
    public var images: [ImageSpec]
    /// `spec.behaviors`, first match wins.
    public var behaviors: [Behavior]
    /// `spec.workloads`.
    public var workloads: [Workload]
    /// `spec.actions`, sorted by time (stable: equal times keep document order).
    public var actions: [ScenarioAction]
    /// `spec.outputs`.
    public var outputs: OutputSettings
    /// `spec.traffic`: request streams that drive the pods' CPU and memory use.
    public var traffic: [Traffic]
    /// `spec.clusterAutoscaler`: the Cluster Autoscaler's flags (defaults when only pools say
    /// `autoscaling`).
    public var clusterAutoscaler: ClusterAutoscalerOptions?
    /// Lines of the fields as written, for diagnostics raised after decoding.
    public var sourceMap: ScenarioSourceMap
    /// Every file the document names, for the reference checks.
    public var fileReferences: [ScenarioFileReference]

    /// Creates a scenario with every default of the format page.
    public init(name: String) {
        self.name = name
        self.location = nil
        self.baseDirectory = "."
        self.seed = 1
        self.runLength = RunLength()
        self.startTimeUnixSeconds = ClusterConfiguration().startTimeUnixSeconds
        self.kubernetesVersion = .default
        self.timing = .realistic
        self.realisticTiming = RealisticTiming()
        self.schedulerClientQPS = nil
        self.schedulerClientBurst = nil
        self.controllerManagerQPS = nil
        self.controllerManagerBurst = nil
        self.tieBreak = .uniform
        self.nodePools = nil
        self.images = []
        self.behaviors = []
        self.workloads = []
        self.actions = []
        self.outputs = OutputSettings()
        self.traffic = []
        self.clusterAutoscaler = nil
        self.sourceMap = ScenarioSourceMap()
        self.fileReferences = []
    }

    /// The default cluster of the format page: three nodes `worker-0…2` of 4 CPU, 16 GiB,
    /// 110 pods and 100 GiB of ephemeral storage.
    public static let defaultNodePools: [NodePool] = [
        NodePool(
            name: "worker", count: 3,
            capacity: ["cpu": "4", "memory": "16Gi", "pods": "110", "ephemeral-storage": "100Gi"])
    ]

    /// The scenario used when the inputs hold no Scenario document: the default cluster,
    /// default behaviours (none listed, so every container runs forever), `until: Quiescent`
    /// (10 minutes without change) and seed 1.
    public static func `default`(name: String) -> Scenario {
        var scenario = Scenario(name: name)
        scenario.nodePools = defaultNodePools
        return scenario
    }

    /// The node pools in force: the document's, or the default cluster's.
    public var effectiveNodePools: [NodePool] { nodePools ?? Self.defaultNodePools }

    /// Every node name the pools create (`<pool>-0…<pool>-(count-1)`), in pool order.
    public var poolNodeNames: [String] { effectiveNodePools.flatMap(\.nodeNames) }
}

/// How long a run lasts: a fixed duration, until nothing changes, or both (the duration caps it).
public struct RunLength: Sendable, Hashable {
    /// `spec.duration`; `nil` means no fixed end.
    public var duration: SimulationDuration?
    /// `spec.until: Quiescent`: stop once nothing has changed for ``quiescencePeriod``.
    public var untilQuiescent: Bool
    /// The quiet time that counts as quiescent (10 minutes of simulated time).
    public var quiescencePeriod: SimulationDuration

    /// The default: until quiescent, 10 minutes.
    public init(
        duration: SimulationDuration? = nil, untilQuiescent: Bool = true,
        quiescencePeriod: SimulationDuration = .minutes(10)
    ) {
        self.duration = duration
        self.untilQuiescent = untilQuiescent
        self.quiescencePeriod = quiescencePeriod
    }
}

/// `spec.outputs`: settings of the sinks.
public struct OutputSettings: Sendable, Hashable {
    /// `sampleInterval`: period of `metrics.csv` samples (default 10 s).
    public var sampleInterval: SimulationDuration
    /// `openMetrics`: write `metrics.om` (default true; large runs turn it off).
    public var openMetrics: Bool

    /// The defaults.
    public init(sampleInterval: SimulationDuration = .seconds(10), openMetrics: Bool = true) {
        self.sampleInterval = sampleInterval
        self.openMetrics = openMetrics
    }
}
