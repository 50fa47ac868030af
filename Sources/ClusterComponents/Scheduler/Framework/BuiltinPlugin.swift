import KubeModel

/// The registry of built-in plugins (k/k `pkg/scheduler/framework/plugins/registry.go`
/// `NewInTreeRegistry`, plus kubesim's placement policies and the FGD artifact's GPU plugins):
/// the one list of plugin types, read for name lookup (``PluginRegistry/id(named:)``), for
/// validation (``Scheduler/pluginNames``), for `--policy` names (``SchedulerPolicy/named(_:)``)
/// and for dispatch (``BuiltinPlugin/visit(_:)``). The placement policies are listed in the
/// order `--help` shows them.
///
/// A new plugin is one file (a type conforming to ``SchedulerPlugin`` and the marker protocols
/// of its extension points, with its `name`) and one line in ``withType(_:_:)``.
enum PluginRegistry {
    /// Hands the plugin type registered under `id` to `visitor`; nil for an id with no plugin.
    ///
    /// Every arm is specialised for its type, so a dispatch through here is a jump to code
    /// compiled for that plugin (no existential, no witness-table call).
    @inline(__always)
    static func withType<Visitor: PluginTypeVisitor>(_ id: Int, _ visitor: inout Visitor) -> Visitor.Result? {
        switch id {
        case 0: visitor.visit(NodeUnschedulable.self)
        case 1: visitor.visit(NodeName.self)
        case 2: visitor.visit(TaintToleration.self)
        case 3: visitor.visit(NodeAffinityPlugin.self)
        case 4: visitor.visit(NodePorts.self)
        case 5: visitor.visit(NodeResourcesFit.self)
        case 6: visitor.visit(PodTopologySpread.self)
        case 7: visitor.visit(InterPodAffinity.self)
        case 8: visitor.visit(NodeResourcesBalancedAllocation.self)
        case 9: visitor.visit(ImageLocality.self)
        case 10: visitor.visit(GPUShare.self)
        case 11: visitor.visit(FirstFit.self)
        case 12: visitor.visit(BestFit.self)
        case 13: visitor.visit(WorstFit.self)
        case 14: visitor.visit(RandomFit.self)
        case 15: visitor.visit(DotProduct.self)
        case 16: visitor.visit(GPUBestFit.self)
        case 17: visitor.visit(FGD.self)
        case 18: visitor.visit(DefaultPreemption.self)
        default: nil
        }
    }

    /// Plugins of kube-scheduler's in-tree registry that kubesim accepts in a configuration
    /// without modelling them (k/k `plugins/names/names.go`): queue sort and binding are the
    /// scheduler's own, and kubesim pods have no volumes or resource claims, so these always pass.
    static let acceptedWithoutModel = [
        "PrioritySort", "DefaultBinder", "DynamicResources", "NodeVolumeLimits", "SchedulingGates",
        "VolumeBinding", "VolumeRestrictions", "VolumeZone",
    ]

    /// One registered plugin's names.
    struct Entry: Sendable {
        let id: Int
        let name: String
        let aliases: [String]
        let ignoresNameCase: Bool
        let isPlacementPolicy: Bool
        /// The plugin's args type, nil for a plugin without args.
        let argsType: (any PluginArguments.Type)?
    }

    /// The registered plugins in id order (ids need not be dense; the switch bounds them).
    static let entries: [Entry] = {
        struct Names: PluginTypeVisitor {
            var id = 0
            func visit<Plugin: SchedulerPlugin>(_ type: Plugin.Type) -> Entry {
                Entry(
                    id: id, name: Plugin.name, aliases: Plugin.aliases, ignoresNameCase: Plugin.ignoresNameCase,
                    isPlacementPolicy: Plugin.isPlacementPolicy,
                    argsType: Plugin.Args.self == NoArgs.self ? nil : Plugin.Args.self)
            }
        }
        var visitor = Names()
        var entries: [Entry] = []
        for id in 0..<Int(BuiltinPlugin.outOfTree) {
            visitor.id = id
            if let entry = withType(id, &visitor) { entries.append(entry) }
        }
        return entries
    }()

