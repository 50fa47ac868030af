import KubeModel

/// A filter in a profile: a built-in (switch-dispatched) or a user plugin.
enum FilterRef: Equatable {
    case nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit
    case podTopologySpread, interPodAffinity
    /// ``GPUShare`` (kubesim: the FGD artifact's GPU-sharing filter).
    case gpuShare
    case custom(Int)

    var name: String {
        switch self {
        case .nodeUnschedulable: "NodeUnschedulable"
        case .nodeName: "NodeName"
        case .taintToleration: "TaintToleration"
        case .nodeAffinity: "NodeAffinity"
        case .nodePorts: "NodePorts"
        case .nodeResourcesFit: "NodeResourcesFit"
        case .podTopologySpread: "PodTopologySpread"
        case .interPodAffinity: "InterPodAffinity"
        case .gpuShare: GPUShare.name
        case .custom: "custom"
        }
    }

    static func named(_ name: String) -> FilterRef? {
        switch name {
        case "NodeUnschedulable": .nodeUnschedulable
        case "NodeName": .nodeName
        case "TaintToleration": .taintToleration
        case "NodeAffinity": .nodeAffinity
        case "NodePorts": .nodePorts
        case "NodeResourcesFit": .nodeResourcesFit
        case "PodTopologySpread": .podTopologySpread
        case "InterPodAffinity": .interPodAffinity
        case GPUShare.name: .gpuShare
        default: nil
        }
    }

    /// Whether an assigned pod's removal can turn this plugin's rejection into a pass.
    var helpedByPodRemoval: Bool {
        switch self {
        case .nodePorts, .nodeResourcesFit, .podTopologySpread, .interPodAffinity, .gpuShare, .custom: true
        default: false
        }
    }
}

/// A score plugin in a profile.
enum ScoreRef: Equatable {
    case taintToleration, nodeAffinity, nodeResourcesFit, podTopologySpread, interPodAffinity
    case balancedAllocation, imageLocality
    /// kubesim GPU-sharing policies (``Scheduler/gpuBestFitScores(_:count:)``, ``Scheduler/fgdScores(_:count:)``).
    case gpuBestFit, fgd
    case policy(Int)
    case custom(Int)

    static func named(_ name: String) -> ScoreRef? {
        switch name {
        case "TaintToleration": .taintToleration
        case "NodeAffinity": .nodeAffinity
        case "NodeResourcesFit": .nodeResourcesFit
        case "PodTopologySpread": .podTopologySpread
        case "InterPodAffinity": .interPodAffinity
        case "NodeResourcesBalancedAllocation": .balancedAllocation
        case "ImageLocality": .imageLocality
        case "GPUBestFit", "BestFitScore": .gpuBestFit
        case "FGD", "FGDScore": .fgd
        default: nil
        }
    }
}

/// One scheduling profile, resolved from a `KubeSchedulerProfile` (k/k
/// `pkg/scheduler/profile/profile.go` + `framework/runtime/framework.go`).
final class Profile {
    /// `schedulerName`; also the component of its events.
    var schedulerName: String
    /// Filters in order.
    var filters: [FilterRef]
    /// Whether the profile has a user filter plugin.
    var hasCustomFilters: Bool { filters.contains { if case .custom = $0 { true } else { false } } }
    /// Filter names (for explanations and messages), parallel to `filters`.
    var filterNames: [String]
    /// Score plugins, weights and names.
    var scorers: [(plugin: ScoreRef, weight: Int64, name: String)]
    /// DefaultPreemption enabled.
    var preemption: Bool
    /// Per-profile percentageOfNodesToScore.
    var percentageOfNodesToScore: Int?
    /// Plugin settings.
    var fit: NodeResourcesFit
    var balanced: NodeResourcesBalancedAllocation
    var spreadArgs: PodTopologySpreadArgs?
    var hardPodAffinityWeight: Int64
    var ignorePreferredTermsOfExistingPods: Bool
    var addedAffinity: KubeModel.NodeAffinity?
    var minCandidateNodesPercentage: Int
    var minCandidateNodesAbsolute: Int
    /// Built-in policies (see ``SchedulerPolicy``).
    var policies: [PolicyScorer] = []
    /// User plugins.
    var customFilters: [any FilterPlugin] = []
    var customScorers: [any ScorePlugin] = []

