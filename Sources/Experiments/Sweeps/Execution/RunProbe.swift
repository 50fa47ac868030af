import ClusterComponents
import Foundation
import SimulationCore

/// Measures what the run summary does not: which nodes ever received a pod, and how much wall
/// time the scheduler's events take (the decision time per scheduling attempt).
///
/// It is a record sink (bindings) and the engine's tracer: when a scheduler event is popped the
/// wall clock is read, and read again when the next event is popped, so only scheduler events
/// pay for clock reads. - Complexity: O(1) per record and per event.
public final class RunProbe: ClusterRecordSink {
    /// The figures of one run.
    public struct Figures: Sendable, Hashable, Codable {
        /// Nodes at the start.
        public var nodes = 0
        /// Nodes that ever had a pod bound.
        public var nodesUsed = 0
        /// Scheduling attempts.
        public var attempts = 0
        /// Wall seconds spent handling scheduler events.
        public var schedulerWallSeconds = 0.0
        /// Wall seconds of the whole run.
        public var wallSeconds = 0.0
        /// Creates zeros.
        public init() {}
    }

    private var used: [Bool] = []
    private var usedCount = 0
    private var schedulerNanoseconds: UInt64 = 0
    private var schedulerEventStart: UInt64?

    /// Creates a probe.
    public init() {}

    /// Subscribes to the cluster's records and installs the engine tracer.
    public func attach(to cluster: Cluster) {
        cluster.addSink(self)
        let previous = cluster.simulation.tracer
        cluster.simulation.tracer = { [unowned self] scheduled in
            previous?(scheduled)
            self.trace(scheduled.event)
        }
    }

    private func trace(_ event: ClusterEvent) {
        var now: UInt64 = 0
        if let start = schedulerEventStart {
            now = DispatchTime.now().uptimeNanoseconds
            schedulerNanoseconds &+= now &- start
            schedulerEventStart = nil
        }
        if case .scheduler = event {
            schedulerEventStart = now != 0 ? now : DispatchTime.now().uptimeNanoseconds
        }
    }

    /// Reads no event the spam filter dropped.
    public var droppedEventReasons: [String]? { [] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        guard case .podUpdated(let pod) = record else { return }
        guard let node = cluster.api.pods[pod.value].nodeID?.value else { return }
        if node >= used.count {
            used += repeatElement(false, count: max(node + 1 - used.count, cluster.api.nodes.count - used.count))
        }
        if !used[node] {
            used[node] = true
            usedCount += 1
        }
    }

    /// The figures at the end of the run.
    public func figures(cluster: Cluster, wallSeconds: Double) -> Figures {
        if let start = schedulerEventStart {
            schedulerNanoseconds &+= DispatchTime.now().uptimeNanoseconds &- start
            schedulerEventStart = nil
        }
        var figures = Figures()
        figures.nodes = cluster.api.nodes.count
        figures.nodesUsed = usedCount
        figures.attempts = cluster.scheduler.attempts
        figures.schedulerWallSeconds = Double(schedulerNanoseconds) / 1e9
        figures.wallSeconds = wallSeconds
        return figures
    }
}
