import KubeModel

/// A placement policy for benchmarks and `--policy`: the default hard constraints (all
/// default filters, preemption) plus one decision rule.
///
/// `default` is kube-scheduler's default profile; the others replace every default score
/// plugin by one policy score plugin (weight 1) and score all feasible nodes
/// (`percentageOfNodesToScore: 100`), so only the decision rule differs.
public struct SchedulerPolicy: Hashable, Sendable {
    /// Canonical lower-case name.
    public let name: String
    /// The score plugin name, nil for `default`.
    let plugin: String?

    /// The names accepted by ``named(_:)``: `default`, then every registered placement policy
    /// (``PluginRegistry``, plugins with `isPlacementPolicy`) by its lower-cased name.
    public static let allNames =
        ["default"] + PluginRegistry.entries.filter(\.isPlacementPolicy).map { $0.name.lowercased() }

    /// Looks a policy up by name, case-insensitively: `default` (or `kube-scheduler`), or a
    /// placement policy plugin's name or alias (`tetris` is ``DotProduct``'s).
    public static func named(_ name: String) -> SchedulerPolicy? {
        let key = name.lowercased()
        if key == "default" || key == "kube-scheduler" { return SchedulerPolicy(name: "default", plugin: nil) }
        guard let id = PluginRegistry.id(named: key),
            let entry = PluginRegistry.entries.first(where: { $0.id == id }), entry.isPlacementPolicy
        else { return nil }
        return SchedulerPolicy(name: entry.name.lowercased(), plugin: entry.name)
    }

    /// The profile that implements the policy under `schedulerName`.
    public func profile(schedulerName: String = "default-scheduler") -> KubeSchedulerProfile {
        guard let plugin else { return KubeSchedulerProfile(schedulerName: schedulerName) }
        return KubeSchedulerProfile(
            schedulerName: schedulerName, percentageOfNodesToScore: 100,
            plugins: Plugins(
                score: PluginSet(enabled: [Plugin(name: plugin, weight: 1)], disabled: [Plugin(name: "*")])))
    }
}
