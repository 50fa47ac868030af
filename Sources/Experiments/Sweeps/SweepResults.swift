/// The metric values of a sweep's runs, by point and replication: what tables, paired
/// differences and the capacity search read.
public struct SweepResults: Sendable {
    /// The points, in plan order.
    public var points: [ParameterPoint]
    /// Per point: replication → metric values (catalog order), completed runs only.
    public var values: [[Int: [Double]]]
    /// Per point: number of failed runs.
    public var failures: [Int]

    /// Creates results.
    public init(points: [ParameterPoint], values: [[Int: [Double]]], failures: [Int]) {
        self.points = points
        self.values = values
        self.failures = failures
    }

    /// Gathers the stored runs of the plan's tasks.
    public init(plan: SweepPlan, tasks: [RunTask], stored: [SweepStore.StoredRun]) {
        var byKey: [SweepStore.RunKey: SweepStore.StoredRun] = [:]
        for run in stored { byKey[SweepStore.RunKey(parameters: run.parameters, seed: run.seed)] = run }
        points = plan.points
        values = Array(repeating: [:], count: plan.points.count)
        failures = Array(repeating: 0, count: plan.points.count)
        for task in tasks {
            guard let run = byKey[SweepStore.RunKey(parameters: task.point.json, seed: task.seed)] else { continue }
            switch run.status {
            case .completed: values[task.pointIndex][task.replication] = run.metrics
            case .failed: failures[task.pointIndex] += 1
            case .interrupted: break
            }
        }
    }

    /// replication → value of one metric at one point.
    public func metric(_ metric: Int, at point: Int) -> [Int: Double] {
        values[point].mapValues { $0[metric] }
    }

    /// Mean and interval of a metric at a point (replications in order).
    public func estimate(_ metric: Int, at point: Int, confidence: Double = 0.95) -> MeanEstimate {
        let byReplication = self.metric(metric, at: point)
        return MeanEstimate(byReplication.keys.sorted().map { byReplication[$0]! }, confidence: confidence)
    }

    /// Paired difference (point − first point) of a metric.
    public func pairedDifference(_ metric: Int, at point: Int, confidence: Double = 0.95) -> PairedDifference {
        PairedDifference(
            values: self.metric(metric, at: point), baseline: self.metric(metric, at: 0), confidence: confidence)
    }
}
