import Foundation
import Testing

@testable import Experiments

/// A real sweep: 2 points × 2 replications of the tiny scenario through the runner.
@Suite struct EndToEndSweepTests {
    @Test("2 points × 2 replications run, store and compare")
    func tinySweep() throws {
        let (path, input) = try TestScenario.input()
        #expect(!input.hasErrors, "\(input.diagnostics)")
        let plan = try SweepPlan(
            scenarioName: input.scenario.name,
            scenarioHash: ScenarioFingerprint.fingerprint(paths: [path], input: input),
            base: RunConfiguration(input: input),
            points: ParameterPoint.cartesianProduct([try SweepAxis(parsing: "spec.nodes[worker].count=1,3")]),
            replications: 2)
        let store = try SweepStore(path: nil)
        let report = try SweepExecution.execute(plan, store: store, jobs: 2)
        #expect(report.ran == 4)
        #expect(report.results.values.map(\.count) == [2, 2], "failures: \(report.results.failures)")
        let total = try #require(MetricCatalog.index(of: "nodes.total"))
        let created = try #require(MetricCatalog.index(of: "pods.created"))
        // Pool worker 1 or 3 nodes plus the one big node.
        #expect(report.results.values[0][0]?[total] == 2)
        #expect(report.results.values[1][0]?[total] == 4)
        // Common random numbers: the same pods arrive at both points (at most the workload's 20).
        for replication in 0..<2 {
            let atOne = try #require(report.results.values[0][replication]?[created])
            #expect(atOne > 0 && atOne <= 20)
            #expect(report.results.values[1][replication]?[created] == atOne)
        }
        // Same seed, same configuration ⇒ same metrics (apart from wall-clock ones).
        let again = ScenarioRun.run(try plan.configuration(for: plan.points[1]), seed: try plan.tasks()[2].seed)
        let deterministic = MetricCatalog.all.indices.filter {
            !["wall.seconds", "scheduler.decision_us"].contains(MetricCatalog.all[$0].name)
        }
        for index in deterministic {
            let stored = report.results.values[1][0]![index]
            let fresh = again.metrics[index]
            #expect(stored == fresh || (stored.isNaN && fresh.isNaN), "\(MetricCatalog.all[index].name)")
        }
    }
}
