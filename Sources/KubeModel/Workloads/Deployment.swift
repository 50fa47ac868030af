/// A Deployment (apps/v1 `Deployment`).
public struct Deployment: Codable, Hashable, Sendable {
    /// `apps/v1`.
    public var apiVersion: String?
    /// `Deployment`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: DeploymentSpec
    /// Observed state (tolerated).
    public var status: JSONValue?

    /// Creates a Deployment.
    public init(metadata: ObjectMeta, spec: DeploymentSpec) {
        self.apiVersion = "apps/v1"
        self.kind = "Deployment"
        self.metadata = metadata
        self.spec = spec
    }

    /// Decodes; a missing `metadata` decodes empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(DeploymentSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(JSONValue.self, forKey: .status)
    }
}

/// Deployment spec (apps/v1 `DeploymentSpec`), defaulted as pkg/apis/apps/v1/defaults.go
/// `SetDefaults_Deployment`: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600.
public struct DeploymentSpec: Hashable, Sendable {
    /// Desired pods (default 1).
    public var replicas: Int
    /// Pods managed; must match the template labels.
    public var selector: LabelSelector?
    /// Pod template.
    public var template: PodTemplateSpec
    /// Replacement strategy.
    public var strategy: DeploymentStrategy
    /// Seconds a new pod must be ready to count as available.
    public var minReadySeconds: Int?
    /// Old ReplicaSets kept (default 10).
    public var revisionHistoryLimit: Int
    /// Paused.
    public var paused: Bool?
    /// Seconds before a rollout is considered failed (default 600).
    public var progressDeadlineSeconds: Int

    /// Creates a spec with the API defaults.
    public init(
        replicas: Int = 1, selector: LabelSelector?, template: PodTemplateSpec,
        strategy: DeploymentStrategy = .init(), minReadySeconds: Int? = nil, revisionHistoryLimit: Int = 10,
        progressDeadlineSeconds: Int = 600
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }
}

extension DeploymentSpec: Codable {
    /// Decodes and applies `SetDefaults_Deployment`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        replicas = try c.decode(.replicas, default: 1)
        selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        template = try c.decode(.template, default: PodTemplateSpec(spec: PodSpec(containers: [])))
        strategy = try c.decode(.strategy, default: DeploymentStrategy())
        minReadySeconds = try c.decodeIfPresent(Int.self, forKey: .minReadySeconds)
        revisionHistoryLimit = try c.decode(.revisionHistoryLimit, default: 10)
        paused = try c.decodeIfPresent(Bool.self, forKey: .paused)
        progressDeadlineSeconds = try c.decode(.progressDeadlineSeconds, default: 600)
    }
}

/// How a Deployment replaces pods (apps/v1 `DeploymentStrategy`).
public struct DeploymentStrategy: Hashable, Sendable {
    /// `RollingUpdate` (default) or `Recreate`.
    public var type: String
    /// Rolling update parameters (defaulted to 25%/25% for RollingUpdate).
    public var rollingUpdate: RollingUpdateDeployment?

    /// Creates a strategy; the default is RollingUpdate with 25% surge and 25% unavailable.
    public init(type: String = "RollingUpdate", rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = type == "RollingUpdate" ? (rollingUpdate ?? RollingUpdateDeployment()) : rollingUpdate
    }
}

extension DeploymentStrategy: Codable {
    /// Decodes and applies the strategy defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            type: try c.decode(.type, default: "RollingUpdate"),
            rollingUpdate: try c.decodeIfPresent(RollingUpdateDeployment.self, forKey: .rollingUpdate))
    }
}

/// Rolling update bounds (apps/v1 `RollingUpdateDeployment`), each defaulting to `25%`.
public struct RollingUpdateDeployment: Hashable, Sendable {
    /// Pods that may be unavailable during the update (default 25%, rounded down).
    public var maxUnavailable: IntOrString
    /// Extra pods above `replicas` (default 25%, rounded up).
    public var maxSurge: IntOrString

    /// Creates bounds.
    public init(maxUnavailable: IntOrString = "25%", maxSurge: IntOrString = "25%") {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

extension RollingUpdateDeployment: Codable {
    /// Decodes with 25% defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxUnavailable = try c.decode(.maxUnavailable, default: "25%")
        maxSurge = try c.decode(.maxSurge, default: "25%")
    }
}
