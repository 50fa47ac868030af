import ClusterComponents
import Foundation
import KubeModel
import Scenarios

/// A scheduler policy to impose on a run: a built-in policy of the benchmark suite, a
/// NodeResourcesFit scoring strategy of kube-scheduler, or a KubeSchedulerConfiguration file.
///
/// Names: `default`, `mostallocated`, `requestedtocapacityratio` (kube-scheduler's
/// NodeResourcesFit strategies, the rest of the default profile unchanged), and the
/// ``SchedulerPolicy`` names (`firstfit`, `bestfit`, `worstfit`, `random`, `dotproduct`). Any
/// value ending in `.yaml`/`.yml` is read as a KubeSchedulerConfiguration and replaces the
/// scenario's own.
public enum PolicyChoice: Sendable, Hashable {
    /// A ``SchedulerPolicy`` installed on the default profile.
    case builtin(SchedulerPolicy)
    /// A whole scheduler configuration (named for tables).
    case configuration(name: String, KubeSchedulerConfiguration)

    /// The names accepted besides files.
    public static var names: [String] {
        var names = ["default", "mostallocated", "requestedtocapacityratio"]
        names += SchedulerPolicy.allNames.filter { !names.contains($0) }
        return names
    }

    /// The name shown in tables and stored with runs.
    public var name: String {
        switch self {
        case .builtin(let policy): policy.name
        case .configuration(let name, _): name
        }
    }

    /// Parses a name or a configuration file path.
    /// - Parameters:
    ///   - text: `mostallocated`, `bestfit`, `my-config.yaml`, ….
    ///   - baseDirectory: where relative file paths resolve.
    /// - Throws: ``SweepError/policy(_:)``.
    public init(parsing text: String, baseDirectory: String = ".") throws(SweepError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(".yaml") || trimmed.hasSuffix(".yml") {
            self = try Self.load(file: trimmed, baseDirectory: baseDirectory)
            return
        }
        switch trimmed.lowercased() {
        case "mostallocated":
            self = .configuration(name: "mostallocated", Self.nodeResourcesFit(ScoringStrategy(type: "MostAllocated")))
        case "requestedtocapacityratio":
            // The bin-packing shape of the kube-scheduler docs ("Resource Bin Packing"):
            // utilisation 0 → score 0, 100 → 10.
            let shape = [
                UtilizationShapePoint(utilization: 0, score: 0), UtilizationShapePoint(utilization: 100, score: 10),
            ]
            self = .configuration(
                name: "requestedtocapacityratio",
                Self.nodeResourcesFit(
                    ScoringStrategy(
                        type: "RequestedToCapacityRatio",
                        resources: [ResourceSpec(name: "cpu", weight: 1), ResourceSpec(name: "memory", weight: 1)],
                        requestedToCapacityRatio: RequestedToCapacityRatioParam(shape: shape))))
        default:
            guard let policy = SchedulerPolicy.named(trimmed) else {
                throw .policy(
                    "unknown policy \"\(trimmed)\": expected one of \(Self.names.joined(separator: ", ")) or a KubeSchedulerConfiguration .yaml file"
                )
            }
            self = .builtin(policy)
        }
    }

    /// The default profile with a NodeResourcesFit scoring strategy.
    static func nodeResourcesFit(_ strategy: ScoringStrategy) -> KubeSchedulerConfiguration {
        let profile = KubeSchedulerProfile(
            pluginConfig: [
                PluginConfig(
                    name: "NodeResourcesFit", args: PluginArgs(NodeResourcesFitArgs(scoringStrategy: strategy)))
            ])
        return KubeSchedulerConfiguration(profiles: [profile])
    }

    static func load(file: String, baseDirectory: String) throws(SweepError) -> PolicyChoice {
        let path = file.hasPrefix("/") ? file : (baseDirectory as NSString).appendingPathComponent(file)
        let loaded = ManifestLoader(options: .scheduling).load(paths: [path])
        if let error = loaded.diagnostics.first(where: { $0.severity == .error }) {
            throw .policy("\(error)")
        }
        let configurations = loaded.objects.compactMap { item -> KubeSchedulerConfiguration? in
            if case .schedulerConfiguration(let configuration) = item.object { return configuration }
            return nil
        }
        guard configurations.count == 1 else {
            throw .policy("\(file): expected exactly one KubeSchedulerConfiguration, found \(configurations.count)")
        }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return .configuration(name: name, configurations[0])
    }

    /// Before the runner is built: a configuration replaces the scenario's own (the runner uses
    /// the last KubeSchedulerConfiguration object it is given).
    public func prepare(_ input: inout ScenarioInput) {
        guard case .configuration(_, let configuration) = self else { return }
        input.objects.removeAll { if case .schedulerConfiguration = $0.object { true } else { false } }
        input.objects.append(
            LoadedObject(
                object: .schedulerConfiguration(configuration), location: SourceLocation(file: "--policy \(name)")))
    }

    /// After the runner is built and before it runs: a built-in policy replaces the default
    /// profile's decision rule.
    public func install(in cluster: Cluster) {
        guard case .builtin(let policy) = self else { return }
        cluster.scheduler.usePolicy(policy)
    }
}
