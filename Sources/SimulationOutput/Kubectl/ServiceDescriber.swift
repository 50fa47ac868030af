import ClusterComponents
import KubeModel
import SimulationCore

extension ObjectPrinter {
    /// `printService` (pkg/printers/internalversion/printers.go): NAME, TYPE, CLUSTER-IP
    /// (`clusterIPs[0]`, `<none>` without one), EXTERNAL-IP (`getServiceExternalIP`), PORT(S)
    /// (`makePortString`: `443/TCP`, `80:30080/TCP` with a node port; `<none>`), AGE.
    static func serviceCells(_ service: Service, name: String, age: String) -> [String] {
        let spec = service.spec
        let ports = (spec.ports ?? []).map { port in
            let proto = (port.protocol ?? .tcp).rawValue
            if let nodePort = port.nodePort, nodePort > 0 { return "\(port.port):\(nodePort)/\(proto)" }
            return "\(port.port)/\(proto)"
        }
        .joined(separator: ",")
        return [
            name, spec.type ?? "ClusterIP", spec.clusterIPs?.first ?? "<none>", externalIP(service),
            ports.isEmpty ? "<none>" : ports, age,
        ]
    }

    /// `getServiceExternalIP`: the external IPs, a LoadBalancer's `<pending>` while no cloud
    /// provider gave it an ingress (kubesim has none), an ExternalName's name.
    static func externalIP(_ service: Service) -> String {
        let external = (service.spec.externalIPs ?? []).joined(separator: ",")
        switch service.spec.type ?? "ClusterIP" {
        case "ClusterIP", "NodePort": return external.isEmpty ? "<none>" : external
        case "LoadBalancer": return external.isEmpty ? "<pending>" : external
        case "ExternalName": return service.spec.externalName ?? ""
        default: return "<unknown>"
        }
    }

    /// `labels.FormatLabels`: sorted `key=value` joined by commas, `<none>` when empty.
    public static func formatLabels(_ labels: [String: String]?) -> String {
        guard let labels, !labels.isEmpty else { return "<none>" }
        return labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ",")
    }
}

/// `kubectl describe service` (staging/src/k8s.io/kubectl/pkg/describe/describe.go
/// `describeService`), with the endpoints kubectl reads from the Service's EndpointSlices.
public enum ServiceDescriber {
    /// The description of `service` (stored in `namespace`) whose slices are `slices`.
    public static func describe(
        _ service: Service, namespace: String, slices: [EndpointSliceView], events: [KubeEvent], now: SimulationTime
    ) -> String {
        var w = TabWriter.forDescribe()
        let spec = service.spec
        w.write("Name:\t\(service.metadata.name ?? "")\n")
        w.write("Namespace:\t\(namespace)\n")
        PodDescriber.writeMultiline(&w, "Labels", service.metadata.labels)
        PodDescriber.writeAnnotations(&w, service.metadata.annotations)
        w.write("Selector:\t\(ObjectPrinter.formatLabels(spec.selector))\n")
        w.write("Type:\t\(spec.type ?? "ClusterIP")\n")
        if let policy = spec.ipFamilyPolicy { w.write("IP Family Policy:\t\(policy)\n") }
        let families = spec.ipFamilies ?? []
        w.write("IP Families:\t\(families.isEmpty ? "<none>" : families.joined(separator: ","))\n")
        w.write("IP:\t\(spec.clusterIP ?? "")\n")
        let ips = spec.clusterIPs ?? []
        w.write("IPs:\t\(ips.isEmpty ? "<none>" : ips.joined(separator: ","))\n")
        if let external = spec.externalIPs, !external.isEmpty {
            w.write("External IPs:\t\(external.joined(separator: ","))\n")
        }
        if let ip = spec.loadBalancerIP, !ip.isEmpty { w.write("Desired LoadBalancer IP:\t\(ip)\n") }
        if let name = spec.externalName, !name.isEmpty { w.write("External Name:\t\(name)\n") }
        for port in spec.ports ?? [] {
            let name = (port.name ?? "").isEmpty ? "<unset>" : port.name!
            let proto = (port.protocol ?? .tcp).rawValue
            w.write("Port:\t\(name)\t\(port.port)/\(proto)\n")
            switch port.targetPort ?? .int(port.port) {
            case .int(let number): w.write("TargetPort:\t\(number)/\(proto)\n")
            case .string(let text): w.write("TargetPort:\t\(text)/\(proto)\n")
            }
            if let appProtocol = port.appProtocol { w.write("AppProtocol:\t\(appProtocol)\n") }
            if let nodePort = port.nodePort, nodePort != 0 { w.write("NodePort:\t\(name)\t\(nodePort)/\(proto)\n") }
            w.write("Endpoints:\t\(formatEndpointSlices(slices, portName: port.name ?? ""))\n")
        }
        w.write("Session Affinity:\t\(spec.sessionAffinity ?? "None")\n")
        if let policy = spec.externalTrafficPolicy, !policy.isEmpty {
            w.write("External Traffic Policy:\t\(policy)\n")
        }
        if let policy = spec.internalTrafficPolicy { w.write("Internal Traffic Policy:\t\(policy)\n") }
        if let port = spec.healthCheckNodePort, port != 0 { w.write("HealthCheck NodePort:\t\(port)\n") }
        if let ranges = spec.loadBalancerSourceRanges, !ranges.isEmpty {
            w.write("LoadBalancer Source Ranges:\t\(ranges.joined(separator: ","))\n")
        }
        if let distribution = spec.trafficDistribution { w.write("Traffic Distribution:\t\(distribution)\n") }
        let eventSection = EventPrinter.describeSection(events, now: now)
        if eventSection.isEmpty {
            w.write("Events:\t<none>\n")
            return w.render()
        }
        return w.render() + eventSection
    }

    /// `formatEndpointSlices` (describe.go) for one Service port: the ready endpoints'
    /// `address:port` of the slice ports of that name, the first three, then `+ N more...`
    /// (its count goes on past three; `more` is set by the fourth endpoint met, ready or not).
    public static func formatEndpointSlices(_ slices: [EndpointSliceView], portName: String) -> String {
        guard !slices.isEmpty else { return "<none>" }
        var list: [String] = []
        let max = 3
        var more = false
        var count = 0
        for slice in slices {
            if slice.ports.isEmpty {
                // Headless Services without ports.
                for endpoint in slice.endpoints {
                    if list.count == max { more = true }
                    guard endpoint.ready else { continue }
                    if !more { list.append(endpoint.address) }
                    count += 1
                }
                continue
            }
            for port in slice.ports where port.name == portName {
                for endpoint in slice.endpoints {
                    if list.count == max { more = true }
                    guard endpoint.ready else { continue }
                    if !more { list.append("\(endpoint.address):\(port.port)") }
                    count += 1
                }
            }
        }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(count - max) more..." : joined
    }
}
