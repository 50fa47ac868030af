/// A pod (core/v1 `Pod`).
public struct Pod: Codable, Hashable, Sendable {
    /// `v1`.
    public var apiVersion: String?
    /// `Pod`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: PodSpec
    /// Observed state. Boxed (``Indirect``): a `PodStatus` is about 200 bytes of optionals
    /// inline, and the status admission gives a new pod is one of three values that every pod
    /// shares (``admittedStatus(_:)``).
    @Indirect public var status: PodStatus?

    /// Creates a pod.
    public init(metadata: ObjectMeta, spec: PodSpec, status: PodStatus? = nil) {
        self.apiVersion = "v1"
        self.kind = "Pod"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A pod template (core/v1 `PodTemplateSpec`), as in Deployments, ReplicaSets and Jobs.
public struct PodTemplateSpec: Codable, Hashable, Sendable {
    /// Metadata of the pods created.
    public var metadata: ObjectMeta
    /// Spec of the pods created.
    public var spec: PodSpec

    /// Creates a template.
    public init(metadata: ObjectMeta = .init(), spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

extension Pod {
    /// Decodes; missing `metadata` or `spec` decode empty so validation can name them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(.spec, default: PodSpec(containers: []))
        status = try c.decodeIfPresent(PodStatus.self, forKey: .status)
    }
}

extension PodTemplateSpec {
    /// Decodes; missing parts decode empty so validation can name them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(.spec, default: PodSpec(containers: []))
    }
}
