import Foundation
import GRDB

/// The results database of a sweep (SQLite through GRDB): one row per run, committed as soon
/// as the run ends, so an interrupted sweep loses nothing finished and resumes where it stopped.
///
/// Table `runs`: `id`, `scenario`, `scenario_hash` (``ScenarioFingerprint``), `parameters`
/// (the point as canonical JSON), `point_label`, `replication`, `seed` (decimal text: seeds are
/// 64-bit unsigned), `status` (`completed`/`failed`), `message`, `finished_at` (RFC 3339), and
/// one REAL column per ``MetricCatalog`` metric (NULL when undefined; `Inf` when never reached),
/// then `task_index` (the run's position in the plan of the command that ran it).
/// A run is identified by (scenario_hash, parameters, seed); storing it again replaces the row.
/// A shard's file also has a one-row table `plan` (see `SweepStore+Shards.swift`); runs whose
/// result is a curve rather than metrics (`bench fgd`) keep it in table `curves`
/// (`SweepStore+Curves.swift`).
public final class SweepStore: Sendable {
    let database: DatabaseQueue
    /// Where the database lives (`nil` in memory).
    public let path: String?

    /// Opens (or creates) a database file; `nil` keeps it in memory (tests, sweeps without `--db`).
    /// - Throws: ``SweepError/store(_:)``.
    public init(path: String?) throws(SweepError) {
        self.path = path
        do {
            database = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
            try database.write { db in try Self.migrate(db) }
        } catch {
            throw .store("\(path ?? ":memory:"): \(error)")
        }
    }

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS runs (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  scenario TEXT NOT NULL,
                  scenario_hash TEXT NOT NULL,
                  parameters TEXT NOT NULL,
                  point_label TEXT NOT NULL,
                  replication INTEGER NOT NULL,
                  seed TEXT NOT NULL,
                  status TEXT NOT NULL,
                  message TEXT NOT NULL DEFAULT '',
                  finished_at TEXT NOT NULL,
                  UNIQUE (scenario_hash, parameters, seed)
                )
                """)
        let existing = Set(try db.columns(in: "runs").map(\.name))
        for metric in MetricCatalog.all where !existing.contains(metric.column) {
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN \(metric.column) REAL")
        }
        if !existing.contains("task_index") { try db.execute(sql: "ALTER TABLE runs ADD COLUMN task_index INTEGER") }
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS curves (
                  scenario_hash TEXT NOT NULL,
                  parameters TEXT NOT NULL,
                  seed TEXT NOT NULL,
                  x INTEGER NOT NULL,
                  y1 REAL NOT NULL,
                  y2 REAL NOT NULL,
                  PRIMARY KEY (scenario_hash, parameters, seed, x)
                )
                """)
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS plan (
                  fingerprint TEXT NOT NULL,
                  description TEXT NOT NULL,
                  shard_index INTEGER,
                  shard_count INTEGER NOT NULL
                )
                """)
    }

    /// The identity of a run in the database.
    public struct RunKey: Hashable, Sendable {
        /// Canonical JSON of the point.
        public var parameters: String
        /// The seed.
        public var seed: UInt64
        /// Creates a key.
        public init(parameters: String, seed: UInt64) {
            self.parameters = parameters
            self.seed = seed
        }
    }

    /// The runs of a scenario version already completed (the ones a resumed sweep skips).
    public func completedRuns(scenarioHash: String) throws(SweepError) -> Set<RunKey> {
        do {
            return try database.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT parameters, seed FROM runs WHERE scenario_hash = ? AND status = 'completed'",
                    arguments: [scenarioHash])
                return Set(
                    rows.compactMap { row in
                        UInt64(row["seed"] as String).map { RunKey(parameters: row["parameters"], seed: $0) }
                    })
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// Stores one finished run in its own transaction (completed or failed; interrupted runs are not stored).
    public func record(
        scenario: String, scenarioHash: String, task: RunTask, taskIndex: Int? = nil, outcome: RunOutcome,
        finishedAt: Date = Date()
    ) throws(SweepError) {
        guard outcome.status != .interrupted else { return }
        do {
            try database.write { db in
                try Self.insertRun(
                    db, scenario: scenario, scenarioHash: scenarioHash, task: task, taskIndex: taskIndex,
                    outcome: outcome, finishedAt: finishedAt)
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// The columns of `runs` a run writes (all but `id`), in insertion order.
    static var runColumns: [String] {
        [
            "scenario", "scenario_hash", "parameters", "point_label", "replication", "seed", "status", "message",
            "finished_at",
        ] + MetricCatalog.all.map(\.column) + ["task_index"]
    }

    /// Inserts (or replaces) one run's row inside the caller's transaction.
    static func insertRun(
        _ db: Database, scenario: String, scenarioHash: String, task: RunTask, taskIndex: Int?, outcome: RunOutcome,
        finishedAt: Date
    ) throws {
        let columns = runColumns
        var values: [(any DatabaseValueConvertible)?] = [
            scenario, scenarioHash, task.point.json, task.point.label, task.replication, String(task.seed),
            outcome.status.rawValue, outcome.message, Self.timestamp(finishedAt),
        ]
        for index in MetricCatalog.all.indices {
            let value = outcome.value(index)
            values.append(value.isNaN ? nil : value)
        }
        values.append(taskIndex)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(
            sql: "INSERT OR REPLACE INTO runs (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
            arguments: StatementArguments(values))
    }

    /// A stored run.
    public struct StoredRun: Sendable, Hashable {
        /// Canonical JSON of the point.
        public var parameters: String
        /// The point as `path=value …`.
        public var pointLabel: String
        /// Replication number.
        public var replication: Int
        /// Seed.
        public var seed: UInt64
        /// Status.
        public var status: RunOutcome.Status
        /// Metric values in catalog order (NaN for NULL).
        public var metrics: [Double]
    }

    /// Every run of a scenario version, in insertion order.
    public func runs(scenarioHash: String) throws(SweepError) -> [StoredRun] {
        do {
            return try database.read { db in
                let metricColumns = MetricCatalog.all.map(\.column).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT parameters, point_label, replication, seed, status, \(metricColumns) FROM runs WHERE scenario_hash = ? ORDER BY id",
                    arguments: [scenarioHash])
                return rows.map { row in
                    StoredRun(
                        parameters: row["parameters"], pointLabel: row["point_label"], replication: row["replication"],
                        seed: UInt64(row["seed"] as String) ?? 0,
                        status: RunOutcome.Status(rawValue: row["status"]) ?? .failed,
                        metrics: MetricCatalog.all.map { (row[$0.column] as Double?) ?? .nan })
                }
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// Number of rows (all scenarios).
    public func count() throws(SweepError) -> Int {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
        } catch {
            throw .store("\(error)")
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
