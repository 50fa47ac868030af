/// A Service (core/v1 `Service`): a stable virtual IP and ports in front of the pods its
/// selector matches. The API server allocates `spec.clusterIP` (and node ports); the
/// EndpointSlice controller lists the matching pods; kubesim routes no traffic through it.
public struct Service: Codable, Hashable, Sendable {
    /// `v1`.
    public var apiVersion: String?
    /// `Service`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// `spec`.
    public var spec: ServiceSpec
    /// `status` (a LoadBalancer's ingress; kubesim has no cloud provider, so it stays empty).
    public var status: ServiceStatus?

    /// Creates a Service.
    public init(metadata: ObjectMeta, spec: ServiceSpec) {
        self.apiVersion = "v1"
        self.kind = "Service"
        self.metadata = metadata
        self.spec = spec
    }

    /// Decodes; an absent `spec` is an empty one (the API server then refuses its missing ports).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(.spec, default: ServiceSpec())
        status = try c.decodeIfPresent(ServiceStatus.self, forKey: .status)
    }
}

/// `spec` of a Service.
public struct ServiceSpec: Codable, Hashable, Sendable {
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    /// The pods it fronts (`nil` or empty: no EndpointSlices are managed for it).
    public var selector: [String: String]?
    /// The ports.
    public var ports: [ServicePort]?
    /// The virtual IP: allocated when empty, `None` for a headless Service.
    public var clusterIP: String?
    /// The virtual IPs (one per family); `clusterIPs[0] == clusterIP`.
    public var clusterIPs: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?
    /// `IPv4` and/or `IPv6`.
    public var ipFamilies: [String]?
    /// Addresses outside the cluster that also route to it.
    public var externalIPs: [String]?
    /// The DNS name an `ExternalName` Service aliases.
    public var externalName: String?
    /// `None` (default) or `ClientIP`.
    public var sessionAffinity: String?
    /// `sessionAffinityConfig`, kept as written.
    public var sessionAffinityConfig: JSONValue?
    /// Requested LoadBalancer address (deprecated field).
    public var loadBalancerIP: String?
    /// Client CIDRs a LoadBalancer admits.
    public var loadBalancerSourceRanges: [String]?
    /// `loadBalancerClass`.
    public var loadBalancerClass: String?
    /// `Cluster` (default for NodePort and LoadBalancer) or `Local`.
    public var externalTrafficPolicy: String?
    /// `Cluster` (default) or `Local`.
    public var internalTrafficPolicy: String?
    /// Whether not-ready pods are endpoints too.
    public var publishNotReadyAddresses: Bool?
    /// Whether a LoadBalancer gets node ports (default true).
    public var allocateLoadBalancerNodePorts: Bool?
    /// `healthCheckNodePort` of a `Local` LoadBalancer.
    public var healthCheckNodePort: Int?
    /// `trafficDistribution` (`PreferClose`, …).
    public var trafficDistribution: String?

    /// Creates a spec.
    public init(
        type: String? = nil, selector: [String: String]? = nil, ports: [ServicePort]? = nil, clusterIP: String? = nil
    ) {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
    }
}

/// One port of a Service.
public struct ServicePort: Codable, Hashable, Sendable {
    /// Name (required when there are several ports); EndpointSlice ports carry it.
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: PortProtocol?
    /// `appProtocol`.
    public var appProtocol: String?
    /// The Service's port.
    public var port: Int
    /// The pods' port: a number or a container port's name; defaults to `port`.
    public var targetPort: IntOrString?
    /// The node port of a NodePort or LoadBalancer Service (allocated when absent).
    public var nodePort: Int?

    /// Creates a port.
    public init(
        name: String? = nil, protocol: PortProtocol? = nil, port: Int, targetPort: IntOrString? = nil,
        nodePort: Int? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }

    /// Decodes; a missing `port` is 0, which validation refuses in the API server's words.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        `protocol` = try c.decodeIfPresent(PortProtocol.self, forKey: .protocol)
        appProtocol = try c.decodeIfPresent(String.self, forKey: .appProtocol)
        port = try c.decode(.port, default: 0)
        targetPort = try c.decodeIfPresent(IntOrString.self, forKey: .targetPort)
        nodePort = try c.decodeIfPresent(Int.self, forKey: .nodePort)
    }
}

/// `status` of a Service.
public struct ServiceStatus: Codable, Hashable, Sendable {
    /// `loadBalancer`, kept as written.
    public var loadBalancer: JSONValue?
}

extension Service {
    /// The Service types the API server accepts.
    public static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]

    /// `clusterIP: None`.
    public var isHeadless: Bool { spec.clusterIP == "None" }

    /// The API server's defaulting (pkg/apis/core/v1/defaults.go `SetDefaults_Service`):
    /// type `ClusterIP`, session affinity `None`, each port's protocol `TCP` and target port its
    /// port, internal traffic policy `Cluster` (but for ExternalName), external traffic policy
    /// `Cluster` and node ports allocated for NodePort and LoadBalancer. The cluster IP and
    /// IP families are the registry's (see the API server's Service REST storage).
    public func withDefaults() -> Service {
        var service = self
        var spec = service.spec
        let type = spec.type ?? "ClusterIP"
        spec.type = type
        if spec.sessionAffinity == nil { spec.sessionAffinity = "None" }
        spec.ports = spec.ports?.map { port in
            var port = port
            if port.protocol == nil { port.protocol = .tcp }
            if port.targetPort == nil { port.targetPort = .int(port.port) }
            return port
        }
        if type != "ExternalName", spec.internalTrafficPolicy == nil { spec.internalTrafficPolicy = "Cluster" }
        if type == "NodePort" || type == "LoadBalancer", spec.externalTrafficPolicy == nil {
            spec.externalTrafficPolicy = "Cluster"
        }
        if type == "LoadBalancer", spec.allocateLoadBalancerNodePorts == nil {
            spec.allocateLoadBalancerNodePorts = true
        }
        service.spec = spec
        service.apiVersion = "v1"
        service.kind = "Service"
        return service
    }
}
