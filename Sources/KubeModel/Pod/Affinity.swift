/// Scheduling constraints (core/v1 `Affinity`).
public struct Affinity: Codable, Hashable, Sendable {
    /// Node affinity.
    public var nodeAffinity: NodeAffinity?
    /// Co-location with pods.
    public var podAffinity: PodAffinity?
    /// Separation from pods.
    public var podAntiAffinity: PodAntiAffinity?
    /// Creates affinity.
    public init(
        nodeAffinity: NodeAffinity? = nil, podAffinity: PodAffinity? = nil, podAntiAffinity: PodAntiAffinity? = nil
    ) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// Node affinity (core/v1 `NodeAffinity`).
public struct NodeAffinity: Codable, Hashable, Sendable {
    /// Hard requirement: a node must match one of the terms.
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Soft preferences, weighted 1–100.
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?
    /// Creates node affinity.
    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// A weighted node selector term.
public struct PreferredSchedulingTerm: Codable, Hashable, Sendable {
    /// Weight 1–100.
    public var weight: Int
    /// The term.
    public var preference: NodeSelectorTerm
    /// Creates a term.
    public init(weight: Int, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}

/// Pod affinity (core/v1 `PodAffinity`).
public struct PodAffinity: Codable, Hashable, Sendable {
    /// Hard terms (all must hold).
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    /// Soft terms.
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?
    /// Creates pod affinity.
    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// Pod anti-affinity (core/v1 `PodAntiAffinity`); same shape as ``PodAffinity``.
public typealias PodAntiAffinity = PodAffinity

/// A pod affinity term (core/v1 `PodAffinityTerm`).
public struct PodAffinityTerm: Codable, Hashable, Sendable {
    /// Pods selected.
    public var labelSelector: LabelSelector?
    /// Namespaces to look in (default: the pod's own).
    public var namespaces: [String]?
    /// Namespaces by label.
    public var namespaceSelector: LabelSelector?
    /// Node label defining the topology domain.
    public var topologyKey: String
    /// Label keys whose values are taken from the incoming pod (matching).
    public var matchLabelKeys: [String]?
    /// Label keys whose values are taken from the incoming pod (mismatching).
    public var mismatchLabelKeys: [String]?
    /// Creates a term.
    public init(
        labelSelector: LabelSelector? = nil, namespaces: [String]? = nil, namespaceSelector: LabelSelector? = nil,
        topologyKey: String
    ) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.namespaceSelector = namespaceSelector
        self.topologyKey = topologyKey
    }
}

/// A weighted pod affinity term.
public struct WeightedPodAffinityTerm: Codable, Hashable, Sendable {
    /// Weight 1–100.
    public var weight: Int
    /// The term.
    public var podAffinityTerm: PodAffinityTerm
    /// Creates a term.
    public init(weight: Int, podAffinityTerm: PodAffinityTerm) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }
}

/// Spread constraint (core/v1 `TopologySpreadConstraint`).
public struct TopologySpreadConstraint: Codable, Hashable, Sendable {
    /// Maximum allowed skew.
    public var maxSkew: Int
    /// Node label defining domains.
    public var topologyKey: String
    /// `DoNotSchedule` or `ScheduleAnyway`.
    public var whenUnsatisfiable: String
    /// Pods counted.
    public var labelSelector: LabelSelector?
    /// Minimum number of domains.
    public var minDomains: Int?
    /// `Honor` or `Ignore` (default Honor).
    public var nodeAffinityPolicy: String?
    /// `Honor` or `Ignore` (default Ignore).
    public var nodeTaintsPolicy: String?
    /// Label keys added to the selector from the incoming pod.
    public var matchLabelKeys: [String]?
    /// Creates a constraint.
    public init(maxSkew: Int, topologyKey: String, whenUnsatisfiable: String, labelSelector: LabelSelector? = nil) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
    }
}
