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

    /// The names accepted by ``named(_:)``.
    public static let allNames = [
        "default", "firstfit", "bestfit", "worstfit", "random", "dotproduct", "gpubestfit", "fgd",
    ]

    /// Looks a policy up by name (case-insensitive; `tetris` is an alias of `dotproduct`).
    public static func named(_ name: String) -> SchedulerPolicy? {
        switch name.lowercased() {
        case "default", "kube-scheduler": SchedulerPolicy(name: "default", plugin: nil)
        case "firstfit": SchedulerPolicy(name: "firstfit", plugin: "FirstFit")
        case "bestfit": SchedulerPolicy(name: "bestfit", plugin: "BestFit")
        case "worstfit": SchedulerPolicy(name: "worstfit", plugin: "WorstFit")
        case "random": SchedulerPolicy(name: "random", plugin: "Random")
        case "dotproduct", "tetris": SchedulerPolicy(name: "dotproduct", plugin: "DotProduct")
        // GPU sharing (the FGD artifact's BestFitScore and FGDScore: Plugins/GPUBestFit.swift, Plugins/FGD.swift).
        case "gpubestfit": SchedulerPolicy(name: "gpubestfit", plugin: "GPUBestFit")
        case "fgd": SchedulerPolicy(name: "fgd", plugin: "FGD")
        default: nil
        }
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
