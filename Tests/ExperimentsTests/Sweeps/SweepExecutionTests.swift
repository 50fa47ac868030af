import Foundation
import Synchronization
import Testing

@testable import Experiments

/// The sweep machinery with a fake run function: the metric is a known function of the point
/// and the replication, so every number below is computed by hand.
@Suite struct SweepExecutionTests {
    /// startup.p99 = 10 / nodes + replication; counts the calls.
    final class FakeRuns: Sendable {
        let calls = Mutex<[String]>([])
        var run: SweepExecution.RunFunction {
            { task, configuration, _ in
                let nodes = Double(configuration.input.scenario.nodePools![0].count)
                self.calls.withLock { $0.append("\(task.point.label) r\(task.replication)") }
                var metrics = Array(repeating: 0.0, count: MetricCatalog.all.count)
                metrics[MetricCatalog.index(of: "startup.p99")!] = 10 / nodes + Double(task.replication)
                metrics[MetricCatalog.index(of: "nodes.total")!] = nodes
                metrics[MetricCatalog.index(of: "startup.p50")!] = .infinity
                metrics[MetricCatalog.index(of: "startup.mean")!] = .nan
                return RunOutcome(status: .completed, metrics: metrics, message: "durationElapsed")
            }
        }
        var count: Int { calls.withLock { $0.count } }
    }

    func plan(_ values: String = "1,2,5", replications: Int = 3) throws -> SweepPlan {
        let (path, input) = try TestScenario.input()
        return try SweepPlan(
            scenarioName: "tiny", scenarioHash: ScenarioFingerprint.fingerprint(paths: [path], input: input),
            base: RunConfiguration(input: input),
            points: ParameterPoint.cartesianProduct([try SweepAxis(parsing: "spec.nodes[worker].count=\(values)")]),
            replications: replications)
    }

    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString).db").path
    }

    @Test("all runs execute in parallel and every one is stored")
    func runsAll() throws {
        let plan = try plan()
        let fake = FakeRuns()
        let store = try SweepStore(path: nil)
        let report = try SweepExecution.execute(plan, store: store, jobs: 3, run: fake.run)
        #expect(report.total == 9 && report.ran == 9 && report.skipped == 0)
        #expect(fake.count == 9)
        #expect(try store.count() == 9)
        let metric = MetricCatalog.index(of: "startup.p99")!
        // Point nodes=2: values 5, 6, 7 → mean 6, s = 1, half-width t(0.975, 2)·1/√3 = 4.302653/√3.
        let estimate = report.results.estimate(metric, at: 1)
        #expect(estimate.mean == 6)
        #expect(abs(estimate.halfWidth - 4.302653 / 3.0.squareRoot()) < 1e-5)
        // Paired nodes=5 − nodes=1: 2 − 10 = −8 in every replication, no spread.
        let difference = report.results.pairedDifference(metric, at: 2)
        #expect(difference.estimate.mean == -8)
        #expect(difference.estimate.halfWidth == 0)
    }

    @Test("resume: a database holding some runs runs only the rest")
    func resume() throws {
        let plan = try plan()
        let path = temporaryDatabase()
        let first = FakeRuns()
        let tasks = try plan.tasks()
        // An interrupted sweep that finished 4 runs.
        _ = try SweepExecution.execute(
            plan, tasks: Array(tasks.prefix(4)), store: try SweepStore(path: path), jobs: 2, run: first.run)
        #expect(first.count == 4)
        // Re-opened from the file, as a new process would.
        let second = FakeRuns()
        let report = try SweepExecution.execute(plan, store: try SweepStore(path: path), jobs: 2, run: second.run)
        #expect(second.count == 5)
        #expect(report.skipped == 4 && report.ran == 5)
        #expect(report.results.values.map(\.count) == [3, 3, 3])
        let done = Set(tasks.prefix(4).map { "\($0.point.label) r\($0.replication)" })
        #expect(Set(second.calls.withLock { $0 }).isDisjoint(with: done))
        // A third run has nothing left to do.
        let third = FakeRuns()
        _ = try SweepExecution.execute(plan, store: try SweepStore(path: path), jobs: 2, run: third.run)
        #expect(third.count == 0)
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test("an edited scenario does not reuse stored runs")
    func fingerprint() throws {
        let plan = try plan("1", replications: 2)
        let store = try SweepStore(path: nil)
        _ = try SweepExecution.execute(plan, store: store, jobs: 1, run: FakeRuns().run)
        var edited = plan
        edited.scenarioHash = "0000000000000000"
        let fake = FakeRuns()
        _ = try SweepExecution.execute(edited, store: store, jobs: 1, run: fake.run)
        #expect(fake.count == 2)
    }

    @Test("interrupted runs are not stored; failed runs are stored and counted")
    func statuses() throws {
        let plan = try plan("1,2", replications: 2)
        let store = try SweepStore(path: nil)
        let report = try SweepExecution.execute(
            plan, store: store, jobs: 1,
            run: { task, _, _ in
                task.pointIndex == 0 ? RunOutcome(status: .interrupted) : RunOutcome(status: .failed, message: "boom")
            })
        #expect(try store.count() == 2)
        #expect(report.results.failures == [0, 2])
        #expect(report.results.values.map(\.count) == [0, 0])
    }

    @Test("infinite and undefined values survive the database; CSV writes inf and empty cells")
    func csvAndTable() throws {
        let plan = try plan("1,2", replications: 2)
        let store = try SweepStore(path: nil)
        let report = try SweepExecution.execute(plan, store: store, jobs: 2, run: FakeRuns().run)
        let p50 = MetricCatalog.index(of: "startup.p50")!
        let mean = MetricCatalog.index(of: "startup.mean")!
        #expect(report.results.values[0][0]?[p50] == .infinity)
        #expect(report.results.values[0][0]?[mean].isNaN == true)
        let csv = SweepCSV.render(plan: plan, tasks: try plan.tasks(), results: report.results)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("spec.nodes[worker].count,replication,seed,status,startup_p50,"))
        #expect(lines[1].hasPrefix("1,0,7,completed,inf,"))
        let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let cells = lines[3].split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells[columns.firstIndex(of: "startup_p99")!] == "5.0")
        #expect(cells[columns.firstIndex(of: "startup_mean")!] == "")
        let table = SweepSummaryTable(results: report.results, metrics: [MetricCatalog.index(of: "startup.p99")!])
            .render()
        #expect(table.contains("nodes[worker]=1"))
        #expect(table.contains("paired differences"))
        #expect(table.contains("-5.00s ± 0s *") || table.contains("-5.00s"))
    }
}
