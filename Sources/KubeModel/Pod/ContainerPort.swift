/// A port exposed by a container (core/v1 `ContainerPort`); `protocol` defaults to TCP
/// (defaults.go `SetDefaults_ContainerPort`).
public struct ContainerPort: Hashable, Sendable {
    /// IANA_SVC_NAME name of the port.
    public var name: String?
    /// Host port to expose, if any.
    public var hostPort: Int?
    /// Port number in the container (1–65535).
    public var containerPort: Int
    /// TCP (default), UDP or SCTP.
    public var `protocol`: PortProtocol
    /// Host IP to bind the host port to.
    public var hostIP: String?

    /// Creates a port.
    public init(
        name: String? = nil, hostPort: Int? = nil, containerPort: Int, protocol: PortProtocol = .tcp,
        hostIP: String? = nil
    ) {
        self.name = name
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostIP = hostIP
    }
}

extension ContainerPort: Codable {
    /// Decodes, defaulting `protocol` to TCP.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        hostPort = try c.decodeIfPresent(Int.self, forKey: .hostPort)
        containerPort = try c.decode(.containerPort, default: 0)
        `protocol` = try c.decode(.protocol, default: PortProtocol.tcp)
        hostIP = try c.decodeIfPresent(String.self, forKey: .hostIP)
    }
}
