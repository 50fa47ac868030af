import KubeModel
import SimulationCore
import Stochastics

/// `spec.nodes[i]`: a pool of identical nodes named `<name>-0 … <name>-(count-1)`.
public struct NodePool: Sendable, Hashable {
    /// Pool name, the prefix of its nodes' names.
    public var name: String
    /// Number of nodes at start.
    public var count: Int
    /// Capacity (and allocatable) of each node.
    public var capacity: ResourceList
    /// Labels of each node (besides `kubernetes.io/hostname`).
    public var labels: [String: String]
    /// Taints of each node.
    public var taints: [Taint]
    /// Images already in each node's cache at start.
    public var images: [String]
    /// KubeletConfiguration fields of each node's kubelet.
    public var kubelet: KubeletSettings
    /// `from`: the node list the pool was read from (nil for `count` identical nodes).
    public var source: NodeListSpec?
    /// The nodes of `from`, in file order; the pool has the first `count` of them.
    public var listedNodes: [ListedNode]?
    /// `autoscaling`: the pool is a Cluster Autoscaler node group; `count` is its initial size.
    public var autoscaling: NodeGroupAutoscaling?

    /// Creates a pool.
    public init(
        name: String, count: Int, capacity: ResourceList, labels: [String: String] = [:],
        taints: [Taint] = [], images: [String] = [], kubelet: KubeletSettings = KubeletSettings()
    ) {
        self.name = name
        self.count = count
        self.capacity = capacity
        self.labels = labels
        self.taints = taints
        self.images = images
        self.kubelet = kubelet
    }

    /// `<name>-0 … <name>-(count-1)`.
    public var nodeNames: [String] {
        if let listedNodes { return listedNodes.prefix(max(count, 0)).map(\.name) }
        return (0..<max(count, 0)).map { "\(name)-\($0)" }
    }
}

/// `spec.nodes[i].kubelet`: the KubeletConfiguration fields that matter to the simulation.
/// `nil` fields keep the kubelet's defaults (kubelet reference §2).
public struct KubeletSettings: Sendable, Hashable {
    /// `serializeImagePulls`.
    public var serializeImagePulls: Bool?
    /// `maxParallelImagePulls`.
    public var maxParallelImagePulls: Int?
    /// `pullBandwidth`, bytes per second shared by the node's concurrent pulls (a kubesim field).
    public var pullBandwidth: Double?
    /// `crashLoopBackOff.maxContainerRestartPeriod` (also accepted at top level).
    public var maxContainerRestartPeriod: SimulationDuration?
    /// `imageGCHighThresholdPercent`.
    public var imageGCHighThresholdPercent: Int?
    /// `imageGCLowThresholdPercent`.
    public var imageGCLowThresholdPercent: Int?
    /// `featureGates.ReduceDefaultCrashLoopBackOffDecay` (also accepted as a top-level boolean).
    public var reduceDefaultCrashLoopBackOffDecay: Bool?
    /// `kubeReserved`: resources kept from pods for Kubernetes daemons.
    public var kubeReserved: ResourceList?
    /// `systemReserved`: resources kept from pods for the OS.
    public var systemReserved: ResourceList?
    /// `evictionHard`: hard eviction thresholds by signal (`memory.available: 100Mi`,
    /// `nodefs.available: 10%`); given, it replaces the kubelet's defaults, as in a
    /// KubeletConfiguration file.
    public var evictionHard: [String: String]?
    /// `kubeAPIQPS` / `kubeAPIBurst`: the kubelet's API client rate limit (realistic timing).
    public var kubeAPIQPS: Double?
    /// See ``kubeAPIQPS``.
    public var kubeAPIBurst: Int?

    /// All defaults.
    public init() {}
}

/// `spec.nodes[i].autoscaling`: the node group's bounds, start-up time and price.
public struct NodeGroupAutoscaling: Sendable, Hashable {
    /// `min` (default 0).
    public var min: Int
    /// `max` (required).
    public var max: Int
    /// `provisionTime`: seconds from the scale-up to the node being Ready (default 60 s).
    public var provisionTime: Distribution
    /// `pricePerHour` (default 0): what one node costs per hour, in any currency.
    public var pricePerHour: Double

    /// Creates the settings.
    public init(min: Int = 0, max: Int, provisionTime: Distribution = .constant(60), pricePerHour: Double = 0) {
        self.min = min
        self.max = max
        self.provisionTime = provisionTime
        self.pricePerHour = pricePerHour
    }
}
