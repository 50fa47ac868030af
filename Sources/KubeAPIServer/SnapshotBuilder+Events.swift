import ClusterComponents
import SimulationCore
import SimulationOutput

extension SnapshotBuilder {
    // MARK: - Events

    /// The Event objects that exist at the instant (client-go's correlator folds repeats; the
    /// API server's 1 h TTL drops old ones), in the order `kubesim get events` prints them;
    /// cells from `EventPrinter.row`. Served as core/v1 and as events.k8s.io/v1.
    mutating func addEvents(_ recorder: InvolvedObjectRecorder) {
        var names: Set<String> = []
        for entry in EventPrinter.listed(recorder.events, now: now) {
            let e = entry.event
            // client-go names an Event `<object>.<hex of the first occurrence's UnixNano>`.
            var name = e.name + "." + String(UInt64(bitPattern: clock.unixNanoseconds(entry.firstSeen)), radix: 16)
            var suffix = 1
            while names.contains(name) {
                suffix += 1
                name =
                    e.name + "."
                    + String(UInt64(bitPattern: clock.unixNanoseconds(entry.firstSeen)) + UInt64(suffix), radix: 16)
            }
            names.insert(name)
            let namespace = e.namespace.isEmpty ? "default" : e.namespace
            let uid = recorder.uids[e] ?? ""
            let apiVersion =
                switch e.kind {
                case "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet": "apps/v1"
                case "Job": "batch/v1"
                case "PodDisruptionBudget": "policy/v1"
                default: "v1"
                }
            let involved: JSON = .members([
                ("kind", .string(e.kind)), ("namespace", e.namespace.isEmpty ? nil : .string(e.namespace)),
                ("name", .string(e.name)), ("uid", .string(uid)), ("apiVersion", .string(apiVersion)),
                ("fieldPath", e.fieldPath.map(JSON.string)),
            ])
            let meta: JSON = .object([
                ("name", .string(name)), ("namespace", .string(namespace)),
                ("uid", .string(Self.uid(for: "event/" + namespace + "/" + name))),
                ("resourceVersion", .string(resourceVersion)), ("creationTimestamp", time(entry.firstSeen)),
            ])
            let source: JSON = .members([("component", .string(e.component)), ("host", e.host.map(JSON.string))])
            let core: JSON = .object([
                ("kind", .string("Event")), ("apiVersion", .string("v1")), ("metadata", meta),
                ("involvedObject", involved), ("reason", .string(e.reason)), ("message", .string(e.message)),
                ("source", source), ("firstTimestamp", time(entry.firstSeen)), ("lastTimestamp", time(entry.lastSeen)),
                ("count", .int(Int64(entry.count))), ("type", .string(e.type.rawValue)), ("eventTime", .null),
                ("reportingComponent", .string(e.component)), ("reportingInstance", .string(e.host ?? "")),
            ])
            let fields = [
                "involvedObject.kind": e.kind, "involvedObject.namespace": e.namespace,
                "involvedObject.name": e.name, "involvedObject.uid": uid, "involvedObject.apiVersion": apiVersion,
                "involvedObject.resourceVersion": "", "involvedObject.fieldPath": e.fieldPath ?? "",
                "reason": e.reason, "reportingComponent": e.component, "source": e.component,
                "type": e.type.rawValue,
            ]
            let row = EventPrinter.row(entry, now: now)
            // printEvent's column order: the wide SUBOBJECT and SOURCE come before MESSAGE.
            let cells = [row[0], row[1], row[2], row[3], row[5], row[6], row[4], row[7], row[8], name]
            append(
                ServedObject(namespace: namespace, name: name, labels: [:], fields: fields, object: core, cells: cells),
                to: "events")
            let modern: JSON = .members([
                ("kind", .string("Event")), ("apiVersion", .string("events.k8s.io/v1")), ("metadata", meta),
                ("eventTime", .string(clock.microTimestamp(entry.firstSeen))),
                ("reportingController", .string(e.component)), ("reportingInstance", .string(e.host ?? e.component)),
                ("action", .string(e.reason)), ("reason", .string(e.reason)), ("regarding", involved),
                ("note", .string(e.message)), ("type", .string(e.type.rawValue)),
                ("deprecatedSource", source), ("deprecatedFirstTimestamp", time(entry.firstSeen)),
                ("deprecatedLastTimestamp", time(entry.lastSeen)), ("deprecatedCount", .int(Int64(entry.count))),
            ])
            append(
                ServedObject(
                    namespace: namespace, name: name, labels: [:], fields: [:], object: modern,
                    cells: [name, KubectlTime.since(entry.firstSeen, now: now)]),
                to: "events", group: "events.k8s.io")
        }
    }
}
