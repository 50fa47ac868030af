/// A Kubernetes string enumeration that accepts any value when decoding, so that validation
/// (not decoding) reports unsupported values in the API server's words.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
where RawValue == String {
    /// Creates a value from its text.
    init(rawValue: String)
}

extension OpenEnum {
    /// Creates a value from a literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    /// The raw text.
    public var description: String { rawValue }
}

/// Pod-level restart policy (`spec.restartPolicy`).
public struct RestartPolicy: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Always restart.
    public static let always: RestartPolicy = "Always"
    /// Restart on non-zero exit.
    public static let onFailure: RestartPolicy = "OnFailure"
    /// Never restart.
    public static let never: RestartPolicy = "Never"
    /// The values the API server accepts, in its order.
    public static let supported: [RestartPolicy] = [.always, .onFailure, .never]
}

/// Per-container restart policy (`restartPolicy: Always` on an init container makes a sidecar).
public struct ContainerRestartPolicy: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Always restart (native sidecar).
    public static let always: ContainerRestartPolicy = "Always"
    /// Restart on failure.
    public static let onFailure: ContainerRestartPolicy = "OnFailure"
    /// Never restart.
    public static let never: ContainerRestartPolicy = "Never"
}

/// `imagePullPolicy`.
public struct PullPolicy: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Pull on every start.
    public static let always: PullPolicy = "Always"
    /// Pull only when absent.
    public static let ifNotPresent: PullPolicy = "IfNotPresent"
    /// Never pull.
    public static let never: PullPolicy = "Never"
    /// Accepted values.
    public static let supported: [PullPolicy] = [.always, .ifNotPresent, .never]
}

/// Network protocol of a port.
public struct PortProtocol: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// TCP (the default).
    public static let tcp: PortProtocol = "TCP"
    /// UDP.
    public static let udp: PortProtocol = "UDP"
    /// SCTP.
    public static let sctp: PortProtocol = "SCTP"
    /// Accepted values.
    public static let supported: [PortProtocol] = [.sctp, .tcp, .udp]
}

/// Effect of a taint.
public struct TaintEffect: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Do not schedule new pods.
    public static let noSchedule: TaintEffect = "NoSchedule"
    /// Try not to schedule new pods.
    public static let preferNoSchedule: TaintEffect = "PreferNoSchedule"
    /// Evict running pods that do not tolerate it.
    public static let noExecute: TaintEffect = "NoExecute"
    /// Accepted values.
    public static let supported: [TaintEffect] = [.noSchedule, .preferNoSchedule, .noExecute]
}

/// Operator of a toleration.
public struct TolerationOperator: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Key exists (value must be empty).
    public static let exists: TolerationOperator = "Exists"
    /// Key and value equal (the default when omitted).
    public static let equal: TolerationOperator = "Equal"
    /// Accepted values.
    public static let supported: [TolerationOperator] = [.equal, .exists]
}

/// Pod QoS class (`status.qosClass`).
public struct PodQOSClass: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Requests equal limits for cpu and memory in every container.
    public static let guaranteed: PodQOSClass = "Guaranteed"
    /// Some requests or limits.
    public static let burstable: PodQOSClass = "Burstable"
    /// No cpu or memory requests or limits.
    public static let bestEffort: PodQOSClass = "BestEffort"
}

/// Pod preemption policy.
public struct PreemptionPolicy: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// May preempt lower-priority pods (the default).
    public static let preemptLowerPriority: PreemptionPolicy = "PreemptLowerPriority"
    /// Never preempts.
    public static let never: PreemptionPolicy = "Never"
    /// Accepted values.
    public static let supported: [PreemptionPolicy] = [.preemptLowerPriority, .never]
}

/// Pod phase.
public struct PodPhase: OpenEnum {
    /// The text.
    public var rawValue: String
    /// Creates a value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Accepted, not yet running.
    public static let pending: PodPhase = "Pending"
    /// Bound and at least one container running.
    public static let running: PodPhase = "Running"
    /// All containers succeeded.
    public static let succeeded: PodPhase = "Succeeded"
    /// All containers terminated, at least one failed.
    public static let failed: PodPhase = "Failed"
    /// State unknown.
    public static let unknown: PodPhase = "Unknown"

    /// Succeeded or Failed: the pod is done and its phase never changes again
    /// (k/k pkg/api/v1/pod/util.go `IsPodPhaseTerminal`). Inlinable and against the literals:
    /// through the static values' accessors and the conformance's `==` it was a call of about
    /// 70 instructions, made half a million times on the 500-node 2-hour envelope.
    @inlinable public var isTerminal: Bool { rawValue == "Succeeded" || rawValue == "Failed" }
}
