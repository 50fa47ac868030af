/// A plugin's `pluginConfig` args type (`NodeResourcesFitArgs`, `DefaultPreemptionArgs`, …).
///
/// Which type a plugin's args decode as is the plugin's business, not this layer's: the scheduler
/// plugin declares its args type, and the scheduler's registry hands the loader the table of
/// them (``PluginArgsTypes``, in ``ManifestLoader/Options/schedulerPluginArgs``), as
/// kube-scheduler's registry pairs each plugin with its args type (k/k
/// pkg/scheduler/apis/config/scheme and `framework/runtime` `getPluginArgsOrDefault`). A plugin
/// with new args is then its args type and its plugin file, with no case to add here.
public protocol PluginArguments: Codable, Hashable, Sendable {
    /// The field errors of these args, under `path` (`profiles[0].pluginConfig[1].args`), as
    /// k/k pkg/scheduler/apis/config/validation/validation_pluginargs.go reports them. None by
    /// default.
    func validate(path: String) -> [FieldError]
}

extension PluginArguments {
    /// No field errors.
    public func validate(path: String) -> [FieldError] { [] }
}

/// The args of a plugin with no args type of its own: kept as written.
extension JSONValue: PluginArguments {}

/// One plugin's configured args, of the type its plugin declares (or ``JSONValue``).
public struct PluginArgs: Hashable, Sendable {
    /// The args value.
    public let value: any PluginArguments

    /// Wraps `value`.
    public init(_ value: some PluginArguments) { self.value = value }

    /// The args as `type`, nil when they are of another type.
    public func `as`<Args: PluginArguments>(_ type: Args.Type) -> Args? { value as? Args }

    /// Equal when of the same type and equal.
    public static func == (lhs: PluginArgs, rhs: PluginArgs) -> Bool {
        AnyHashable(lhs.value) == AnyHashable(rhs.value)
    }

    /// Hashes the value.
    public func hash(into hasher: inout Hasher) { AnyHashable(value).hash(into: &hasher) }
}

/// The args type of each plugin that has one, by plugin name: what a `pluginConfig` entry's
/// `args` decode as (entries of other plugins stay ``JSONValue``).
public struct PluginArgsTypes: Sendable {
    /// Args types by plugin name (matched exactly, as `pluginConfig` names are).
    public let types: [String: any PluginArguments.Type]

    /// A table of args types.
    public init(_ types: [String: any PluginArguments.Type] = [:]) { self.types = types }

    /// The decoder `userInfo` key under which ``PluginConfig`` finds the table.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "kubesim.PluginArgsTypes")!
}
