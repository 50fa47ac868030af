/// A DaemonSet (apps/v1 `DaemonSet`): one pod per eligible node.
public struct DaemonSet: Codable, Hashable, Sendable {
    /// `apps/v1`.
    public var apiVersion: String?
    /// `DaemonSet`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: DaemonSetSpec
    /// Observed state (tolerated).
    public var status: JSONValue?

    /// Creates a DaemonSet.
    public init(metadata: ObjectMeta, spec: DaemonSetSpec, status: JSONValue? = nil) {
        self.apiVersion = "apps/v1"
        self.kind = "DaemonSet"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Decodes; a missing `metadata` decodes empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(DaemonSetSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(JSONValue.self, forKey: .status)
    }
}

/// DaemonSet spec (apps/v1 `DaemonSetSpec`), defaulted as pkg/apis/apps/v1/defaults.go
/// `SetDefaults_DaemonSet`: RollingUpdate with maxUnavailable 1 and maxSurge 0,
/// revisionHistoryLimit 10; `minReadySeconds` is 0 when absent.
public struct DaemonSetSpec: Hashable, Sendable {
    /// Pods managed; must match the template labels.
    public var selector: LabelSelector?
    /// Pod template.
    public var template: PodTemplateSpec
    /// How pods are replaced when the template changes.
    public var updateStrategy: DaemonSetUpdateStrategy
    /// Seconds a new pod must be ready to count as available (default 0).
    public var minReadySeconds: Int
    /// Old ControllerRevisions kept (default 10).
    public var revisionHistoryLimit: Int

    /// Creates a spec with the API defaults.
    public init(
        selector: LabelSelector?, template: PodTemplateSpec, updateStrategy: DaemonSetUpdateStrategy = .init(),
        minReadySeconds: Int = 0, revisionHistoryLimit: Int = 10
    ) {
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
    }
}

extension DaemonSetSpec: Codable {
    /// Decodes and applies `SetDefaults_DaemonSet`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        template = try c.decode(.template, default: PodTemplateSpec(spec: PodSpec(containers: [])))
        updateStrategy = try c.decode(.updateStrategy, default: DaemonSetUpdateStrategy())
        minReadySeconds = try c.decode(.minReadySeconds, default: 0)
        revisionHistoryLimit = try c.decode(.revisionHistoryLimit, default: 10)
    }
}

/// How a DaemonSet replaces pods (apps/v1 `DaemonSetUpdateStrategy` with its
/// `RollingUpdateDaemonSet` flattened in): YAML `{type, rollingUpdate: {maxUnavailable, maxSurge}}`.
public struct DaemonSetUpdateStrategy: Hashable, Sendable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String
    /// Nodes whose pod may be unavailable during a rolling update (default 1; a percentage of
    /// the nodes that should run the pod, rounded up).
    public var maxUnavailable: IntOrString
    /// Nodes that may run an updated pod next to the old one during a rolling update (default 0;
    /// a percentage of the nodes that should run the pod, rounded up).
    public var maxSurge: IntOrString

    /// Creates a strategy; the default is RollingUpdate with maxUnavailable 1 and maxSurge 0.
    public init(type: String = "RollingUpdate", maxUnavailable: IntOrString = 1, maxSurge: IntOrString = 0) {
        self.type = type
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }

    /// Pods that may be unavailable out of `numberToSchedule` (pkg/controller/daemon/util
    /// `UnavailableCount`): 0 unless RollingUpdate; percentages round up.
    /// - Throws: ``IntOrString/ScaleError`` for a string that is not a percentage.
    public func unavailableCount(numberToSchedule: Int) throws(IntOrString.ScaleError) -> Int {
        guard type == "RollingUpdate" else { return 0 }
        return try maxUnavailable.scaledValue(total: numberToSchedule, roundUp: true)
    }

    /// Nodes that may surge out of `numberToSchedule` (pkg/controller/daemon/util `SurgeCount`):
    /// 0 unless RollingUpdate; percentages round up.
    /// - Throws: ``IntOrString/ScaleError`` for a string that is not a percentage.
    public func surgeCount(numberToSchedule: Int) throws(IntOrString.ScaleError) -> Int {
        guard type == "RollingUpdate" else { return 0 }
        return try maxSurge.scaledValue(total: numberToSchedule, roundUp: true)
    }
}

extension DaemonSetUpdateStrategy: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, rollingUpdate
    }

    /// The nested `rollingUpdate` mapping (apps/v1 `RollingUpdateDaemonSet`).
    private struct RollingUpdate: Codable {
        var maxUnavailable: IntOrString?
        var maxSurge: IntOrString?
    }

    /// Decodes and applies the strategy defaults of `SetDefaults_DaemonSet` (an empty `type` is
    /// RollingUpdate).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        let rolling = try c.decodeIfPresent(RollingUpdate.self, forKey: .rollingUpdate)
        self.init(
            type: type.isEmpty ? "RollingUpdate" : type, maxUnavailable: rolling?.maxUnavailable ?? 1,
            maxSurge: rolling?.maxSurge ?? 0)
    }

    /// Encodes `{type, rollingUpdate}`; `rollingUpdate` only for the RollingUpdate type, as the
    /// defaulted API object has it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        if type == "RollingUpdate" {
            try c.encode(RollingUpdate(maxUnavailable: maxUnavailable, maxSurge: maxSurge), forKey: .rollingUpdate)
        }
    }
}
