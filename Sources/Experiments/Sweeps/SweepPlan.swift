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

    /// Creates a plan and checks that every point applies to the scenario and passes the checks
    /// `kubesim run` makes (``ScenarioInput/scenarioChecks(_:objects:)``), so a point whose
    /// actions name a node it removed fails before the sweep's first run, with the point named.
    /// - Throws: the first ``SweepError`` met.
    public init(
        scenarioName: String, scenarioHash: String, base: RunConfiguration, points: [ParameterPoint], replications: Int
    ) throws(SweepError) {
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.base = base
        self.points = points
        self.replications = replications
        for point in points { try Self.check(configuration(for: point), point: point) }
    }

    /// Throws ``SweepError/invalidPoint(point:errors:)`` if `run` would refuse the point.
    static func check(_ configuration: RunConfiguration, point: ParameterPoint) throws(SweepError) {
        let input = configuration.input
        let errors = ScenarioInput.scenarioChecks(input.scenario, objects: input.objects).filter {
            $0.severity == .error
        }
        if !errors.isEmpty { throw .invalidPoint(point: point.label, errors: errors.map(\.description)) }
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

    /// The index of a task in ``tasks()``.
    public func taskIndex(of task: RunTask) -> Int { task.pointIndex * replications + task.replication }
}
