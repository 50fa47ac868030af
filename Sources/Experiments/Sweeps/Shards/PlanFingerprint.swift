import Foundation
import SimulationCore

/// What makes two shards parts of one sweep: the scenario's files, the points, the
/// replications, the recorded metrics, the imposed policy and kubesim's version. Shards whose
/// fingerprints differ are never merged.
public struct PlanFingerprint: Sendable, Hashable, Codable {
    /// The scenario's name.
    public var scenario: String
    /// ``ScenarioFingerprint`` of its files.
    public var scenarioHash: String
    /// The imposed policy (`--policy`) and a fingerprint of its file, or empty.
    public var policy: String
    /// Every point's canonical JSON, in plan order.
    public var points: [String]
    /// Replications per point.
    public var replications: Int
    /// The recorded metric columns, in catalog order.
    public var metrics: [String]
    /// ``KubeSimVersion/current`` of the process that made the plan.
    public var version: String
    /// For a plan over several scenarios (`bench policies`): the ``ScenarioFingerprint`` of
    /// each, as its runs are stored; `nil` for a sweep (its runs carry ``scenarioHash``).
    public var workloadHashes: [String]?

    /// The `scenario_hash` values the plan's runs are stored under.
    public var storedScenarioHashes: [String] { workloadHashes ?? [scenarioHash] }

    /// The fingerprint of a plan.
    /// - Parameters:
    ///   - plan: the sweep.
    ///   - policy: a description of the imposed policy (its name and, for a file, its contents' hash).
    public init(plan: SweepPlan, policy: String = "") {
        scenario = plan.scenarioName
        scenarioHash = plan.scenarioHash
        self.policy = policy
        points = plan.points.map(\.json)
        replications = plan.replications
        metrics = MetricCatalog.all.map(\.column)
        version = KubeSimVersion.current
        workloadHashes = nil
    }

    /// A fingerprint of another kind of plan (`bench policies`).
    /// - Parameters:
    ///   - scenario: a name for the plan.
    ///   - workloadHashes: the ``ScenarioFingerprint`` of every scenario, in order.
    ///   - policy: the policies, as text.
    ///   - points: every task group's identity, in order; the plan has `points.count × replications` tasks.
    public init(scenario: String, workloadHashes: [String], policy: String, points: [String], replications: Int) {
        self.scenario = scenario
        var hash = FNV1a()
        hash.mix(workloadHashes.joined(separator: ",").utf8)
        scenarioHash = hash.hex
        self.policy = policy
        self.points = points
        self.replications = replications
        metrics = MetricCatalog.all.map(\.column)
        version = KubeSimVersion.current
        self.workloadHashes = workloadHashes
    }

    /// The number of tasks in the plan.
    public var taskCount: Int { points.count * replications }

    /// Canonical JSON (sorted keys): what is stored and hashed.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// FNV-1a 64 of ``json``, 16 hex digits.
    public var digest: String {
        var hash = FNV1a()
        hash.mix(json.utf8)
        return hash.hex
    }

    /// Decodes stored JSON.
    public static func decode(_ json: String) -> PlanFingerprint? {
        try? JSONDecoder().decode(PlanFingerprint.self, from: Data(json.utf8))
    }

    /// The fields in which `other` differs, in words, for an error message.
    public func differences(from other: PlanFingerprint) -> [String] {
        var out: [String] = []
        if scenario != other.scenario { out.append("scenario \(other.scenario) ≠ \(scenario)") }
        if scenarioHash != other.scenarioHash {
            out.append("scenario files \(other.scenarioHash) ≠ \(scenarioHash) (edited since?)")
        }
        if policy != other.policy { out.append("policy \"\(other.policy)\" ≠ \"\(policy)\"") }
        if points != other.points { out.append("points (\(other.points.count) ≠ \(points.count), or other values)") }
        if replications != other.replications {
            out.append("replications \(other.replications) ≠ \(replications)")
        }
        if metrics != other.metrics { out.append("metric columns") }
        if version != other.version { out.append("kubesim \(other.version) ≠ \(version)") }
        return out
    }
}
