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
/// that changes nothing a user would see writes nothing. With an output thread (a run writing
/// files) a pod's record hands over what its columns are computed from (its status, shared,
/// not copied), and the columns, the comparison and the bytes are computed there; a node's
/// line is decided as its record arrives.
public final class TimelineWriter: ClusterRecordSink, BatchedLineWriter {
    /// Where the lines go.
    public let output: StreamingTextFile
    /// Lines written so far (counted where they are formatted: read it after ``complete()``).
    public private(set) var count = 0
    /// Each pod's last line, kept where the lines are formatted.
    private var lastPod: [PodLine?] = []
    /// Each node's last line, kept as records arrive.
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

    /// A pod at one record: what its line's columns are computed from.
    struct PodState {
        var id: PodID
        var namespace: String
        var name: String
        var columns: PodPrinter.SummaryInput
        var node: String
    }

    /// One line to write, or a pod's record that may write one: its time, watch event type and
    /// columns (a pod's computed where the line is formatted).
    enum Line {
        case pod(nanoseconds: Int64, event: WatchEventType, PodState)
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
        emit(
            .pod(
                nanoseconds: now.nanoseconds, event: event,
                PodState(
                    id: id, namespace: object.pointee.namespace, name: object.pointee.name,
                    columns: PodPrinter.SummaryInput(object), node: object.pointee.pod.spec.nodeName ?? "")))
    }

    /// The line of a pod's record, or nil when it would repeat the pod's last line: the
    /// READY/STATUS/RESTARTS columns as `kubectl get pods` prints them (PodPrinter, printers.go
    /// `printPod`), compared with the last line written for the pod.
    private func podLine(_ state: borrowing PodState, event: WatchEventType) -> PodLine? {
        let columns = PodPrinter.summary(state.columns)
        let current = PodLine(
            ready: columns.ready, total: columns.total, status: columns.reason, restarts: columns.restarts,
            node: state.node, phase: state.columns.status.phase.rawValue)
        let id = state.id.value
        while lastPod.count <= id { lastPod.append(nil) }
        if event == .modified, lastPod[id] == current { return nil }
        lastPod[id] = current
        return current
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
        emit(.node(nanoseconds: cluster.now.nanoseconds, event: event, name: object.name, pool: object.pool, current))
    }

    /// Formats one line into the output (on the output thread when there is one).
    func format(_ line: Line) {
        switch line {
        case .pod(let now, let event, let state):
            guard let current = podLine(state, event: event) else { return }
            count += 1
            let (namespace, name) = (state.namespace, state.name)
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
            count += 1
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
