import KubeModel
import SimulationCore
import Stochastics

/// A node group of the Cluster Autoscaler's cloud provider: a pool whose size moves between
/// `min` and `max`, whose new nodes copy a template and become Ready after `provisionTime`.
public struct NodeGroup: Sendable {
    /// The pool's name (nodes are `<name>-<index>`).
    public var name: String
    /// `autoscaling.min` and `autoscaling.max`.
    public var minSize: Int
    public var maxSize: Int
    /// The template node (labels, taints, capacity, allocatable), named per new node.
    public var template: Node
    /// The kubelet settings of new nodes.
    public var kubeletConfiguration: KubeletConfiguration
    /// Images cached on new nodes.
    public var preloadedImages: [String]
    /// Seconds from the scale-up decision to the node being Ready.
    public var provisionTime: Distribution
    /// `autoscaling.pricePerHour` (0 when not given).
    public var pricePerHour: Double
    /// The next node index to name.
    public var nextIndex: Int
    /// Live nodes of the group.
    public internal(set) var nodes: [NodeID] = []
    /// Nodes requested and not Ready yet.
    public internal(set) var upcoming = 0
    /// Scale-ups are not tried before this time (after a node failed to come up).
    var backoffUntil = SimulationTime.zero

    /// Creates a group.
    public init(
        name: String, minSize: Int, maxSize: Int, template: Node, kubeletConfiguration: KubeletConfiguration,
        preloadedImages: [String], provisionTime: Distribution, pricePerHour: Double, nextIndex: Int
    ) {
        self.name = name
        self.minSize = minSize
        self.maxSize = maxSize
        self.template = template
        self.kubeletConfiguration = kubeletConfiguration
        self.preloadedImages = preloadedImages
        self.provisionTime = provisionTime
        self.pricePerHour = pricePerHour
        self.nextIndex = nextIndex
    }

    /// The cloud's target size: live nodes plus those on their way.
    public var targetSize: Int { nodes.count + upcoming }
}

/// The Cluster Autoscaler's timers.
public enum ClusterAutoscalerEvent: Sendable, Hashable {
    /// One `RunOnce` loop.
    case scan
    /// A requested node of group `group` is Ready (or, if `failed`, was given up at
    /// `--max-node-provision-time`).
    case nodeProvisioned(group: Int, failed: Bool)
    /// Check whether a draining node is empty yet.
    case drainCheck(NodeID)
}
