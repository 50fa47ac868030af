/// A StatefulSet (apps/v1 `StatefulSet`): pods with stable ordinal names.
public struct StatefulSet: Codable, Hashable, Sendable {
    /// `apps/v1`.
    public var apiVersion: String?
    /// `StatefulSet`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: StatefulSetSpec
    /// Observed state (tolerated).
    public var status: JSONValue?

    /// Creates a StatefulSet.
    public init(metadata: ObjectMeta, spec: StatefulSetSpec, status: JSONValue? = nil) {
        self.apiVersion = "apps/v1"
        self.kind = "StatefulSet"
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
        spec = try c.decode(StatefulSetSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(JSONValue.self, forKey: .status)
    }
}

/// StatefulSet spec (apps/v1 `StatefulSetSpec`), defaulted as pkg/apis/apps/v1/defaults.go
/// `SetDefaults_StatefulSet`: replicas 1, podManagementPolicy OrderedReady, RollingUpdate with
/// partition 0, revisionHistoryLimit 10; `minReadySeconds` and `ordinals.start` are 0 when absent.
public struct StatefulSetSpec: Hashable, Sendable {
    /// Desired pods (default 1).
    public var replicas: Int
    /// Pods managed; must match the template labels.
    public var selector: LabelSelector?
    /// Pod template.
    public var template: PodTemplateSpec
    /// The governing headless Service, which names the pods' DNS records.
    public var serviceName: String?
    /// `OrderedReady` (default: one pod at a time, in ordinal order) or `Parallel`.
    public var podManagementPolicy: String
    /// How pods are replaced when the template changes.
    public var updateStrategy: StatefulSetUpdateStrategy
    /// Seconds a new pod must be ready to count as available (default 0).
    public var minReadySeconds: Int
    /// Old ControllerRevisions kept (default 10).
    public var revisionHistoryLimit: Int
    /// The first ordinal (`spec.ordinals.start`, default 0): pods are `<name>-<start>` onwards.
    public var ordinalsStart: Int
    /// PersistentVolumeClaim templates (tolerated, kept as written).
    public var volumeClaimTemplates: [JSONValue]?
    /// When claims are deleted (`whenDeleted`, `whenScaled`; tolerated, kept as written).
    public var persistentVolumeClaimRetentionPolicy: JSONValue?

    /// Creates a spec with the API defaults.
    public init(
        replicas: Int = 1, selector: LabelSelector?, template: PodTemplateSpec, serviceName: String? = nil,
        podManagementPolicy: String = "OrderedReady", updateStrategy: StatefulSetUpdateStrategy = .init(),
        minReadySeconds: Int = 0, revisionHistoryLimit: Int = 10, ordinalsStart: Int = 0,
        volumeClaimTemplates: [JSONValue]? = nil, persistentVolumeClaimRetentionPolicy: JSONValue? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.ordinalsStart = ordinalsStart
        self.volumeClaimTemplates = volumeClaimTemplates
        self.persistentVolumeClaimRetentionPolicy = persistentVolumeClaimRetentionPolicy
    }
}

extension StatefulSetSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case replicas, selector, template, serviceName, podManagementPolicy, updateStrategy, minReadySeconds
        case revisionHistoryLimit, ordinals, volumeClaimTemplates, persistentVolumeClaimRetentionPolicy
    }

    /// The nested `ordinals` mapping (apps/v1 `StatefulSetOrdinals`).
    private struct Ordinals: Codable {
        var start: Int?
    }

    /// Decodes and applies `SetDefaults_StatefulSet` (an empty `podManagementPolicy` is
    /// OrderedReady).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        replicas = try c.decode(.replicas, default: 1)
        selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        template = try c.decode(.template, default: PodTemplateSpec(spec: PodSpec(containers: [])))
        serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName)
        let policy = try c.decodeIfPresent(String.self, forKey: .podManagementPolicy) ?? ""
        podManagementPolicy = policy.isEmpty ? "OrderedReady" : policy
        updateStrategy = try c.decode(.updateStrategy, default: StatefulSetUpdateStrategy())
        minReadySeconds = try c.decode(.minReadySeconds, default: 0)
        revisionHistoryLimit = try c.decode(.revisionHistoryLimit, default: 10)
        ordinalsStart = try c.decodeIfPresent(Ordinals.self, forKey: .ordinals)?.start ?? 0
        volumeClaimTemplates = try c.decodeIfPresent([JSONValue].self, forKey: .volumeClaimTemplates)
        persistentVolumeClaimRetentionPolicy = try c.decodeIfPresent(
            JSONValue.self, forKey: .persistentVolumeClaimRetentionPolicy)
    }

    /// Encodes the API shape; `ordinals` only when the start is not 0.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(replicas, forKey: .replicas)
        try c.encodeIfPresent(selector, forKey: .selector)
        try c.encode(template, forKey: .template)
        try c.encodeIfPresent(serviceName, forKey: .serviceName)
        try c.encode(podManagementPolicy, forKey: .podManagementPolicy)
        try c.encode(updateStrategy, forKey: .updateStrategy)
        try c.encode(minReadySeconds, forKey: .minReadySeconds)
        try c.encode(revisionHistoryLimit, forKey: .revisionHistoryLimit)
        if ordinalsStart != 0 { try c.encode(Ordinals(start: ordinalsStart), forKey: .ordinals) }
        try c.encodeIfPresent(volumeClaimTemplates, forKey: .volumeClaimTemplates)
        try c.encodeIfPresent(persistentVolumeClaimRetentionPolicy, forKey: .persistentVolumeClaimRetentionPolicy)
    }
}

