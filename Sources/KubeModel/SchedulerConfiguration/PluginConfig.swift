/// Arguments for one plugin (`PluginConfig`), typed by plugin name.
public struct PluginConfig: Hashable, Sendable {
    /// Plugin name.
    public var name: String
    /// The arguments.
    public var args: PluginArgs?

    /// Creates a config.
    public init(name: String, args: PluginArgs? = nil) {
        self.name = name
        self.args = args
    }
}

extension PluginConfig: Codable {
    private enum CodingKeys: String, CodingKey { case name, args }

    /// Decodes `args` as the args type the plugin declares (the ``PluginArgsTypes`` in the
    /// decoder's `userInfo`), else as ``JSONValue``; a bad field fails with its coding path.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        guard c.contains(.args), try !c.decodeNil(forKey: .args) else {
            args = nil
            return
        }
        func decode<Args: PluginArguments>(_ type: Args.Type) throws -> PluginArgs {
            PluginArgs(try c.decode(type, forKey: .args))
        }
        let table = decoder.userInfo[PluginArgsTypes.userInfoKey] as? PluginArgsTypes
        let type: any PluginArguments.Type = table?.types[name] ?? JSONValue.self
        args = try decode(type)
    }

    /// Encodes `name` and the arguments.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        func encode<Args: PluginArguments>(_ value: Args) throws { try c.encode(value, forKey: .args) }
        if let args { try encode(args.value) }
    }
}

/// `NodeResourcesFitArgs`.
public struct NodeResourcesFitArgs: PluginArguments {
    /// Args apiVersion (optional in YAML).
    public var apiVersion: String?
    /// Args kind (optional in YAML).
    public var kind: String?
    /// Resources the filter ignores.
    public var ignoredResources: [String]?
    /// Resource groups (prefixes) the filter ignores.
    public var ignoredResourceGroups: [String]?
    /// Scoring strategy (default LeastAllocated, cpu and memory weight 1).
    public var scoringStrategy: ScoringStrategy?

    /// Creates args.
    public init(scoringStrategy: ScoringStrategy? = nil) { self.scoringStrategy = scoringStrategy }

    /// The strategy type must be one kube-scheduler knows (validation_pluginargs.go
    /// `validateNodeResourcesFitArgs`, `supportedScoringStrategyTypes`).
    public func validate(path: String) -> [FieldError] {
        guard let type = scoringStrategy?.type else { return [] }
        let types = ["LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"]
        return types.contains(type) ? [] : [.notSupported(path + ".scoringStrategy.type", type, types)]
    }
}

/// How NodeResourcesFit scores (`ScoringStrategy`).
public struct ScoringStrategy: Codable, Hashable, Sendable {
    /// `LeastAllocated`, `MostAllocated` or `RequestedToCapacityRatio`.
    public var type: String?
    /// Resources and weights.
    public var resources: [ResourceSpec]?
    /// Shape for `RequestedToCapacityRatio`.
    public var requestedToCapacityRatio: RequestedToCapacityRatioParam?

    /// Creates a strategy.
    public init(
        type: String? = nil, resources: [ResourceSpec]? = nil,
        requestedToCapacityRatio: RequestedToCapacityRatioParam? = nil
    ) {
        self.type = type
        self.resources = resources
        self.requestedToCapacityRatio = requestedToCapacityRatio
    }
}

/// A resource and its weight (`ResourceSpec`).
public struct ResourceSpec: Codable, Hashable, Sendable {
    /// Resource name.
    public var name: String
    /// Weight (default 1).
    public var weight: Int?
    /// Creates a spec.
    public init(name: String, weight: Int? = nil) {
        self.name = name
        self.weight = weight
    }
}

/// `RequestedToCapacityRatioParam`.
public struct RequestedToCapacityRatioParam: Codable, Hashable, Sendable {
    /// Piecewise-linear shape.
    public var shape: [UtilizationShapePoint]?
    /// Creates a parameter.
    public init(shape: [UtilizationShapePoint]? = nil) { self.shape = shape }
}

/// A point of the utilisation→score shape (utilisation 0–100, score 0–10).
public struct UtilizationShapePoint: Codable, Hashable, Sendable {
    /// Utilisation percentage.
    public var utilization: Int
    /// Score.
    public var score: Int
    /// Creates a point.
    public init(utilization: Int, score: Int) {
        self.utilization = utilization
        self.score = score
    }
}

/// `PodTopologySpreadArgs`.
public struct PodTopologySpreadArgs: PluginArguments {
    /// Args apiVersion.
    public var apiVersion: String?
    /// Args kind.
    public var kind: String?
    /// Constraints applied to pods without their own.
    public var defaultConstraints: [TopologySpreadConstraint]?
    /// `System` (default) or `List`.
    public var defaultingType: String?
    /// Creates args.
    public init(defaultConstraints: [TopologySpreadConstraint]? = nil, defaultingType: String? = nil) {
        self.defaultConstraints = defaultConstraints
        self.defaultingType = defaultingType
    }
}

/// `InterPodAffinityArgs`.
public struct InterPodAffinityArgs: PluginArguments {
    /// Args apiVersion.
    public var apiVersion: String?
    /// Args kind.
    public var kind: String?
    /// Weight of existing pods' hard affinity in scoring (default 1).
    public var hardPodAffinityWeight: Int?
    /// Ignore existing pods' preferred terms.
    public var ignorePreferredTermsOfExistingPods: Bool?
    /// Creates args.
    public init(hardPodAffinityWeight: Int? = nil) { self.hardPodAffinityWeight = hardPodAffinityWeight }
}

/// `NodeAffinityArgs`.
public struct NodeAffinityArgs: PluginArguments {
    /// Args apiVersion.
    public var apiVersion: String?
    /// Args kind.
    public var kind: String?
    /// Affinity added to every pod of the profile.
    public var addedAffinity: NodeAffinity?
    /// Creates args.
    public init(addedAffinity: NodeAffinity? = nil) { self.addedAffinity = addedAffinity }
}

/// `DefaultPreemptionArgs`.
public struct DefaultPreemptionArgs: PluginArguments {
    /// Args apiVersion.
    public var apiVersion: String?
    /// Args kind.
    public var kind: String?
    /// Minimum candidate nodes as a percentage (default 10).
    public var minCandidateNodesPercentage: Int?
    /// Minimum candidate nodes (default 100).
    public var minCandidateNodesAbsolute: Int?
    /// Creates args.
    public init(minCandidateNodesPercentage: Int? = nil, minCandidateNodesAbsolute: Int? = nil) {
        self.minCandidateNodesPercentage = minCandidateNodesPercentage
        self.minCandidateNodesAbsolute = minCandidateNodesAbsolute
    }
}
