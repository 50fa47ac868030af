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

    /// Decodes `args` according to `name`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        guard c.contains(.args), try !c.decodeNil(forKey: .args) else {
            args = nil
            return
        }
        switch name {
        case "NodeResourcesFit":
            args = .nodeResourcesFit(try c.decode(NodeResourcesFitArgs.self, forKey: .args))
        case "PodTopologySpread":
            args = .podTopologySpread(try c.decode(PodTopologySpreadArgs.self, forKey: .args))
        case "InterPodAffinity":
            args = .interPodAffinity(try c.decode(InterPodAffinityArgs.self, forKey: .args))
        case "NodeAffinity":
            args = .nodeAffinity(try c.decode(NodeAffinityArgs.self, forKey: .args))
        case "DefaultPreemption":
            args = .defaultPreemption(try c.decode(DefaultPreemptionArgs.self, forKey: .args))
        default:
            args = .other(try c.decode(JSONValue.self, forKey: .args))
        }
    }

    /// Encodes `name` and the arguments.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        switch args {
        case nil: break
        case .nodeResourcesFit(let value)?: try c.encode(value, forKey: .args)
        case .podTopologySpread(let value)?: try c.encode(value, forKey: .args)
        case .interPodAffinity(let value)?: try c.encode(value, forKey: .args)
        case .nodeAffinity(let value)?: try c.encode(value, forKey: .args)
        case .defaultPreemption(let value)?: try c.encode(value, forKey: .args)
        case .other(let value)?: try c.encode(value, forKey: .args)
        }
    }
}

/// Typed plugin arguments.
public enum PluginArgs: Hashable, Sendable {
    /// `NodeResourcesFitArgs`.
    case nodeResourcesFit(NodeResourcesFitArgs)
    /// `PodTopologySpreadArgs`.
    case podTopologySpread(PodTopologySpreadArgs)
    /// `InterPodAffinityArgs`.
    case interPodAffinity(InterPodAffinityArgs)
    /// `NodeAffinityArgs`.
    case nodeAffinity(NodeAffinityArgs)
    /// `DefaultPreemptionArgs`.
    case defaultPreemption(DefaultPreemptionArgs)
    /// Any other plugin's arguments, untyped.
    case other(JSONValue)
}

/// `NodeResourcesFitArgs`.
public struct NodeResourcesFitArgs: Codable, Hashable, Sendable {
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
public struct PodTopologySpreadArgs: Codable, Hashable, Sendable {
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
public struct InterPodAffinityArgs: Codable, Hashable, Sendable {
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
public struct NodeAffinityArgs: Codable, Hashable, Sendable {
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
public struct DefaultPreemptionArgs: Codable, Hashable, Sendable {
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