    /// The id of the plugin registered under `name` (its name or an alias; case-insensitive,
    /// as profiles resolve names), nil when none is.
    static func id(named name: String) -> Int? {
        let key = name.lowercased()
        return entries.first { entry in
            entry.name.lowercased() == key || entry.aliases.contains { $0.lowercased() == key }
        }?.id
    }
}

/// A plugin as configured for one profile: its registry id and the plugin value, kept in a box
/// so that plugins of every type share one array (the framework's plugin lists).
struct BuiltinPlugin {
    /// The id that marks a plugin of an ``OutOfTreeRegistry`` (dispatched through an existential).
    static let outOfTree: UInt16 = 1024

    /// The plugin's id in ``PluginRegistry``, or ``outOfTree``.
    let id: UInt16
    /// The registered name.
    let name: String
    /// The extension points the plugin implements.
    let extensionPoints: ExtensionPoints
    /// Whether an assigned pod's removal can turn the plugin's rejection into a pass.
    let helpedByPodRemoval: Bool
    /// `PluginBox<Plugin>` for a built-in plugin, `OutOfTreePluginBox` otherwise.
    private let box: AnyObject

    private init<Plugin: SchedulerPlugin>(_ plugin: Plugin, id: UInt16, box: AnyObject) {
        self.id = id
        name = Plugin.name
        extensionPoints = Plugin.extensionPoints
        helpedByPodRemoval = Plugin.helpedByPodRemoval
        self.box = box
    }

    /// Builds the built-in plugin registered under `name` (case-insensitive; aliases included),
    /// then the out-of-tree one, for a profile; nil when no plugin has that name.
    static func make(
        named name: String, _ configuration: inout PluginConfiguration, outOfTree: OutOfTreeRegistry = .init()
    ) -> BuiltinPlugin? {
        if let id = PluginRegistry.id(named: name) {
            var maker = Maker(configuration: configuration, id: UInt16(id))
            let plugin = PluginRegistry.withType(id, &maker)
            configuration = maker.configuration
            return plugin
        }
        guard let type = outOfTree.type(named: name) else { return nil }
        func build<Plugin: SchedulerPlugin>(_ type: Plugin.Type) -> BuiltinPlugin {
            let plugin = Plugin(&configuration)
            return BuiltinPlugin(plugin, id: Self.outOfTree, box: OutOfTreePluginBox(plugin))
        }
        return build(type)
    }

    private struct Maker: PluginTypeVisitor {
        var configuration: PluginConfiguration
        let id: UInt16
        mutating func visit<Plugin: SchedulerPlugin>(_ type: Plugin.Type) -> BuiltinPlugin {
            let plugin = Plugin(&configuration)
            return BuiltinPlugin(plugin, id: id, box: PluginBox(plugin))
        }
    }

    /// Hands the concrete plugin to `visitor`: the registry's switch for a built-in plugin,
    /// the existential for an out-of-tree one (tests only).
    /// The visitor is lent by pointer, never copied (a visitor may hold the pod's whole
    /// `CycleState`).
    @inline(__always)
    func visit<Visitor: PluginVisitor>(_ visitor: inout Visitor) -> Visitor.Result {
        let box = box
        return withUnsafeMutablePointer(to: &visitor) { pointer in
            var opening = Opening(box: box, inner: pointer)
            if let result = PluginRegistry.withType(Int(id), &opening) { return result }
            return unsafeDowncast(box, to: OutOfTreePluginBox.self).visit(&pointer.pointee)
        }
    }

    /// The plugin value if it is of type `Plugin`.
    func plugin<Plugin: SchedulerPlugin>(as type: Plugin.Type) -> Plugin? {
        (box as? PluginBox<Plugin>)?.plugin
    }
}

