import ClusterComponents
import Foundation
import Scenarios
import SimulationOutput
import Testing

/// Realistic timing reproduces published measurements of real clusters (docs/calibration.md;
/// the figures and their set-ups are in each scenario under `scenarios/calibration/`). Each
/// bound is the published range, or ±25% of a single published figure.
@Suite(.serialized) struct CalibrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs a calibration scenario and returns its summary's latencies.
    static func run(_ name: String) throws -> RunSummary.Latencies {
        let path = root.appendingPathComponent("scenarios/calibration/\(name).yaml").path
        let input = ScenarioInput.load(paths: [path])
        #expect(input.diagnostics.filter { $0.severity == .error }.isEmpty)
        let runner = ScenarioRunner(input: input)
        let outputs = try RunOutputs(directory: nil, scenarioName: input.scenario.name, options: .summaryOnly)
        outputs.attach(to: runner.cluster)
        _ = runner.run()
        return try outputs.finish(cluster: runner.cluster, wallSeconds: 0).summary.latency
    }

    /// `figure` ± 25%.
    static func around(_ figure: Double) -> ClosedRange<Double> { (figure * 0.75)...(figure * 1.25) }

    @Test("T4: a pod on an idle node starts in 1.80 s on average (k/k PR 137362, kind)")
    func idlePod() throws {
        let startup = try Self.run("idle-pod").podStartupSLO
        #expect(startup.count == 1000)
        #expect(Self.around(1.798).contains(startup.mean), "mean \(startup.mean)")
    }

    @Test("T4 with 1.36's on-demand relist: 1.14 s on average (k/k PR 137362)")
    func idlePodOnDemandRelist() throws {
        let startup = try Self.run("idle-pod-1.36").podStartupSLO
        #expect(Self.around(1.136).contains(startup.mean), "mean \(startup.mean)")
    }

    @Test("T5: creation to scheduled on an idle cluster, between kind's 5 ms and 2017's p99 27 ms")
    func createToScheduled() throws {
        let scheduling = try Self.run("idle-pod").scheduling
        let p50 = try #require(scheduling.p50)
        #expect((0.005...0.027).contains(p50), "p50 \(p50)")
    }

    @Test("T7: the binding duration on an idle cluster: p50 10.8 ms, p99 50 ms (scheduler_perf, k/k PR 85455)")
    func idleBinding() throws {
        let binding = try #require(try Self.run("idle-pod").binding)
        let p50 = try #require(binding.p50)
        let p99 = try #require(binding.p99)
        #expect(Self.around(0.01075).contains(p50), "p50 \(p50)")
        #expect(Self.around(0.0503).contains(p99), "p99 \(p99)")
    }

    @Test("T18: 100 pods on one node at kubelet QPS 5: all Ready in 67.5 s, first in 22 s (bottlerocket PR 2436)")
    func kubeletQPS5() throws {
        let startup = try Self.run("kubelet-qps-5").podStartupSLO
        let all = try #require(startup.max)
        #expect(Self.around(67.5).contains(all), "all Ready \(all)")
        #expect(Self.around(22).contains(startup.min), "first Ready \(startup.min)")
    }

    @Test("T18: the same at kubelet QPS 10: all Ready in 32.8 s, first in 10 s")
    func kubeletQPS10() throws {
        let startup = try Self.run("kubelet-qps-10").podStartupSLO
        let all = try #require(startup.max)
        #expect(Self.around(32.8).contains(all), "all Ready \(all)")
        #expect(Self.around(10).contains(startup.min), "first Ready \(startup.min)")
    }

    @Test("T1: pod startup SLI at 5 pods/s on 100 nodes: p50 1.2–2.2, p90 1.7–3.0, p99 2.0–4.3 s")
    func startup100Nodes() throws {
        let startup = try Self.run("startup-100-nodes").podStartupSLO
        let p50 = try #require(startup.p50)
        let p90 = try #require(startup.p90)
        let p99 = try #require(startup.p99)
        #expect((1.2...2.2).contains(p50), "p50 \(p50)")
        #expect((1.7...3.0).contains(p90), "p90 \(p90)")
        #expect((2.0...4.3).contains(p99), "p99 \(p99)")
    }

    @Test("T9: scheduling throughput ≈ 100 pods/s at client QPS 100 (k/k PR 74041), ≈ 50 by default")
    func schedulerThroughput() throws {
        let raised = try #require(try Self.run("scheduler-throughput").scheduling.max)
        #expect(Self.around(100).contains(1500 / raised), "\(1500 / raised) pods/s")
        let defaults = try #require(try Self.run("scheduler-throughput-default").scheduling.max)
        #expect(Self.around(50).contains(1500 / defaults), "\(1500 / defaults) pods/s")
    }
}
