import Foundation
import Testing

@testable import Experiments

/// The bundled workloads of `scenarios/benchmarks`: they load, run, and do what their comments
/// promise (the critical burst preempts).
@Suite struct BundledSuiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var suitePath: String { root.appendingPathComponent("scenarios/benchmarks").path }

    @Test("the CI suite and the large suite load without errors")
    func loads() throws {
        let suite = try BenchmarkSuite(directory: Self.suitePath)
        #expect(
            suite.workloads.map(\.name) == ["01-web-bursty", "02-batch-waves", "03-gpu-jobs", "04-mixed-priorities"])
        let large = try BenchmarkSuite(directory: Self.suitePath + "/large")
        #expect(large.workloads.first?.input.scenario.effectiveNodePools.first?.count == 5000)
        #expect(throws: SweepError.self) { try BenchmarkSuite(directory: Self.suitePath, only: ["no-such-workload"]) }
    }

    @Test("the mixed-priorities burst preempts lower-priority pods under the default scheduler")
    func preemption() throws {
        let suite = try BenchmarkSuite(directory: Self.suitePath, only: ["mixed-priorities"])
        let outcome = ScenarioRun.run(
            RunConfiguration(input: suite.workloads[0].input, policy: try PolicyChoice(parsing: "default")),
            seed: suite.workloads[0].input.scenario.seed)
        #expect(outcome.status == .completed, "\(outcome.message)")
        let preempted = try #require(MetricCatalog.index(of: "pods.preempted"))
        let created = try #require(MetricCatalog.index(of: "pods.created"))
        #expect(outcome.value(created) > 0)
        #expect(outcome.value(preempted) > 0)
    }

    @Test("GPU jobs run under a packing policy and pods are placed")
    func gpu() throws {
        let suite = try BenchmarkSuite(directory: Self.suitePath, only: ["gpu"])
        let outcome = ScenarioRun.run(
            RunConfiguration(input: suite.workloads[0].input, policy: try PolicyChoice(parsing: "bestfit")),
            seed: suite.workloads[0].input.scenario.seed)
        #expect(outcome.status == .completed, "\(outcome.message)")
        #expect(outcome.value(MetricCatalog.index(of: "pods.scheduled")!) > 0)
        #expect(outcome.value(MetricCatalog.index(of: "nodes.total")!) == 8)
    }
}
