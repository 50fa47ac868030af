import KubeModel
import SimulationCore
import Stochastics

/// The Cluster Autoscaler (kubernetes/autoscaler `cluster-autoscaler`, defaults of 1.31): every
/// ``ClusterAutoscalerOptions/scanInterval`` it runs one loop (`core/static_autoscaler.go`
/// `RunOnce`): unschedulable pods that no upcoming node would take trigger a scale-up of the
/// node group the expander picks among those whose template node passes the scheduler's own
/// filters (`core/scaleup/orchestrator`, `estimator/binpacking_estimator.go`); nodes whose
/// requested share stays below the threshold for the unneeded time and whose pods can all move
/// elsewhere are drained through the eviction API and deleted (`core/scaledown/planner`,
/// `simulator/drainability`), empty ones in bulk.
public final class ClusterAutoscaler: ClusterComponent {
    /// The owning cluster. `unowned(unsafe)`: the cluster creates this component and outlives it.
    unowned(unsafe) let cluster: Cluster
    /// The flags.
    public let options: ClusterAutoscalerOptions
    /// The node groups, in scenario order.
    public internal(set) var groups: [NodeGroup]
    /// The group of each node it manages (by ``NodeID``).
    var groupOfNode: [NodeID: Int] = [:]
    /// Since when each node has been unneeded.
    var unneededSince: [NodeID: SimulationTime] = [:]
    /// Nodes being drained, with the drain's start.
    var draining: [NodeID: SimulationTime] = [:]
    var lastScaleUp = SimulationTime(nanoseconds: .min / 2)
    var lastScaleDownDelete = SimulationTime(nanoseconds: .min / 2)
    var lastScaleDownFailure = SimulationTime(nanoseconds: .min / 2)
    var random: RandomSource
    /// The last `cluster-autoscaler-status` content written (without its time).
    var lastStatus = ""
    /// The event source (`cluster-autoscaler`).
    static let component = "cluster-autoscaler"
    /// `cluster-autoscaler.kubernetes.io/safe-to-evict`.
    public static let safeToEvictAnnotation = "cluster-autoscaler.kubernetes.io/safe-to-evict"
    /// The taint a node being deleted gets (`utils/taints`).
    public static let toBeDeletedTaint = "ToBeDeletedByClusterAutoscaler"

    // MARK: - Figures for the outputs

    /// Scale-ups done (groups increased).
    public internal(set) var scaleUps = 0
    /// Nodes deleted by scale-down.
    public internal(set) var scaleDowns = 0
    /// Pods that triggered a scale-up, with the time they were created.
    public internal(set) var triggeringPods: [PodID: SimulationTime] = [:]
    /// Per node: when it was requested from the cloud (billing starts) and when it was deleted.
    public internal(set) var nodeBilling: [NodeID: (requested: SimulationTime, deleted: SimulationTime?)] = [:]
    /// Requests of nodes not Ready yet: group and request time, in order.
    var pendingRequests: [(group: Int, requested: SimulationTime)] = []

    init(cluster: Cluster, options: ClusterAutoscalerOptions, groups: [NodeGroup]) {
        self.cluster = cluster
        self.options = options
        self.groups = groups
        self.random = cluster.streams.stream(named: "cluster-autoscaler/expander")
    }

    /// Adopts the groups' existing nodes (by pool) and schedules the first loop.
    func start() {
        for (index, group) in groups.enumerated() {
            for node in cluster.api.nodes where node.pool == group.name && !node.isRemoved {
                groups[index].nodes.append(node.id)
                groupOfNode[node.id] = index
                nodeBilling[node.id] = (node.createdAt, nil)
            }
        }
        schedule(.clusterAutoscaler(.scan), after: options.scanInterval)
    }

    func handle(_ event: ClusterAutoscalerEvent) {
        switch event {
        case .scan:
            runOnce()
            schedule(.clusterAutoscaler(.scan), after: options.scanInterval)
        case .nodeProvisioned(let group, let failed): nodeProvisioned(group, failed: failed)
        case .drainCheck(let node): checkDrain(node)
        }
    }

    /// `RunOnce`: scale-up for pending pods, then the unneeded nodes and scale-down.
    func runOnce() {
        let scaledUp = scaleUp()
        defer { writeStatus(scaledUp: scaledUp, unschedulable: unschedulablePods().count) }
        updateUnneededNodes()
        let delayAfterDelete = options.scaleDownDelayAfterDelete ?? options.scanInterval
        let now = cluster.now
        let inCooldown =
            scaledUp || lastScaleUp + options.scaleDownDelayAfterAdd > now
            || lastScaleDownFailure + options.scaleDownDelayAfterFailure > now
            || lastScaleDownDelete + delayAfterDelete > now
        if !inCooldown { scaleDown() }
    }

    // MARK: - Provisioning

    /// A requested node is Ready: it joins the cluster (`<group>-<index>`, the template's
    /// labels, taints and allocatable) and its group.
    func nodeProvisioned(_ group: Int, failed: Bool) {
        groups[group].upcoming -= 1
        guard let request = pendingRequests.firstIndex(where: { $0.group == group }) else { return }
        let requested = pendingRequests.remove(at: request).requested
        if failed {
            // The cloud did not deliver in --max-node-provision-time: the group backs off.
            groups[group].backoffUntil = cluster.now + options.initialNodeGroupBackoff
            cluster.recordEvent(
                .warning, "FailedToScaleUpGroup",
                "Node group \(groups[group].name) failed to provision a node in \(options.maxNodeProvisionTime)",
                kind: "ConfigMap", namespace: "kube-system", name: "cluster-autoscaler-status",
                component: Self.component)
            return
        }
        var node = groups[group].template
        let name = "\(groups[group].name)-\(groups[group].nextIndex)"
        groups[group].nextIndex += 1
        node.metadata.name = name
        node.metadata.labels?["kubernetes.io/hostname"] = name
        let id = cluster.addNode(
            node, pool: groups[group].name, kubeletConfiguration: groups[group].kubeletConfiguration,
            preloadedImages: groups[group].preloadedImages)
        groups[group].nodes.append(id)
        groupOfNode[id] = group
        nodeBilling[id] = (requested, nil)
    }
}

extension Cluster {
    /// Starts the Cluster Autoscaler over `groups`; the groups' existing nodes are the pool's
    /// nodes (by ``NodeObject/pool``), so call it after adding them.
    public func enableClusterAutoscaler(options: ClusterAutoscalerOptions, groups: [NodeGroup]) {
        let autoscaler = ClusterAutoscaler(cluster: self, options: options, groups: groups)
        clusterAutoscaler = autoscaler
        autoscaler.start()
    }
}
