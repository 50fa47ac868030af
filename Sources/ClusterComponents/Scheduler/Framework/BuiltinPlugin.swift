/// The registry of built-in plugins (k/k `pkg/scheduler/framework/plugins/registry.go`
/// `NewInTreeRegistry`, plus kubesim's placement policies and the FGD artifact's GPU plugins):
/// one case per plugin, holding the plugin as configured for one profile.
///
/// The framework calls plugins through ``visit(_:)``, a switch over these cases that hands the
/// concrete plugin to a generic visitor: every call is specialised for the plugin's type, so the
/// per-node calls on the hot path are direct (no existential, no allocation).
///
/// A new plugin is one file (a type conforming to ``SchedulerPlugin`` and the marker protocols
/// of its extension points) and its line in each of the three lists below.
enum BuiltinPlugin {
    case nodeUnschedulable(NodeUnschedulable)
    case nodeName(NodeName)
    case taintToleration(TaintToleration)
    case nodeAffinity(NodeAffinityPlugin)
    case nodePorts(NodePorts)
    case nodeResourcesFit(NodeResourcesFit)
    case podTopologySpread(PodTopologySpread)
    case interPodAffinity(InterPodAffinity)
    case balancedAllocation(NodeResourcesBalancedAllocation)
    case imageLocality(ImageLocality)
    case gpuShare(GPUShare)
    case gpuBestFit(GPUBestFit)
    case fgd(FGD)
    case firstFit(FirstFit)
    case bestFit(BestFit)
    case worstFit(WorstFit)
    case random(RandomFit)
    case dotProduct(DotProduct)
    case defaultPreemption(DefaultPreemption)
    #if DEBUG
    /// The worked example of docs/architecture.md (debug builds only: tests use it).
    case exampleNodeLabel(ExampleNodeLabel)
    #endif

    /// Builds the plugin registered under `name` (case-insensitive; aliases included) for a
    /// profile, or nil when no plugin has that name.
    static func make(named name: String, _ configuration: inout PluginConfiguration) -> BuiltinPlugin? {
        let key = name.lowercased()
        func matches<Plugin: SchedulerPlugin>(_ type: Plugin.Type) -> Bool {
            Plugin.name.lowercased() == key || Plugin.aliases.contains { $0.lowercased() == key }
        }
        if matches(NodeUnschedulable.self) { return .nodeUnschedulable(.init(&configuration)) }
        if matches(NodeName.self) { return .nodeName(.init(&configuration)) }
        if matches(TaintToleration.self) { return .taintToleration(.init(&configuration)) }
        if matches(NodeAffinityPlugin.self) { return .nodeAffinity(.init(&configuration)) }
        if matches(NodePorts.self) { return .nodePorts(.init(&configuration)) }
        if matches(NodeResourcesFit.self) { return .nodeResourcesFit(.init(&configuration)) }
        if matches(PodTopologySpread.self) { return .podTopologySpread(.init(&configuration)) }
        if matches(InterPodAffinity.self) { return .interPodAffinity(.init(&configuration)) }
        if matches(NodeResourcesBalancedAllocation.self) { return .balancedAllocation(.init(&configuration)) }
        if matches(ImageLocality.self) { return .imageLocality(.init(&configuration)) }
        if matches(GPUShare.self) { return .gpuShare(.init(&configuration)) }
        if matches(GPUBestFit.self) { return .gpuBestFit(.init(&configuration)) }
        if matches(FGD.self) { return .fgd(.init(&configuration)) }
        if matches(FirstFit.self) { return .firstFit(.init(&configuration)) }
        if matches(BestFit.self) { return .bestFit(.init(&configuration)) }
        if matches(WorstFit.self) { return .worstFit(.init(&configuration)) }
        if matches(RandomFit.self) { return .random(.init(&configuration)) }
        if matches(DotProduct.self) { return .dotProduct(.init(&configuration)) }
        if matches(DefaultPreemption.self) { return .defaultPreemption(.init(&configuration)) }
        #if DEBUG
        if matches(ExampleNodeLabel.self) { return .exampleNodeLabel(.init(&configuration)) }
        #endif
        return nil
    }

    /// Hands the concrete plugin to `visitor` (the one dispatch switch).
    @inline(__always)
    func visit<Visitor: PluginVisitor>(_ visitor: inout Visitor) -> Visitor.Result {
        switch self {
        case .nodeUnschedulable(let plugin): visitor.visit(plugin)
        case .nodeName(let plugin): visitor.visit(plugin)
        case .taintToleration(let plugin): visitor.visit(plugin)
        case .nodeAffinity(let plugin): visitor.visit(plugin)
        case .nodePorts(let plugin): visitor.visit(plugin)
        case .nodeResourcesFit(let plugin): visitor.visit(plugin)
        case .podTopologySpread(let plugin): visitor.visit(plugin)
        case .interPodAffinity(let plugin): visitor.visit(plugin)
        case .balancedAllocation(let plugin): visitor.visit(plugin)
        case .imageLocality(let plugin): visitor.visit(plugin)
        case .gpuShare(let plugin): visitor.visit(plugin)
        case .gpuBestFit(let plugin): visitor.visit(plugin)
        case .fgd(let plugin): visitor.visit(plugin)
        case .firstFit(let plugin): visitor.visit(plugin)
        case .bestFit(let plugin): visitor.visit(plugin)
        case .worstFit(let plugin): visitor.visit(plugin)
        case .random(let plugin): visitor.visit(plugin)
        case .dotProduct(let plugin): visitor.visit(plugin)
        case .defaultPreemption(let plugin): visitor.visit(plugin)
        #if DEBUG
        case .exampleNodeLabel(let plugin): visitor.visit(plugin)
        #endif
        }
    }
}

/// An operation on a plugin of any concrete type (see ``BuiltinPlugin/visit(_:)``).
protocol PluginVisitor {
    associatedtype Result
    mutating func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> Result
}