/// How a StatefulSet replaces pods (apps/v1 `StatefulSetUpdateStrategy` with its
/// `RollingUpdateStatefulSetStrategy` flattened in): YAML
/// `{type, rollingUpdate: {partition, maxUnavailable}}`.
public struct StatefulSetUpdateStrategy: Hashable, Sendable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String
    /// Pods with an ordinal below this keep the old revision during a rolling update (default 0).
    public var partition: Int
    /// Pods that may be unavailable during a rolling update (`nil` means 1; the controller honours
    /// it only with the MaxUnavailableStatefulSet feature).
    public var maxUnavailable: IntOrString?

    /// Creates a strategy; the default is RollingUpdate with partition 0.
    public init(type: String = "RollingUpdate", partition: Int = 0, maxUnavailable: IntOrString? = nil) {
        self.type = type
        self.partition = partition
        self.maxUnavailable = maxUnavailable
    }

    /// Pods that may be unavailable at once out of `replicas` (pkg/controller/statefulset
    /// `getStatefulSetMaxUnavailable`): `maxUnavailable` or 1, percentages rounded down, at least 1.
    /// - Throws: ``IntOrString/ScaleError`` for a string that is not a percentage.
    public func maxUnavailableCount(replicas: Int) throws(IntOrString.ScaleError) -> Int {
        max(1, try (maxUnavailable ?? 1).scaledValue(total: replicas, roundUp: false))
    }
}

extension StatefulSetUpdateStrategy: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, rollingUpdate
    }

    /// The nested `rollingUpdate` mapping (apps/v1 `RollingUpdateStatefulSetStrategy`).
    private struct RollingUpdate: Codable {
        var partition: Int?
        var maxUnavailable: IntOrString?
    }

    /// Decodes and applies the strategy defaults of `SetDefaults_StatefulSet` (an empty `type`
    /// is RollingUpdate).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        let rolling = try c.decodeIfPresent(RollingUpdate.self, forKey: .rollingUpdate)
        self.init(
            type: type.isEmpty ? "RollingUpdate" : type, partition: rolling?.partition ?? 0,
            maxUnavailable: rolling?.maxUnavailable)
    }

    /// Encodes `{type, rollingUpdate}`; `rollingUpdate` only for the RollingUpdate type, as the
    /// defaulted API object has it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        if type == "RollingUpdate" {
            try c.encode(RollingUpdate(partition: partition, maxUnavailable: maxUnavailable), forKey: .rollingUpdate)
        }
    }
}
