import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput

extension SnapshotBuilder {
    // MARK: - EndpointSlices

    /// The EndpointSlices of every Service (``APIStore/endpointSlices(of:namespace:)``), as the
    /// EndpointSlice controller names and labels them: `<service>-<5 chars>` with
    /// `kubernetes.io/service-name` (which `kubectl describe service` selects on) and
    /// `endpointslice.kubernetes.io/managed-by`; the API server's own is `kubernetes`.
    mutating func addEndpointSlices() throws {
        let services = view.api.objects.filter { $0.kind == "Service" && $0.deletedAt == nil }
            .sorted { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
        var rows: [ServedObject] = []
        for stored in services {
            guard case .service(let service) = stored.object else { continue }
            let namespace = stored.namespace ?? "default"
            let isAPIServer =
                namespace == "default" && stored.name == "kubernetes" && (service.spec.selector ?? [:]).isEmpty
            for (index, slice) in view.api.endpointSlices(of: service, namespace: namespace).enumerated() {
                let suffix = String(Self.uid(for: "endpointslice/\(namespace)/\(stored.name)/\(index)").suffix(5))
                let name = isAPIServer ? stored.name : "\(stored.name)-\(suffix)"
                var labels = ["kubernetes.io/service-name": stored.name]
                if !isAPIServer { labels["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io" }
                var meta = ObjectMeta(name: name, namespace: namespace, labels: labels)
                if !isAPIServer { meta.generateName = stored.name + "-" }
                let metadata = try self.metadata(
                    meta, name: name, namespace: namespace, uid: Self.uid(for: "endpointslice/\(namespace)/\(name)"),
                    created: stored.createdAt)
                let endpoints: [JSON] = slice.endpoints.map { endpoint in
                    var members: [(String, JSON?)] = [
                        ("addresses", .array([.string(endpoint.address)])),
                        (
                            "conditions",
                            .object([
                                ("ready", .bool(endpoint.ready)), ("serving", .bool(endpoint.ready)),
                                ("terminating", .bool(false)),
                            ])
                        ),
                        ("nodeName", endpoint.nodeName.map(JSON.string)),
                    ]
                    if !endpoint.podName.isEmpty {
                        members.append(
                            (
                                "targetRef",
                                .object([
                                    ("kind", .string("Pod")), ("namespace", .string(namespace)),
                                    ("name", .string(endpoint.podName)),
                                ])
                            ))
                    }
                    return .members(members)
                }
                let ports: [JSON] = slice.ports.map { port in
                    .object([
                        ("name", .string(port.name)), ("protocol", .string(port.protocol.rawValue)),
                        ("port", .int(Int64(port.port))),
                    ])
                }
                let json: JSON = .object([
                    ("kind", .string("EndpointSlice")), ("apiVersion", .string("discovery.k8s.io/v1")),
                    ("metadata", metadata), ("addressType", .string("IPv4")), ("endpoints", .array(endpoints)),
                    ("ports", .array(ports)),
                ])
                // printEndpointSlice: ports and the first three addresses.
                let portCells = slice.ports.map { String($0.port) }.joined(separator: ",")
                let addresses = slice.endpoints.map(\.address)
                var endpointCells = addresses.prefix(3).joined(separator: ",")
                if addresses.count > 3 { endpointCells += " + \(addresses.count - 3) more..." }
                rows.append(
                    ServedObject(
                        namespace: namespace, name: name, labels: labels, fields: [:], object: json,
                        cells: [
                            name, "IPv4", portCells.isEmpty ? "<unset>" : portCells,
                            endpointCells.isEmpty ? "<unset>" : endpointCells,
                            KubectlTime.since(stored.createdAt, now: now),
                        ]))
            }
        }
        for row in rows.sorted(by: { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }) {
            append(row, to: "endpointslices", group: "discovery.k8s.io")
        }
    }
}
