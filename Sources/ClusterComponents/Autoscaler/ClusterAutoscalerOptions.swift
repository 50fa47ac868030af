import SimulationCore

/// The Cluster Autoscaler's flags that kubesim honours, with the defaults of cluster-autoscaler
/// 1.31 (kubernetes/autoscaler `cluster-autoscaler/main.go` flag definitions and
/// `config/autoscaling_options.go`).
public struct ClusterAutoscalerOptions: Sendable, Hashable {
    /// How a node group is chosen among those that would help (`--expander`).
    public enum Expander: String, Sendable, Hashable, CaseIterable {
        /// `expander/random`: uniformly at random.
        case random
        /// `expander/mostpods`: the option that schedules the most pods.
        case mostPods = "most-pods"
        /// `expander/waste`: the least unused CPU and memory fraction on the new nodes.
        case leastWaste = "least-waste"
        /// `expander/price`: the cheapest per pod helped (`pricePerHour × nodes / pods`; the
        /// upstream expander also weighs a preferred node size, not modelled).
        case price
        /// `expander/priority`: the groups of the highest priority whose regexes match the
        /// group's name, from the `cluster-autoscaler-priority-expander` ConfigMap in
        /// `kube-system` (`priorities`: `N:` lines each followed by `- regex` lines).
        case priority
    }

    /// `--scan-interval` (10 s).
    public var scanInterval = SimulationDuration.seconds(10)
    /// `--scale-down-unneeded-time` (10 min).
    public var scaleDownUnneededTime = SimulationDuration.minutes(10)
    /// `--scale-down-delay-after-add` (10 min).
    public var scaleDownDelayAfterAdd = SimulationDuration.minutes(10)
    /// `--scale-down-delay-after-delete` (defaults to the scan interval).
    public var scaleDownDelayAfterDelete: SimulationDuration?
    /// `--scale-down-delay-after-failure` (3 min).
    public var scaleDownDelayAfterFailure = SimulationDuration.minutes(3)
    /// `--scale-down-utilization-threshold` (0.5): the larger of the CPU and memory requested
    /// share below which a node is a candidate.
    public var scaleDownUtilizationThreshold = 0.5
    /// `--max-node-provision-time` (15 min): a node not Ready by then is given up.
    public var maxNodeProvisionTime = SimulationDuration.minutes(15)
    /// `--expander` (random).
    public var expander = Expander.random
    /// `--max-empty-bulk-delete` (10): empty nodes removed at once.
    public var maxEmptyBulkDelete = 10
    /// `--skip-nodes-with-local-storage` (true): pods with emptyDir or hostPath volumes block.
    public var skipNodesWithLocalStorage = true
    /// `--skip-nodes-with-system-pods` (true): kube-system pods (not DaemonSet) block.
    public var skipNodesWithSystemPods = true
    /// `--new-pod-scale-up-delay` (0 s): pods younger than this are not considered.
    public var newPodScaleUpDelay = SimulationDuration.zero
    /// `--max-graceful-termination-sec` (600 s) plus the 30 s eviction headroom: how long a
    /// drained node waits for its pods before it is deleted anyway.
    public var maxGracefulTermination = SimulationDuration.seconds(630)
    /// Node group backoff after a failed scale-up (`--initial-node-group-backoff-duration`, 5 min).
    public var initialNodeGroupBackoff = SimulationDuration.minutes(5)

    /// The defaults.
    public init() {}
}
