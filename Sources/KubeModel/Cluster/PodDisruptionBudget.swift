/// A disruption budget (policy/v1 `PodDisruptionBudget`).
public struct PodDisruptionBudget: Codable, Hashable, Sendable {
    /// `policy/v1`.
    public var apiVersion: String?
    /// `PodDisruptionBudget`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: PodDisruptionBudgetSpec
    /// Observed state (tolerated).
    public var status: JSONValue?

    /// Creates a budget.
    public init(metadata: ObjectMeta, spec: PodDisruptionBudgetSpec) {
        self.apiVersion = "policy/v1"
        self.kind = "PodDisruptionBudget"
        self.metadata = metadata
        self.spec = spec
    }
}

/// Budget spec (policy/v1 `PodDisruptionBudgetSpec`): at most one of the two bounds.
public struct PodDisruptionBudgetSpec: Codable, Hashable, Sendable {
    /// Pods that must stay available (number or percentage).
    public var minAvailable: IntOrString?
    /// Pods that may be unavailable (number or percentage).
    public var maxUnavailable: IntOrString?
    /// Pods covered.
    public var selector: LabelSelector?
    /// Eviction policy for unhealthy pods.
    public var unhealthyPodEvictionPolicy: String?

    /// Creates a spec.
    public init(minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: LabelSelector? = nil) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
    }
}
