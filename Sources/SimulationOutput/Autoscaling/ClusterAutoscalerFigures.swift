import ClusterComponents
import SimulationCore

/// `autoscaling.clusterAutoscaler` in `summary.json`: node-hours and cost per node group (a
/// node is billed from the scale-up that requested it, or from the start for the initial
/// nodes, until its deletion or the end of the run), the node counts seen, and how long the
/// pods that triggered a scale-up waited from creation to being scheduled.
public struct ClusterAutoscalerFigures: Codable, Sendable, Hashable {
    /// One node group.
    public struct NodeGroupFigures: Codable, Sendable, Hashable {
        /// The pool's name.
        public var name: String
        /// `autoscaling.min` / `max`.
        public var min: Int
        public var max: Int
        /// Live nodes at the end, and the least and most billed at once.
        public var nodesAtEnd: Int
        public var nodesMin: Int
        public var nodesMax: Int
        /// Billed node-hours and their cost (`pricePerHour × nodeHours`).
        public var nodeHours: Double
        public var cost: Double
    }

    /// Groups increased.
    public var scaleUps: Int
    /// Nodes deleted by scale-down.
    public var scaleDowns: Int
    /// Totals over the groups.
    public var nodeHours: Double
    public var cost: Double
    /// The groups, in scenario order.
    public var nodeGroups: [NodeGroupFigures]
    /// Seconds from creation to scheduling of the pods that triggered a scale-up (still
    /// pending at the end: censored at the run's end).
    public var scaleUpWait: DistributionSummary

    /// The figures of a run.
    public init(_ autoscaler: ClusterAutoscaler, cluster: ClusterView) {
        let now = cluster.now
        scaleUps = autoscaler.scaleUps
        scaleDowns = autoscaler.scaleDowns
        nodeGroups = autoscaler.groups.map { group in
            // Billing intervals of the group's nodes: each adds one from request to deletion.
            var changes: [(SimulationTime, Int)] = []
            var seconds = 0.0
            for (node, billing) in autoscaler.nodeBilling.sorted(by: { $0.key.value < $1.key.value })
            where cluster.api.nodes[node.value].pool == group.name {
                let end = billing.deleted ?? now
                seconds += (end - billing.requested).seconds
                changes.append((billing.requested, 1))
                if let deleted = billing.deleted { changes.append((deleted, -1)) }
            }
            changes.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            var count = 0
            var least = Int.max
            var most = 0
            var index = 0
            while index < changes.count {
                let time = changes[index].0
                while index < changes.count && changes[index].0 == time {
                    count += changes[index].1
                    index += 1
                }
                least = Swift.min(least, count)
                most = Swift.max(most, count)
            }
            let hours = (seconds / 3600 * 1_000_000).rounded() / 1_000_000
            return NodeGroupFigures(
                name: group.name, min: group.minSize, max: group.maxSize, nodesAtEnd: group.nodes.count,
                nodesMin: least == .max ? 0 : least, nodesMax: most, nodeHours: hours,
                cost: (hours * group.pricePerHour * 1_000_000).rounded() / 1_000_000)
        }
        nodeHours = (nodeGroups.reduce(0) { $0 + $1.nodeHours } * 1_000_000).rounded() / 1_000_000
        cost = (nodeGroups.reduce(0) { $0 + $1.cost } * 1_000_000).rounded() / 1_000_000
        var waits = LatencyRecorder()
        var censored = CensoredSamples()
        for (pod, created) in autoscaler.triggeringPods.sorted(by: { $0.key < $1.key }) {
            if let bound = cluster.api.pods[pod.value].boundAt {
                waits.record(bound - created)
            } else if !cluster.api.pods[pod.value].isRemoved {
                censored.record(atLeast: now - created)
            }
        }
        scaleUpWait = waits.summary(censored: censored)
    }
}
