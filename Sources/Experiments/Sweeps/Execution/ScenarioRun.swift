import ClusterComponents
import Foundation
import Scenarios
import SimulationOutput

/// Runs one configuration with one seed and returns its metrics: what each worker of a sweep
/// or benchmark does. Everything it touches is created here, so runs on different threads
/// share nothing but the immutable inputs.
public enum ScenarioRun {
    /// Runs `configuration` with `seed`.
    /// - Parameters:
    ///   - configuration: the inputs with overrides and policy applied.
    ///   - seed: the replication's seed (overrides the scenario's).
    ///   - shouldStop: checked between chunks of simulated time (Ctrl-C).
    /// - Returns: a completed outcome with the metrics, or an interrupted or failed one.
    public static func run(
        _ configuration: RunConfiguration, seed: UInt64, shouldStop: @escaping () -> Bool = { false }
    ) -> RunOutcome {
        var input = configuration.input
        configuration.policy?.prepare(&input)
        let runner = ScenarioRunner(input: input, seed: seed)
        configuration.policy?.install(in: runner.cluster)
        let outputs: RunOutputs
        do {
            outputs = try RunOutputs(directory: nil, scenarioName: input.scenario.name, options: .summaryOnly)
        } catch {
            return RunOutcome(status: .failed, message: "\(error)")
        }
        outputs.attach(to: runner.cluster)
        let probe = RunProbe()
        probe.attach(to: runner.cluster)
        let started = DispatchTime.now().uptimeNanoseconds
        let ending = runner.run(shouldStop: shouldStop)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if ending == .interrupted { return RunOutcome(status: .interrupted, message: ending.rawValue) }
        let summary: RunSummary
        do {
            summary = try outputs.finish(cluster: runner.cluster, wallSeconds: wall).summary
        } catch {
            return RunOutcome(status: .failed, message: "\(error)")
        }
        let figures = probe.figures(cluster: runner.cluster, wallSeconds: wall)
        return RunOutcome(
            status: .completed, metrics: MetricCatalog.values(summary: summary, probe: figures),
            message: ending.rawValue)
    }
}
