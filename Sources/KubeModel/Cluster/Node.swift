/// A cluster node (core/v1 `Node`). Not to be confused with `Yams.Node` or the simulator's
/// `SimulatedNode`.
public struct Node: Codable, Hashable, Sendable {
    /// `v1`.
    public var apiVersion: String?
    /// `Node`.
    public var kind: String?
    /// Metadata (nodes are cluster-scoped).
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: NodeSpec
    /// Observed state; `allocatable` defaults to `capacity`.
    public var status: NodeStatus

    /// Creates a node.
    public init(metadata: ObjectMeta, spec: NodeSpec = .init(), status: NodeStatus = .init()) {
        self.apiVersion = "v1"
        self.kind = "Node"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Decodes; missing parts decode empty, and `allocatable` defaults to `capacity`
    /// (pkg/apis/core/v1/defaults.go `SetDefaults_NodeStatus`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(.spec, default: NodeSpec())
        status = try c.decode(.status, default: NodeStatus())
    }
}

/// Node spec (core/v1 `NodeSpec`).
public struct NodeSpec: Codable, Hashable, Sendable {
    /// Cordoned.
    public var unschedulable: Bool?
    /// Taints.
    public var taints: [Taint]?
    /// Pod IP range.
    public var podCIDR: String?
    /// Pod IP ranges.
    public var podCIDRs: [String]?
    /// Cloud provider id.
    public var providerID: String?
    /// Creates a spec.
    public init(unschedulable: Bool? = nil, taints: [Taint]? = nil, podCIDR: String? = nil) {
        self.unschedulable = unschedulable
        self.taints = taints
        self.podCIDR = podCIDR
    }
}

/// Node status (core/v1 `NodeStatus`).
public struct NodeStatus: Hashable, Sendable {
    /// Total resources.
    public var capacity: ResourceList
    /// Resources available to pods (defaults to `capacity`).
    public var allocatable: ResourceList
    /// Images present on the node.
    public var images: [ContainerImage]?
    /// Conditions (Ready, MemoryPressure, …).
    public var conditions: [NodeCondition]?
    /// Addresses (tolerated).
    public var addresses: JSONValue?
    /// Daemon endpoints (tolerated).
    public var daemonEndpoints: JSONValue?
    /// Node info (tolerated).
    public var nodeInfo: JSONValue?
    /// Volumes in use (tolerated).
    public var volumesInUse: JSONValue?
    /// Volumes attached (tolerated).
    public var volumesAttached: JSONValue?
    /// Runtime handlers (tolerated).
    public var runtimeHandlers: JSONValue?
    /// Features (tolerated).
    public var features: JSONValue?
    /// Config (tolerated).
    public var config: JSONValue?
    /// Phase (deprecated).
    public var phase: String?

    /// Creates a status; `allocatable` defaults to `capacity`.
    public init(
        capacity: ResourceList = [:], allocatable: ResourceList? = nil, images: [ContainerImage]? = nil,
        conditions: [NodeCondition]? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable ?? capacity
        self.images = images
        self.conditions = conditions
    }
}

extension NodeStatus: Codable {
    /// Decodes; `allocatable` defaults to `capacity`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try c.decode(.capacity, default: ResourceList())
        allocatable = try c.decodeIfPresent(ResourceList.self, forKey: .allocatable) ?? capacity
        images = try c.decodeIfPresent([ContainerImage].self, forKey: .images)
        conditions = try c.decodeIfPresent([NodeCondition].self, forKey: .conditions)
        addresses = try c.decodeIfPresent(JSONValue.self, forKey: .addresses)
        daemonEndpoints = try c.decodeIfPresent(JSONValue.self, forKey: .daemonEndpoints)
        nodeInfo = try c.decodeIfPresent(JSONValue.self, forKey: .nodeInfo)
        volumesInUse = try c.decodeIfPresent(JSONValue.self, forKey: .volumesInUse)
        volumesAttached = try c.decodeIfPresent(JSONValue.self, forKey: .volumesAttached)
        runtimeHandlers = try c.decodeIfPresent(JSONValue.self, forKey: .runtimeHandlers)
        features = try c.decodeIfPresent(JSONValue.self, forKey: .features)
        config = try c.decodeIfPresent(JSONValue.self, forKey: .config)
        phase = try c.decodeIfPresent(String.self, forKey: .phase)
    }
}

/// An image on a node (core/v1 `ContainerImage`).
public struct ContainerImage: Codable, Hashable, Sendable {
    /// Names (tags and digests) of the image.
    public var names: [String]?
    /// Size in bytes.
    public var sizeBytes: Int64?
    /// Creates an entry.
    public init(names: [String]? = nil, sizeBytes: Int64? = nil) {
        self.names = names
        self.sizeBytes = sizeBytes
    }
}

/// A node condition (core/v1 `NodeCondition`).
public struct NodeCondition: Codable, Hashable, Sendable {
    /// Type, e.g. `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// Last heartbeat (RFC 3339 text).
    public var lastHeartbeatTime: String?
    /// Last transition (RFC 3339 text).
    public var lastTransitionTime: String?
    /// Reason.
    public var reason: String?
    /// Message.
    public var message: String?
    /// Creates a condition.
    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}