    /// The default MultiPoint plugins with score weights (k/k
    /// `pkg/scheduler/apis/config/v1/default_plugins.go` getDefaultPlugins). Volume plugins
    /// are omitted: kubesim pods have no PVCs, so they always pass.
    static let defaultFilters: [FilterRef] = [
        .nodeUnschedulable, .nodeName, .taintToleration, .nodeAffinity, .nodePorts, .nodeResourcesFit,
        .podTopologySpread, .interPodAffinity,
        // kubesim: GPU-sharing requests (annotations) are honoured under every profile; a no-op
        // for pods without them.
        .gpuShare,
    ]
    static let defaultScorers: [(ScoreRef, Int64, String)] = [
        (.taintToleration, 3, "TaintToleration"), (.nodeAffinity, 2, "NodeAffinity"),
        (.nodeResourcesFit, 1, "NodeResourcesFit"), (.podTopologySpread, 2, "PodTopologySpread"),
        (.interPodAffinity, 2, "InterPodAffinity"), (.balancedAllocation, 1, "NodeResourcesBalancedAllocation"),
        (.imageLocality, 1, "ImageLocality"),
    ]

    /// Resolves a configured profile: defaults, then MultiPoint disabled/enabled, then the
    /// per-extension-point sets (filter, score, postFilter); `"*"` disables all defaults there.
    init(_ config: KubeSchedulerProfile, version: KubernetesVersion, resources: inout ResourceIndex) {
        schedulerName = config.schedulerName
        var addedAffinity: KubeModel.NodeAffinity?
        var spreadArgs: PodTopologySpreadArgs?
        percentageOfNodesToScore = config.percentageOfNodesToScore
        var filters = Self.defaultFilters
        var scorers = Self.defaultScorers
        var policies: [PolicyScorer] = []
        var preemption = true
        func scoreRef(_ name: String) -> ScoreRef? {
            if let ref = ScoreRef.named(name) { return ref }
            if let policy = PolicyScorer.named(name) {
                policies.append(policy)
                return .policy(policies.count - 1)
            }
            return nil
        }
        func apply(_ set: PluginSet?, filter: Bool, score: Bool, post: Bool) {
            guard let set else { return }
            for plugin in set.disabled ?? [] {
                if plugin.name == "*" {
                    if filter { filters.removeAll() }
                    if score { scorers.removeAll() }
                    if post { preemption = false }
                    continue
                }
                if filter, let ref = FilterRef.named(plugin.name) { filters.removeAll { $0 == ref } }
                if score { scorers.removeAll { $0.2 == plugin.name } }
                if post && plugin.name == "DefaultPreemption" { preemption = false }
            }
            for plugin in set.enabled ?? [] {
                if filter, let ref = FilterRef.named(plugin.name), !filters.contains(ref) { filters.append(ref) }
                if score {
                    if let i = scorers.firstIndex(where: { $0.2 == plugin.name }) {
                        if let weight = plugin.weight { scorers[i].1 = Int64(weight) }
                    } else if let ref = scoreRef(plugin.name) {
                        scorers.append((ref, Int64(max(plugin.weight ?? 1, 1)), plugin.name))
                    }
                }
                if post && plugin.name == "DefaultPreemption" { preemption = true }
            }
        }
        apply(config.plugins?.multiPoint, filter: true, score: true, post: true)
        apply(config.plugins?.filter, filter: true, score: false, post: false)
        apply(config.plugins?.score, filter: false, score: true, post: false)
        apply(config.plugins?.postFilter, filter: false, score: false, post: true)
        self.filters = filters
        filterNames = filters.map(\.name)
        self.scorers = scorers.map { (plugin: $0.0, weight: $0.1, name: $0.2) }
        self.preemption = preemption
        self.policies = policies
        var fitArgs: NodeResourcesFitArgs?
        if case .nodeResourcesFit(let a)? = config.args(for: "NodeResourcesFit") { fitArgs = a }
        fit = NodeResourcesFit(args: fitArgs, index: &resources)
        balanced = NodeResourcesBalancedAllocation(version: version)
        if case .podTopologySpread(let a)? = config.args(for: "PodTopologySpread") { spreadArgs = a }
        self.spreadArgs = spreadArgs
        var ipa: InterPodAffinityArgs?
        if case .interPodAffinity(let a)? = config.args(for: "InterPodAffinity") { ipa = a }
        hardPodAffinityWeight = Int64(ipa?.hardPodAffinityWeight ?? 1)
        ignorePreferredTermsOfExistingPods = ipa?.ignorePreferredTermsOfExistingPods ?? false
        if case .nodeAffinity(let a)? = config.args(for: "NodeAffinity") { addedAffinity = a.addedAffinity }
        self.addedAffinity = addedAffinity
        var dp: DefaultPreemptionArgs?
        if case .defaultPreemption(let a)? = config.args(for: "DefaultPreemption") { dp = a }
        minCandidateNodesPercentage = dp?.minCandidateNodesPercentage ?? 10
        minCandidateNodesAbsolute = dp?.minCandidateNodesAbsolute ?? 100
    }
}
