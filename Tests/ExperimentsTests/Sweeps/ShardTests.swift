import Foundation
import GRDB
import Testing

@testable import Experiments

/// Sharded sweeps with real runs of the tiny scenario: shards partition the plan, and merging
/// their files gives the unsharded database row for row.
@Suite struct ShardTests {
    /// Columns that do not depend on the machine or the clock.
    static let deterministicColumns =
        ["scenario", "scenario_hash", "parameters", "point_label", "replication", "seed", "status", "message"]
        + MetricCatalog.all.filter { !["wall.seconds", "scheduler.decision_us"].contains($0.name) }.map(\.column)
        + ["task_index"]

    func plan(replications: Int = 3) throws -> SweepPlan {
        let (path, input) = try TestScenario.input()
        return try SweepPlan(
            scenarioName: "tiny", scenarioHash: ScenarioFingerprint.fingerprint(paths: [path], input: input),
            base: RunConfiguration(input: input),
            points: ParameterPoint.cartesianProduct([try SweepAxis(parsing: "spec.nodes[worker].count=1,2,3")]),
            replications: replications)
    }

    func temporaryFile(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// Runs shard `index` of `count` into `path` as `kubesim sweep --shard` does.
    func runShard(_ plan: SweepPlan, index: Int, count: Int, path: String) throws {
        let shard = try SweepShard(index: index, count: count)
        let file = ShardFile(path: path)
        let tasks = shard.select(try plan.tasks())
        try {
            let (store, isPartial) = try file.open(
                record: .init(fingerprint: PlanFingerprint(plan: plan), shardIndex: index, shardCount: count),
                taskIndexes: tasks.map(plan.taskIndex(of:)))
            #expect(isPartial)
            let report = try SweepExecution.execute(plan, tasks: tasks, store: store, jobs: 2)
            #expect(report.ran == tasks.count)
        }()
        try file.publish()
    }

    /// Every row, deterministic columns only, sorted by the run's identity.
    func rows(_ path: String) throws -> [[String]] {
        let database = try DatabaseQueue(path: path)
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.deterministicColumns.joined(separator: ", ")) FROM runs ORDER BY parameters, seed"
            ).map { row in
                Self.deterministicColumns.map { column in
                    let value: DatabaseValue = row[column]
                    return value.isNull ? "NULL" : value.description
                }
            }
        }
    }

    @Test("shards are disjoint and cover the plan", arguments: [1, 2, 3, 4, 7, 9, 10, 16])
    func partition(count: Int) throws {
        let tasks = try plan().tasks()
        var seen: [Int] = []
        for index in 0..<count {
            let shard = try SweepShard(index: index, count: count)
            let mine = shard.select(tasks)
            #expect(mine.count == shard.taskCount(of: tasks.count))
            seen += mine.map { $0.pointIndex * 3 + $0.replication }
        }
        #expect(seen.sorted() == Array(0..<tasks.count))
    }

    @Test("--shard parses I/N and auto/N from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
    func parsing() throws {
        #expect(try SweepShard(parsing: "2/5", environment: [:]) == SweepShard(index: 2, count: 5))
        #expect(
            try SweepShard(parsing: "auto/4", environment: ["SLURM_ARRAY_TASK_ID": "3"])
                == SweepShard(index: 3, count: 4))
        #expect(
            try SweepShard(parsing: "auto/4", environment: ["JOB_COMPLETION_INDEX": "1"])
                == SweepShard(index: 1, count: 4))
        #expect(throws: SweepError.self) { try SweepShard(parsing: "auto/4", environment: [:]) }
        #expect(throws: SweepError.self) { try SweepShard(parsing: "4/4", environment: [:]) }
        #expect(throws: SweepError.self) { try SweepShard(parsing: "1", environment: [:]) }
        #expect(throws: SweepError.self) {
            try SweepShard(parsing: "auto/4", environment: ["JOB_COMPLETION_INDEX": "x"])
        }
        #expect(try SweepShard(index: 3, count: 4).expand("s/shard-{shard}.sqlite") == "s/shard-3.sqlite")
    }

    @Test("CPUs granted: SLURM_CPUS_PER_TASK, then the cgroup quota")
    func cpus() throws {
        let cpuMax = temporaryFile("cpu.max")
        try "150000 100000\n".write(toFile: cpuMax, atomically: true, encoding: .utf8)
        #expect(CPUAllowance.granted(environment: ["SLURM_CPUS_PER_TASK": "3"], cgroupCPUMax: cpuMax) == 3)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(CPUAllowance.granted(environment: [:], cgroupCPUMax: cpuMax) == min(2, cores))
        try "max 100000\n".write(toFile: cpuMax, atomically: true, encoding: .utf8)
        #expect(CPUAllowance.granted(environment: [:], cgroupCPUMax: cpuMax) == cores)
        #expect(CPUAllowance.granted(environment: [:], cgroupCPUMax: "/no/such/file") == cores)
    }

    @Test("merged shards equal the unsharded database row for row; merging is idempotent and order-independent")
    func mergeEqualsUnsharded() throws {
        let plan = try plan()
        let unsharded = temporaryFile("unsharded.sqlite")
        _ = try SweepExecution.execute(plan, store: try SweepStore(path: unsharded), jobs: 2)
        let shards = (0..<4).map { temporaryFile("shard-\($0).sqlite") }
        for (index, path) in shards.enumerated() { try runShard(plan, index: index, count: 4, path: path) }
        for path in shards { #expect(!FileManager.default.fileExists(atPath: path + ".partial")) }

        let forward = temporaryFile("merged.sqlite")
        let report = try #require(try SweepMerge.merge(into: forward, shards: shards))
        #expect(report.isComplete && report.completed == 9 && report.merged.count == 4)
        #expect(try rows(forward) == rows(unsharded))
        #expect(try rows(forward).count == 9)

        // Again (idempotent), and in another order into another file, in two steps (order-independent).
        _ = try SweepMerge.merge(into: forward, shards: shards)
        #expect(try rows(forward) == rows(unsharded))
        let backward = temporaryFile("merged.sqlite")
        _ = try SweepMerge.merge(into: backward, shards: [shards[3], shards[1]])
        _ = try SweepMerge.merge(into: backward, shards: [shards[2], shards[0], shards[3]])
        #expect(try rows(backward) == rows(forward))

        // The merged store serves the sweep: nothing left to run, the same results.
        let served = try SweepExecution.execute(plan, store: try SweepStore(path: backward), jobs: 2)
        let direct = try SweepExecution.execute(plan, store: try SweepStore(path: unsharded), jobs: 2)
        #expect(served.ran == 0 && served.skipped == 9)
        let metric = try #require(MetricCatalog.index(of: "startup.p99"))
        for point in 0..<3 {
            #expect(served.results.metric(metric, at: point) == direct.results.metric(metric, at: point))
        }
    }

    @Test("missing shards are listed by index; a completed run replaces a failed one")
    func missingAndFailed() throws {
        let plan = try plan()
        let shards = (0..<3).map { temporaryFile("shard-\($0).sqlite") }
        try runShard(plan, index: 0, count: 3, path: shards[0])
        try runShard(plan, index: 2, count: 3, path: shards[2])
        let merged = temporaryFile("merged.sqlite")
        let partial = try #require(try SweepMerge.merge(into: merged, shards: shards))
        #expect(partial.absent == [shards[1]])
        #expect(partial.missing.map(\.shard) == [1] && partial.missing[0].runs == 3)

        // Shard 1 first fails one run (as a crashed attempt would record it), then succeeds.
        let failedCopy = temporaryFile("shard-1.sqlite")
        let tasks = try SweepShard(index: 1, count: 3).select(try plan.tasks())
        let store = try SweepStore(path: failedCopy)
        try store.setPlanRecord(.init(fingerprint: PlanFingerprint(plan: plan), shardIndex: 1, shardCount: 3))
        try store.record(
            scenario: "tiny", scenarioHash: plan.scenarioHash, task: tasks[0], taskIndex: plan.taskIndex(of: tasks[0]),
            outcome: RunOutcome(status: .failed, message: "node lost"))
        _ = try SweepMerge.merge(into: merged, shards: [failedCopy])
        #expect(try SweepMerge.merge(into: merged, shards: [])?.missing.map(\.shard) == [1])
        try runShard(plan, index: 1, count: 3, path: shards[1])
        let complete = try #require(try SweepMerge.merge(into: merged, shards: [shards[1]]))
        #expect(complete.isComplete)
        // Merging the failed attempt again does not undo the completed run.
        #expect(try SweepMerge.merge(into: merged, shards: [failedCopy])?.isComplete == true)
        #expect(try rows(merged).allSatisfy { $0[6].contains("completed") })
    }

    @Test("an interrupted shard resumes from its partial file; a published complete shard runs nothing")
    func resumeShard() throws {
        let plan = try plan()
        let path = temporaryFile("shard-1.sqlite")
        let file = ShardFile(path: path)
        let record = SweepStore.PlanRecord(fingerprint: PlanFingerprint(plan: plan), shardIndex: 1, shardCount: 2)
        let tasks = try SweepShard(index: 1, count: 2).select(try plan.tasks())
        let indexes = tasks.map(plan.taskIndex(of:))
        // The first attempt stores two runs and stops (killed, requeued): nothing is published.
        try {
            let (store, isPartial) = try file.open(record: record, taskIndexes: indexes)
            #expect(isPartial)
            _ = try SweepExecution.execute(plan, tasks: Array(tasks.prefix(2)), store: store, jobs: 1)
        }()
        #expect(!FileManager.default.fileExists(atPath: path))
        // The rerun finds them in its own file and runs the rest.
        try {
            let (store, isPartial) = try file.open(record: record, taskIndexes: indexes)
            #expect(isPartial)
            let report = try SweepExecution.execute(plan, tasks: tasks, store: store, jobs: 2)
            #expect(report.skipped == 2 && report.ran == tasks.count - 2)
        }()
        try file.publish()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: file.partialPath))
        // Once published and complete, a rerun uses the published file as it is.
        let (store, isPartial) = try file.open(record: record, taskIndexes: indexes)
        #expect(!isPartial)
        #expect(try SweepExecution.execute(plan, tasks: tasks, store: store, jobs: 2).ran == 0)
    }

    @Test("a shard of another plan is refused, naming the odd file")
    func foreignShard() throws {
        let plan = try plan()
        let other = try self.plan(replications: 4)
        let shards = (0..<2).map { temporaryFile("shard-\($0).sqlite") }
        try runShard(plan, index: 0, count: 2, path: shards[0])
        try runShard(plan, index: 1, count: 2, path: shards[1])
        let odd = temporaryFile("shard-1.sqlite")
        try runShard(other, index: 1, count: 2, path: odd)
        let merged = temporaryFile("merged.sqlite")
        #expect {
            _ = try SweepMerge.merge(into: merged, shards: [shards[0], odd, shards[1]])
        } throws: { error in
            guard case .foreignShard(let file, let reason) = error as? SweepError else { return false }
            return file == odd && reason.contains("replications 4 ≠ 3")
        }
        // Nor can a shard resume from another plan's file.
        #expect(throws: SweepError.self) {
            _ = try ShardFile(path: odd).open(
                record: .init(fingerprint: PlanFingerprint(plan: plan), shardIndex: 1, shardCount: 2), taskIndexes: [1])
        }
        // An unsharded sweep's database is no shard file.
        let plain = temporaryFile("plain.sqlite")
        _ = try SweepExecution.execute(plan, store: try SweepStore(path: plain), jobs: 2)
        #expect(throws: SweepError.self) { _ = try SweepMerge.merge(into: merged, shards: [plain]) }
    }
}
