import Foundation
import KubeModel
import Testing

@testable import Experiments

@Suite struct PolicyBenchmarkTests {
    @Test(
        "policy names resolve",
        arguments: [
            "default", "mostallocated", "requestedtocapacityratio", "firstfit", "bestfit", "random", "dotproduct",
        ])
    func names(name: String) throws {
        #expect(try PolicyChoice(parsing: name).name == name)
    }

    @Test("MostAllocated is NodeResourcesFit's scoring strategy in the default profile")
    func mostAllocated() throws {
        guard case .configuration(_, let configuration) = try PolicyChoice(parsing: "MostAllocated") else {
            Issue.record("not a configuration")
            return
        }
        let args = try #require(
            configuration.profiles.first?.args(for: "NodeResourcesFit", as: NodeResourcesFitArgs.self))
        #expect(args.scoringStrategy?.type == "MostAllocated")
        #expect(configuration.profiles.first?.schedulerName == "default-scheduler")
    }

    @Test("unknown policies and missing files are errors")
    func errors() {
        #expect(throws: SweepError.self) { try PolicyChoice(parsing: "fastest") }
        #expect(throws: SweepError.self) { try PolicyChoice(parsing: "/nonexistent/scheduler.yaml") }
    }

    @Test("a KubeSchedulerConfiguration file is a policy named after the file")
    func configurationFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("packing.yaml")
        try """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
          pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: MostAllocated
        """.write(to: file, atomically: true, encoding: .utf8)
        let choice = try PolicyChoice(parsing: file.path)
        #expect(choice.name == "packing")
    }

    @Test("the matrix shares seeds across policies (common random numbers)")
    func commonRandomNumbers() throws {
        let path = try TestScenario.write()
        let suite = try BenchmarkSuite(directory: (path as NSString).deletingLastPathComponent)
        let benchmark = PolicyBenchmark(
            suite: suite, policies: [try PolicyChoice(parsing: "default"), try PolicyChoice(parsing: "bestfit")],
            replications: 3)
        let cells = benchmark.cells
        #expect(cells.count == 6)
        for r in 0..<3 {
            let seeds = Set(cells.filter { $0.replication == r }.map(\.seed))
            #expect(seeds.count == 1)
        }
        #expect(Set(cells.map(\.seed)).count == 3)
    }

    @Test("the comparison table and CSV from fake runs")
    func table() throws {
        let path = try TestScenario.write()
        let suite = try BenchmarkSuite(directory: (path as NSString).deletingLastPathComponent)
        let benchmark = PolicyBenchmark(
            suite: suite, policies: [try PolicyChoice(parsing: "default"), try PolicyChoice(parsing: "firstfit")],
            replications: 2)
        let placement = MetricCatalog.index(of: "placement")!
        let results = benchmark.run(
            jobs: 2,
            run: { cell, _, _ in
                var metrics = Array(repeating: 0.0, count: MetricCatalog.all.count)
                metrics[placement] = cell.policy == 0 ? 1 : 0.5 + 0.1 * Double(cell.replication)
                return RunOutcome(status: .completed, metrics: metrics)
            })
        #expect(results.outcomes.count == 4)
        #expect(results.values(placement, workload: 0, policy: 1) == [0: 0.5, 1: 0.6])
        let table = results.table()
        #expect(table.contains("tiny"))
        #expect(table.contains("firstfit"))
        #expect(table.contains("100.0%"))
        // 0.55 ± t(0.975, 1)·0.0707107/√2 = 0.55 ± 0.635310 → "55.0% ± 63.5%".
        #expect(table.contains("55.0% ± 63.5%"))
        let csv = results.csv().split(separator: "\n")
        #expect(csv.count == 5)
        #expect(csv[0].hasPrefix("workload,policy,replication,seed,status,"))
    }
}
