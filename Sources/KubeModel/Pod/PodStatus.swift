/// The observed state of a pod (core/v1 `PodStatus`). Container statuses are kept untyped:
/// the simulator computes its own.
public struct PodStatus: Codable, Hashable, Sendable {
    /// Lifecycle phase.
    public var phase: PodPhase?
    /// Conditions (PodScheduled, Initialized, ContainersReady, Ready, …).
    public var conditions: [PodCondition]?
    /// Human-readable message.
    public var message: String?
    /// Brief reason, e.g. `Evicted`.
    public var reason: String?
    /// Node nominated by preemption.
    public var nominatedNodeName: String?
    /// Node IP.
    public var hostIP: String?
    /// Node IPs (tolerated).
    public var hostIPs: JSONValue?
    /// Pod IP.
    public var podIP: String?
    /// Pod IPs (tolerated).
    public var podIPs: JSONValue?
    /// When the kubelet acknowledged the pod (RFC 3339 text).
    public var startTime: String?
    /// Init container statuses (tolerated).
    public var initContainerStatuses: JSONValue?
    /// Container statuses (tolerated).
    public var containerStatuses: JSONValue?
    /// Ephemeral container statuses (tolerated).
    public var ephemeralContainerStatuses: JSONValue?
    /// QoS class, set at creation (`GetPodQOS`).
    public var qosClass: PodQOSClass?
    /// Observed generation.
    public var observedGeneration: Int?
    /// Resize status (tolerated).
    public var resize: String?

    /// Creates a status.
    public init(phase: PodPhase? = nil, conditions: [PodCondition]? = nil, qosClass: PodQOSClass? = nil) {
        self.phase = phase
        self.conditions = conditions
        self.qosClass = qosClass
    }
}

/// A pod condition (core/v1 `PodCondition`).
public struct PodCondition: Codable, Hashable, Sendable {
    /// Condition type, e.g. `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// Last probe time (RFC 3339 text).
    public var lastProbeTime: String?
    /// Last transition time (RFC 3339 text).
    public var lastTransitionTime: String?
    /// Reason.
    public var reason: String?
    /// Message.
    public var message: String?
    /// Observed generation.
    public var observedGeneration: Int?
    /// Creates a condition.
    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}
