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
/// that changes nothing a user would see writes nothing.
public final class TimelineWriter: ClusterRecordSink {
    /// Where the lines go.
    public let output: StreamingTextFile
    /// Lines written so far.
    public private(set) var count = 0
    private var lastPod: [PodLine?] = []
    private var lastNode: [NodeLine?] = []

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

    /// Creates a writer onto `output`.
    public init(output: StreamingTextFile) {
        self.output = output
    }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        switch record {
        case .podCreated(let id): pod(id, cluster, event: "ADDED")
        case .podUpdated(let id): pod(id, cluster, event: "MODIFIED")
        case .podRemoved(let id): pod(id, cluster, event: "DELETED")
        case .nodeUpdated(let id): node(id, cluster)
        case .event, .schedulingAttempt: break
        }
    }

    private func pod(_ id: PodID, _ cluster: ClusterView, event: String) {
        let object = cluster.api[id]
        // The READY/STATUS/RESTARTS columns as `kubectl get pods` prints them (PodPrinter, printers.go `printPod`).
        let columns = PodPrinter.summary(object)
        let current = PodLine(
            ready: columns.ready, total: columns.total, status: columns.reason, restarts: columns.restarts,
            node: object.pod.spec.nodeName ?? "", phase: object.status.phase.rawValue)
        while lastPod.count <= id.value { lastPod.append(nil) }
        if event == "MODIFIED", lastPod[id.value] == current { return }
        lastPod[id.value] = current
        let now = cluster.now.nanoseconds
        output.append { line in
            JSONText.appendASCII("{\"t\":", to: &line)
            JSONText.appendSeconds(nanoseconds: now, to: &line)
            JSONText.appendASCII(",\"kind\":\"Pod\",\"event\":\"", to: &line)
            line.append(contentsOf: event.utf8)
            JSONText.appendASCII("\",\"namespace\":", to: &line)
            JSONText.appendString(object.namespace, to: &line)
            JSONText.appendASCII(",\"name\":", to: &line)
            JSONText.appendString(object.name, to: &line)
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
        count += 1
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
        let event = object.isRemoved ? "DELETED" : (previous == nil ? "ADDED" : "MODIFIED")
        let now = cluster.now.nanoseconds
        output.append { line in
            JSONText.appendASCII("{\"t\":", to: &line)
            JSONText.appendSeconds(nanoseconds: now, to: &line)
            JSONText.appendASCII(",\"kind\":\"Node\",\"event\":\"", to: &line)
            line.append(contentsOf: event.utf8)
            JSONText.appendASCII("\",\"name\":", to: &line)
            JSONText.appendString(object.name, to: &line)
            JSONText.appendASCII(",\"pool\":", to: &line)
            JSONText.appendString(object.pool, to: &line)
            JSONText.appendASCII(",\"status\":", to: &line)
            JSONText.appendString(current.status, to: &line)
            JSONText.appendASCII(",\"taints\":", to: &line)
            JSONText.appendInteger(current.taints, to: &line)
            JSONText.appendASCII("}\n", to: &line)
        }
        count += 1
    }
}
