/// A ReplicaSet (apps/v1 `ReplicaSet`).
public struct ReplicaSet: Codable, Hashable, Sendable {
    /// `apps/v1`.
    public var apiVersion: String?
    /// `ReplicaSet`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: ReplicaSetSpec
    /// Observed state (tolerated).
    public var status: JSONValue?

    /// Creates a ReplicaSet.
    public init(metadata: ObjectMeta, spec: ReplicaSetSpec) {
        self.apiVersion = "apps/v1"
        self.kind = "ReplicaSet"
        self.metadata = metadata
        self.spec = spec
    }

    /// Decodes; a missing `metadata` decodes empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(ReplicaSetSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(JSONValue.self, forKey: .status)
    }
}

/// ReplicaSet spec (apps/v1 `ReplicaSetSpec`); replicas default to 1 (`SetDefaults_ReplicaSet`).
public struct ReplicaSetSpec: Hashable, Sendable {
    /// Desired pods (default 1).
    public var replicas: Int
    /// Seconds a pod must be ready to count as available.
    public var minReadySeconds: Int?
    /// Pods managed.
    public var selector: LabelSelector?
    /// Pod template.
    public var template: PodTemplateSpec

    /// Creates a spec.
    public init(replicas: Int = 1, minReadySeconds: Int? = nil, selector: LabelSelector?, template: PodTemplateSpec) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

extension ReplicaSetSpec: Codable {
    /// Decodes with defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        replicas = try c.decode(.replicas, default: 1)
        minReadySeconds = try c.decodeIfPresent(Int.self, forKey: .minReadySeconds)
        selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        template = try c.decode(.template, default: PodTemplateSpec(spec: PodSpec(containers: [])))
    }
}
