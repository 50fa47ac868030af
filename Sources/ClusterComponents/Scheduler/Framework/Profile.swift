import KubeModel

/// One scheduling profile, resolved from a `KubeSchedulerProfile` (k/k
/// `pkg/scheduler/profile/profile.go` + `framework/runtime/framework.go`): the plugins of each
/// extension point, in order, each built once from the profile's `pluginConfig`.
final class Profile {
    /// A score plugin with its weight and the name it was configured under.
    struct ScoreEntry {
        var plugin: BuiltinPlugin
        var weight: Int64
        var name: String
    }

    /// `schedulerName`; also the component of its events.
    let schedulerName: String
    /// Per-profile percentageOfNodesToScore.
    let percentageOfNodesToScore: Int?
    /// PreFilter plugins (the filters that have a PreFilter), in filter order.
    let preFilters: [BuiltinPlugin]
    /// Filters in order.
    let filters: [BuiltinPlugin]
    /// Filter names (for explanations and messages), parallel to `filters`.
    let filterNames: [String]
    /// Per filter: whether an assigned pod's removal can turn its rejection into a pass.
    let filterHelpedByPodRemoval: [Bool]
    /// PostFilter plugins (DefaultPreemption).
    let postFilters: [BuiltinPlugin]
    /// Score plugins with weights.
    let scorers: [ScoreEntry]
    /// Reserve, Permit and PreBind plugins: the enabled plugins that have them.
    let reservers: [BuiltinPlugin]
    let permits: [BuiltinPlugin]
    let preBinders: [BuiltinPlugin]
    /// NodeAffinity's `addedAffinity`: part of every pod's required affinity in this profile.
    let addedAffinity: KubeModel.NodeAffinity?
    /// Whether NodeResourcesFit is among the filters (its hot-scalar fast path then applies).
    let filtersByResources: Bool
    /// Filters with PreFilterExtensions (AddPod/RemovePod on a simulated node).
    let preFilterExtensions: [BuiltinPlugin]
    /// The shared plugin state the plugins were built with (kept alive as long as they are).
    let shared: SharedPluginState

    /// The default plugins in kube-scheduler's MultiPoint order, with score weights (k/k
    /// `pkg/scheduler/apis/config/v1/default_plugins.go` getDefaultPlugins). Volume plugins are
    /// omitted: kubesim pods have no PVCs, so they always pass. GPUShare (kubesim): GPU-sharing
    /// requests (annotations) are honoured under every profile; a no-op for pods without them.
    static let defaultPlugins: [(name: String, weight: Int64)] = [
        ("NodeUnschedulable", 0), ("NodeName", 0), ("TaintToleration", 3), ("NodeAffinity", 2), ("NodePorts", 0),
        ("NodeResourcesFit", 1), ("PodTopologySpread", 2), ("InterPodAffinity", 2), ("DefaultPreemption", 0),
        ("NodeResourcesBalancedAllocation", 1), ("ImageLocality", 1), ("GPUShare", 0),
    ]

