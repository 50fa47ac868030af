/// Scheduler configuration (`kubescheduler.config.k8s.io/v1` `KubeSchedulerConfiguration`).
///
/// Defaults follow pkg/scheduler/apis/config/v1/defaults.go: `podInitialBackoffSeconds` 1,
/// `podMaxBackoffSeconds` 10, and one `default-scheduler` profile when none is given.
/// `percentageOfNodesToScore` stays `nil` (adaptive) when absent.
public struct KubeSchedulerConfiguration: Hashable, Sendable {
    /// `kubescheduler.config.k8s.io/v1`.
    public var apiVersion: String?
    /// `KubeSchedulerConfiguration`.
    public var kind: String?
    /// Scheduling profiles, one per scheduler name.
    public var profiles: [KubeSchedulerProfile]
    /// Percentage of feasible nodes to score; `nil` or 0 means adaptive.
    public var percentageOfNodesToScore: Int?
    /// Initial backoff of unschedulable pods, seconds (default 1).
    public var podInitialBackoffSeconds: Int
    /// Maximum backoff, seconds (default 10).
    public var podMaxBackoffSeconds: Int
    /// Parallelism (tolerated).
    public var parallelism: Int?
    /// Leader election (tolerated).
    public var leaderElection: JSONValue?
    /// Client connection (tolerated).
    public var clientConnection: JSONValue?
    /// Extenders (tolerated).
    public var extenders: JSONValue?
    /// Delay cache until active (tolerated).
    public var delayCacheUntilActive: Bool?

    /// The API version this type decodes.
    public static let apiVersion = "kubescheduler.config.k8s.io/v1"

    /// Creates a configuration with the defaults.
    public init(
        profiles: [KubeSchedulerProfile] = [KubeSchedulerProfile()], percentageOfNodesToScore: Int? = nil,
        podInitialBackoffSeconds: Int = 1, podMaxBackoffSeconds: Int = 10
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = "KubeSchedulerConfiguration"
        self.profiles = profiles
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.podInitialBackoffSeconds = podInitialBackoffSeconds
        self.podMaxBackoffSeconds = podMaxBackoffSeconds
    }
}

extension KubeSchedulerConfiguration: Codable {
    /// Decodes and applies the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        let profiles = try c.decode(.profiles, default: [KubeSchedulerProfile]())
        self.profiles = profiles.isEmpty ? [KubeSchedulerProfile()] : profiles
        percentageOfNodesToScore = try c.decodeIfPresent(Int.self, forKey: .percentageOfNodesToScore)
        podInitialBackoffSeconds = try c.decode(.podInitialBackoffSeconds, default: 1)
        podMaxBackoffSeconds = try c.decode(.podMaxBackoffSeconds, default: 10)
        parallelism = try c.decodeIfPresent(Int.self, forKey: .parallelism)
        leaderElection = try c.decodeIfPresent(JSONValue.self, forKey: .leaderElection)
        clientConnection = try c.decodeIfPresent(JSONValue.self, forKey: .clientConnection)
        extenders = try c.decodeIfPresent(JSONValue.self, forKey: .extenders)
        delayCacheUntilActive = try c.decodeIfPresent(Bool.self, forKey: .delayCacheUntilActive)
    }
}

/// One scheduling profile (`KubeSchedulerProfile`).
public struct KubeSchedulerProfile: Hashable, Sendable {
    /// Pods with this `spec.schedulerName` use the profile (default `default-scheduler`).
    public var schedulerName: String
    /// Per-profile override of `percentageOfNodesToScore`.
    public var percentageOfNodesToScore: Int?
    /// Plugins enabled/disabled per extension point.
    public var plugins: Plugins?
    /// Arguments per plugin.
    public var pluginConfig: [PluginConfig]?

    /// Creates a profile.
    public init(
        schedulerName: String = "default-scheduler", percentageOfNodesToScore: Int? = nil, plugins: Plugins? = nil,
        pluginConfig: [PluginConfig]? = nil
    ) {
        self.schedulerName = schedulerName
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.plugins = plugins
        self.pluginConfig = pluginConfig
    }

    /// The arguments configured for `plugin`, if any (the last entry naming it).
    public func args(for plugin: String) -> PluginArgs? {
        pluginConfig?.last { $0.name == plugin }?.args
    }

    /// The arguments configured for `plugin` as `type`, nil when none are or they are of
    /// another type.
    public func args<Args: PluginArguments>(for plugin: String, as type: Args.Type) -> Args? {
        args(for: plugin)?.as(type)
    }
}

extension KubeSchedulerProfile: Codable {
    /// Decodes; `schedulerName` defaults to `default-scheduler`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schedulerName = try c.decode(.schedulerName, default: "default-scheduler")
        percentageOfNodesToScore = try c.decodeIfPresent(Int.self, forKey: .percentageOfNodesToScore)
        plugins = try c.decodeIfPresent(Plugins.self, forKey: .plugins)
        pluginConfig = try c.decodeIfPresent([PluginConfig].self, forKey: .pluginConfig)
    }
}

/// Plugin sets per extension point (`Plugins`).
public struct Plugins: Codable, Hashable, Sendable {
    /// PreEnqueue.
    public var preEnqueue: PluginSet?
    /// QueueSort.
    public var queueSort: PluginSet?
    /// PreFilter.
    public var preFilter: PluginSet?
    /// Filter.
    public var filter: PluginSet?
    /// PostFilter.
    public var postFilter: PluginSet?
    /// PreScore.
    public var preScore: PluginSet?
    /// Score.
    public var score: PluginSet?
    /// Reserve.
    public var reserve: PluginSet?
    /// Permit.
    public var permit: PluginSet?
    /// PreBind.
    public var preBind: PluginSet?
    /// Bind.
    public var bind: PluginSet?
    /// PostBind.
    public var postBind: PluginSet?
    /// Every extension point a plugin implements.
    public var multiPoint: PluginSet?

    /// Creates plugin sets.
    public init(multiPoint: PluginSet? = nil, filter: PluginSet? = nil, score: PluginSet? = nil) {
        self.multiPoint = multiPoint
        self.filter = filter
        self.score = score
    }
}

/// Enabled and disabled plugins at one extension point (`PluginSet`).
public struct PluginSet: Codable, Hashable, Sendable {
    /// Plugins to enable, in order.
    public var enabled: [Plugin]?
    /// Plugins to disable; `*` disables all defaults.
    public var disabled: [Plugin]?

    /// Creates a set.
    public init(enabled: [Plugin]? = nil, disabled: [Plugin]? = nil) {
        self.enabled = enabled
        self.disabled = disabled
    }
}

/// A plugin reference (`Plugin`).
public struct Plugin: Codable, Hashable, Sendable {
    /// Plugin name.
    public var name: String
    /// Score weight.
    public var weight: Int?

    /// Creates a reference.
    public init(name: String, weight: Int? = nil) {
        self.name = name
        self.weight = weight
    }
}

extension KubeSchedulerConfiguration {
    /// `clientConnection.qps`, when given and a number (component-base
    /// `ClientConnectionConfiguration.QPS`, float32).
    public var clientConnectionQPS: Double? {
        clientConnection?["qps"]?.scalarText.flatMap { Double($0) }
    }
    /// `clientConnection.burst`, when given and an integer.
    public var clientConnectionBurst: Int? {
        clientConnection?["burst"]?.scalarText.flatMap { Int($0) }
    }
}