/// An operation on a plugin type (see ``PluginRegistry/withType(_:_:)``).
protocol PluginTypeVisitor {
    associatedtype Result
    mutating func visit<Plugin: SchedulerPlugin>(_ type: Plugin.Type) -> Result
}

/// An operation on a plugin of any concrete type (see ``BuiltinPlugin/visit(_:)``).
protocol PluginVisitor {
    associatedtype Result
    mutating func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> Result
}

/// Turns the registry's type into the boxed plugin of that type.
private struct Opening<Inner: PluginVisitor>: PluginTypeVisitor {
    unowned(unsafe) let box: AnyObject
    let inner: UnsafeMutablePointer<Inner>
    @inline(__always)
    func visit<Plugin: SchedulerPlugin>(_ type: Plugin.Type) -> Inner.Result {
        inner.pointee.visit(unsafeDowncast(box, to: PluginBox<Plugin>.self).plugin)
    }
}

/// A built-in plugin value.
private final class PluginBox<Plugin: SchedulerPlugin> {
    let plugin: Plugin
    init(_ plugin: Plugin) { self.plugin = plugin }
}

/// An out-of-tree plugin value, called through its existential.
private final class OutOfTreePluginBox {
    let plugin: any SchedulerPlugin
    init(_ plugin: any SchedulerPlugin) { self.plugin = plugin }
    func visit<Visitor: PluginVisitor>(_ visitor: inout Visitor) -> Visitor.Result {
        func open<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> Visitor.Result { visitor.visit(plugin) }
        return open(plugin)
    }
}

/// Plugins from outside the registry (k/k `frameworkruntime.Registry` given to the scheduler
/// with `WithFrameworkOutOfTreeRegistry`, as `app.WithPlugin` does): how tests add a plugin of
/// their own without compiling it into the product. Their calls go through an existential, so
/// they are slower than built-in plugins; names of built-in plugins win.
struct OutOfTreeRegistry {
    /// The plugin types.
    var types: [any SchedulerPlugin.Type] = []

    /// The type registered under `name` (case-insensitive).
    func type(named name: String) -> (any SchedulerPlugin.Type)? {
        types.first { $0.name.lowercased() == name.lowercased() }
    }
}

extension Scheduler {
    /// The plugin names a `KubeSchedulerConfiguration` may use: every registered plugin's name
    /// and aliases (kubesim's own plugins whatever their case) and the in-tree plugins kubesim
    /// accepts without modelling. Loaders pass it as `ValidationOptions.schedulerPlugins`.
    public static let pluginNames: SchedulerPluginNames = {
        var exact = PluginRegistry.acceptedWithoutModel
        var caseInsensitive: [String] = []
        for entry in PluginRegistry.entries {
            if entry.ignoresNameCase {
                caseInsensitive += [entry.name] + entry.aliases
            } else {
                exact += [entry.name] + entry.aliases
            }
        }
        return SchedulerPluginNames(exact: exact, caseInsensitive: caseInsensitive)
    }()
}

extension Scheduler {
    /// The args type of every registered plugin that has one, by name: the loader decodes a
    /// `pluginConfig` entry's args as its plugin's type (``SchedulerPlugin/Args``), so a plugin
    /// with args needs nothing beyond its file and its registry line.
    public static let pluginArgsTypes = PluginArgsTypes(
        Dictionary(
            uniqueKeysWithValues: PluginRegistry.entries.compactMap { entry in entry.argsType.map { (entry.name, $0) } }
        ))
}

extension ManifestLoader.Options {
    /// The default options, with scheduler plugin names validated against the registry and
    /// plugin args decoded as their plugins' types: what every loader of files that may hold a
    /// `KubeSchedulerConfiguration` uses.
    public static var scheduling: Self {
        var options = Self()
        options.validation.schedulerPlugins = Scheduler.pluginNames
        options.schedulerPluginArgs = Scheduler.pluginArgsTypes
        return options
    }
}
