import Scenarios

/// A sweep, fully described: the scenario, the points (cartesian product of the `--set` axes)
/// and the number of replications. Validates every point up front, so a typo in the last
/// value fails before the first run rather than an hour into the sweep.
public struct SweepPlan: Sendable {
    /// The scenario's name.
    public var scenarioName: String
    /// ``ScenarioFingerprint`` of its files.
    public var scenarioHash: String
    /// The scenario as loaded (no overrides) and the imposed policy, if any.
    public var base: RunConfiguration
    /// The points, in order; the first is the baseline of the paired differences.
    public var points: [ParameterPoint]
    /// Replications per point.
    public var replications: Int

    /// Creates a plan and checks that every point applies to the scenario.
    /// - Throws: the first ``SweepError`` met.
    public init(
        scenarioName: String, scenarioHash: String, base: RunConfiguration, points: [ParameterPoint], replications: Int
    ) throws(SweepError) {
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.base = base
        self.points = points
        self.replications = replications
        for point in points { _ = try configuration(for: point) }
    }

    /// The base with the point's overrides applied.
    public func configuration(for point: ParameterPoint) throws(SweepError) -> RunConfiguration {
        var configuration = base
        try point.apply(to: &configuration)
        return configuration
    }

    /// Every run: points in order, replications in order within each point. Replication r's
    /// seed comes from the point's scenario seed (the scenario's, unless `spec.seed` is swept)
    /// and r only (``ReplicationSeed``).
    public func tasks() throws(SweepError) -> [RunTask] {
        var tasks: [RunTask] = []
        for (index, point) in points.enumerated() {
            let base = try configuration(for: point).input.scenario.seed
            for replication in 0..<replications {
                tasks.append(
                    RunTask(
                        pointIndex: index, point: point, replication: replication,
                        seed: ReplicationSeed.seed(base: base, replication: replication)))
            }
        }
        return tasks
    }
}
