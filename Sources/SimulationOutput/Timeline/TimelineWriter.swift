import ClusterComponents
import KubeModel
import SimulationCore

/// Writes `timeline.jsonl`: a line each time what `kubectl get pods` prints for a pod changes,
/// and each time a node's readiness or schedulability changes.
///
/// Pod lines: `t`, `kind` ("Pod"), `event` (the watch event type `ADDED`, `MODIFIED`,
/// `DELETED`, as `kubectl get -w --output-watch-events` shows), `namespace`, `name`, `ready`
/// ("1/2"), `status` (the STATUS column), `restarts`, `node` ("" before binding), `phase`.
/// Node lines: `t`, `kind` ("Node"), `event`, `name`, `pool`, `status` (`Ready`, `NotReady`,
/// `Unknown`, with `,SchedulingDisabled` when cordoned), `taints` (number).
/// The columns are compared with the last line written for that object, so a status update
/// that changes nothing a user would see writes nothing. Which lines to write is decided as
/// records arrive; with an output thread (a run writing files) the bytes are built there.
public final class TimelineWriter: ClusterRecordSink, BatchedLineWriter {
    /// Where the lines go.
    public let output: StreamingTextFile
    /// Lines written so far.
    public private(set) var count = 0
    private var lastPod: [PodLine?] = []
    private var lastNode: [NodeLine?] = []
    /// Formats the lines on the output thread when set; `nil`: as records arrive.
    var batcher: OutputBatcher<Line>?

    struct PodLine: Equatable {
        var ready: Int
        var total: Int
        var status: String
        var restarts: Int
        var node: String
        var phase: String
    }

    struct NodeLine: Equatable {
        var status: String
        var taints: Int
    }

    /// The watch event types (apimachinery `watch.EventType`) a line carries.
    enum WatchEventType: String {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED"
    }

    /// One line to write: its time, watch event type and columns.
    enum Line {
        case pod(nanoseconds: Int64, event: WatchEventType, namespace: String, name: String, PodLine)
        case node(nanoseconds: Int64, event: WatchEventType, name: String, pool: String, NodeLine)
    }

    /// Creates a writer onto `output`.
    public init(output: StreamingTextFile) {
        self.output = output
    }

    /// Reads no event the spam filter dropped.
    public var droppedEventReasons: [String]? { [] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        switch record {
        // The stored pod is borrowed, not copied (ClusterView.withPod).
        case .podCreated(let id): cluster.withPod(id) { pod(id, $0, at: cluster.now, event: .added) }
        case .podUpdated(let id): cluster.withPod(id) { pod(id, $0, at: cluster.now, event: .modified) }
        case .podRemoved(let id): cluster.withPod(id) { pod(id, $0, at: cluster.now, event: .deleted) }
        case .nodeUpdated(let id): node(id, cluster)
        case .event, .schedulingAttempt: break
        }
    }

    private func pod(_ id: PodID, _ object: UnsafePointer<PodObject>, at now: SimulationTime, event: WatchEventType) {
        // The READY/STATUS/RESTARTS columns as `kubectl get pods` prints them (PodPrinter, printers.go `printPod`).
        let columns = PodPrinter.summary(object)
        let current = PodLine(
            ready: columns.ready, total: columns.total, status: columns.reason, restarts: columns.restarts,
            node: object.pointee.pod.spec.nodeName ?? "", phase: object.pointee.status.phase.rawValue)
        while lastPod.count <= id.value { lastPod.append(nil) }
        if event == .modified, lastPod[id.value] == current { return }
        lastPod[id.value] = current
        write(
            .pod(
                nanoseconds: now.nanoseconds, event: event,
                namespace: object.pointee.namespace, name: object.pointee.name,
                current))
    }

    /// The STATUS column of `kubectl get nodes` (printers.go `printNode`): the Ready
    /// condition's status (`Ready`, `NotReady`, `Unknown`), then `SchedulingDisabled` when
    /// `spec.unschedulable`.
    static func nodeStatus(_ object: NodeObject) -> String {
        var status: String
        switch object.ready {
        case .true: status = "Ready"
        case .false: status = "NotReady"
        case .unknown: status = "Unknown"
        }
        if object.node.spec.unschedulable == true { status += ",SchedulingDisabled" }
        return status
    }

    private func node(_ id: NodeID, _ cluster: ClusterView) {
        let object = cluster.api[id]
        let current = NodeLine(
            status: object.isRemoved ? "Removed" : Self.nodeStatus(object), taints: object.node.spec.taints?.count ?? 0)
        while lastNode.count <= id.value { lastNode.append(nil) }
        let previous = lastNode[id.value]
        if previous == current { return }
        lastNode[id.value] = current
        let event: WatchEventType = object.isRemoved ? .deleted : (previous == nil ? .added : .modified)
        write(.node(nanoseconds: cluster.now.nanoseconds, event: event, name: object.name, pool: object.pool, current))
    }

    private func write(_ line: Line) {
        count += 1
        emit(line)
    }

    /// Formats one line into the output (on the output thread when there is one).
    func format(_ line: Line) {
        switch line {
        case .pod(let now, let event, let namespace, let name, let current):
            output.append { line in
                JSONText.appendASCII("{\"t\":", to: &line)
                JSONText.appendSeconds(nanoseconds: now, to: &line)
                JSONText.appendASCII(",\"kind\":\"Pod\",\"event\":\"", to: &line)
                line.append(contentsOf: event.rawValue.utf8)
                JSONText.appendASCII("\",\"namespace\":", to: &line)
                JSONText.appendString(namespace, to: &line)
                JSONText.appendASCII(",\"name\":", to: &line)
                JSONText.appendString(name, to: &line)
                JSONText.appendASCII(",\"ready\":\"", to: &line)
                JSONText.appendInteger(current.ready, to: &line)
                line.append(UInt8(ascii: "/"))
                JSONText.appendInteger(current.total, to: &line)
                JSONText.appendASCII("\",\"status\":", to: &line)
                JSONText.appendString(current.status, to: &line)
                JSONText.appendASCII(",\"restarts\":", to: &line)
                JSONText.appendInteger(current.restarts, to: &line)
                JSONText.appendASCII(",\"node\":", to: &line)
                JSONText.appendString(current.node, to: &line)
                JSONText.appendASCII(",\"phase\":", to: &line)
                JSONText.appendString(current.phase, to: &line)
                JSONText.appendASCII("}\n", to: &line)
            }
        case .node(let now, let event, let name, let pool, let current):
            output.append { line in
                JSONText.appendASCII("{\"t\":", to: &line)
                JSONText.appendSeconds(nanoseconds: now, to: &line)
                JSONText.appendASCII(",\"kind\":\"Node\",\"event\":\"", to: &line)
                line.append(contentsOf: event.rawValue.utf8)
                JSONText.appendASCII("\",\"name\":", to: &line)
                JSONText.appendString(name, to: &line)
                JSONText.appendASCII(",\"pool\":", to: &line)
                JSONText.appendString(pool, to: &line)
                JSONText.appendASCII(",\"status\":", to: &line)
                JSONText.appendString(current.status, to: &line)
                JSONText.appendASCII(",\"taints\":", to: &line)
                JSONText.appendInteger(current.taints, to: &line)
                JSONText.appendASCII("}\n", to: &line)
            }
        }
    }
}