    /// Resolves a configured profile: defaults, then MultiPoint disabled/enabled, then the
    /// per-extension-point sets (filter, score, postFilter); `"*"` disables all defaults there.
    /// - Parameters:
    ///   - shared: the scheduler's shared plugin state (a fresh one when the profile is built alone).
    ///   - outOfTree: plugins outside the registry the profile may name (tests).
    init(
        _ config: KubeSchedulerProfile, version: KubernetesVersion, resources: inout ResourceIndex,
        shared: SharedPluginState = SharedPluginState(), outOfTree: OutOfTreeRegistry = .init()
    ) {
        schedulerName = config.schedulerName
        percentageOfNodesToScore = config.percentageOfNodesToScore
        self.shared = shared
        var configuration = PluginConfiguration(
            profile: config, version: version, resources: resources, shared: shared)
        // One instance per plugin, shared by its extension points (as the framework builds them).
        var instances: [String: BuiltinPlugin] = [:]
        func instance(_ name: String) -> BuiltinPlugin? {
            if let plugin = instances[name.lowercased()] { return plugin }
            guard let plugin = BuiltinPlugin.make(named: name, &configuration, outOfTree: outOfTree) else {
                return nil
            }
            instances[name.lowercased()] = plugin
            return plugin
        }
        var filters: [BuiltinPlugin] = []
        var scorers: [ScoreEntry] = []
        var postFilters: [BuiltinPlugin] = []
        // Plugins with Reserve, Permit or PreBind (from the defaults or multiPoint; upstream's
        // reserve/permit/preBind sets are not modelled).
        let binding: ExtensionPoints = [.reserve, .permit, .preBind]
        var bindingPlugins: [BuiltinPlugin] = []
        for (name, weight) in Self.defaultPlugins {
            guard let plugin = instance(name) else { continue }
            if plugin.extensionPoints.contains(.filter) { filters.append(plugin) }
            if plugin.extensionPoints.contains(.score) {
                scorers.append(ScoreEntry(plugin: plugin, weight: weight, name: name))
            }
            if plugin.extensionPoints.contains(.postFilter) { postFilters.append(plugin) }
            if !plugin.extensionPoints.isDisjoint(with: binding) { bindingPlugins.append(plugin) }
        }
        func apply(_ set: PluginSet?, _ points: ExtensionPoints) {
            guard let set else { return }
            for entry in set.disabled ?? [] {
                if entry.name == "*" {
                    if points.contains(.filter) { filters.removeAll() }
                    if points.contains(.score) { scorers.removeAll() }
                    if points.contains(.postFilter) { postFilters.removeAll() }
                    if points.contains(binding) { bindingPlugins.removeAll() }
                    continue
                }
                let name = instance(entry.name)?.name
                if points.contains(.filter) { filters.removeAll { $0.name == name } }
                if points.contains(.score) { scorers.removeAll { $0.name == entry.name } }
                if points.contains(.postFilter) { postFilters.removeAll { $0.name == name } }
                if points.contains(binding) { bindingPlugins.removeAll { $0.name == name } }
            }
            for entry in set.enabled ?? [] {
                guard let plugin = instance(entry.name) else { continue }
                let has = plugin.extensionPoints.intersection(points)
                if has.contains(.filter), !filters.contains(where: { $0.name == plugin.name }) {
                    filters.append(plugin)
                }
                if has.contains(.score) {
                    if let i = scorers.firstIndex(where: { $0.name == entry.name }) {
                        if let weight = entry.weight { scorers[i].weight = Int64(weight) }
                    } else {
                        scorers.append(
                            ScoreEntry(plugin: plugin, weight: Int64(max(entry.weight ?? 1, 1)), name: entry.name))
                    }
                }
                if has.contains(.postFilter), !postFilters.contains(where: { $0.name == plugin.name }) {
                    postFilters.append(plugin)
                }
                if !has.isDisjoint(with: binding), !bindingPlugins.contains(where: { $0.name == plugin.name }) {
                    bindingPlugins.append(plugin)
                }
            }
        }
        apply(config.plugins?.multiPoint, [.filter, .score, .postFilter, .reserve, .permit, .preBind])
        apply(config.plugins?.filter, .filter)
        apply(config.plugins?.score, .score)
        apply(config.plugins?.postFilter, .postFilter)
        self.filters = filters
        filterNames = filters.map(\.name)
        filterHelpedByPodRemoval = filters.map(\.helpedByPodRemoval)
        preFilters = filters.filter { $0.extensionPoints.contains(.preFilter) }
        preFilterExtensions = filters.filter { $0.extensionPoints.contains(.preFilterExtensions) }
        self.scorers = scorers
        self.postFilters = postFilters
        // Reserve/Permit/PreBind: every enabled plugin that has them, filters first.
        var enabled: [BuiltinPlugin] = []
        for plugin in filters + scorers.map(\.plugin) + bindingPlugins
        where !enabled.contains(where: { $0.name == plugin.name }) {
            enabled.append(plugin)
        }
        reservers = enabled.filter { $0.extensionPoints.contains(.reserve) }
        permits = enabled.filter { $0.extensionPoints.contains(.permit) }
        preBinders = enabled.filter { $0.extensionPoints.contains(.preBind) }
        addedAffinity = instance(NodeAffinityPlugin.name)?.plugin(as: NodeAffinityPlugin.self)?.addedAffinity
        filtersByResources = filters.contains { $0.name == NodeResourcesFit.name }
        resources = configuration.resources
    }

    /// The score entry of a plugin type, if the profile scores with it.
    func scores<Plugin: SchedulerPlugin>(with type: Plugin.Type) -> Bool {
        scorers.contains { $0.plugin.name == Plugin.name }
    }
}
