/// Feature switches that change validation.
public struct ValidationOptions: Hashable, Sendable {
    /// The ContainerRestartRules feature (alpha in 1.34): per-container `restartPolicy` on
    /// regular containers and `restartPolicyRules`.
    public var containerRestartRules: Bool

    /// The plugin names a `KubeSchedulerConfiguration` may use: the scheduler's registry
    /// (`Scheduler.pluginNames` in ClusterComponents, the one list of plugins), which this layer
    /// cannot see. nil leaves plugin names unchecked.
    public var schedulerPlugins: SchedulerPluginNames?

    /// Creates options; features default to off as in Kubernetes 1.34.
    public init(containerRestartRules: Bool = false, schedulerPlugins: SchedulerPluginNames? = nil) {
        self.containerRestartRules = containerRestartRules
        self.schedulerPlugins = schedulerPlugins
    }
}

/// The names of the scheduler plugins a configuration may enable, disable or configure.
public struct SchedulerPluginNames: Hashable, Sendable {
    /// Every accepted name, sorted (listed in "supported values" messages).
    public let names: [String]
    /// Lower-cased names matched whatever their case (kubesim's own plugins, as `--policy`
    /// names are); the others match exactly, as kube-scheduler's registry does.
    public let caseInsensitive: Set<String>

    /// Creates the set from exact names and names matched whatever their case.
    public init(exact: [String], caseInsensitive: [String]) {
        names = (exact + caseInsensitive).sorted()
        self.caseInsensitive = Set(caseInsensitive.map { $0.lowercased() })
    }

    /// Whether a configuration may name `plugin`.
    public func contains(_ plugin: String) -> Bool {
        names.contains(plugin) || caseInsensitive.contains(plugin.lowercased())
    }
}
