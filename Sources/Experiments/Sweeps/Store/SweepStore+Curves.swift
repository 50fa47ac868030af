import Foundation
import GRDB

// MARK: - Runs whose result is a curve (`bench fgd`)

extension SweepStore {
    /// One point of a stored curve: `x` and two values (for `bench fgd`: arrived percent,
    /// allocated and fragmented GPU percent).
    public struct CurvePoint: Sendable, Hashable {
        /// The abscissa.
        public var x: Int
        /// The first value.
        public var y1: Double
        /// The second value.
        public var y2: Double

        /// Creates a point.
        public init(x: Int, y1: Double, y2: Double) {
            self.x = x
            self.y1 = y1
            self.y2 = y2
        }
    }

    /// Stores a completed run and its curve in one transaction, so a run is never marked
    /// completed without its curve.
    public func record(
        scenario: String, scenarioHash: String, task: RunTask, taskIndex: Int, curve: [CurvePoint],
        finishedAt: Date = Date()
    ) throws(SweepError) {
        do {
            try database.write { db in
                try Self.insertRun(
                    db, scenario: scenario, scenarioHash: scenarioHash, task: task, taskIndex: taskIndex,
                    outcome: RunOutcome(status: .completed), finishedAt: finishedAt)
                let seed = String(task.seed)
                for point in curve {
                    try db.execute(
                        sql:
                            "INSERT OR REPLACE INTO curves (scenario_hash, parameters, seed, x, y1, y2) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [scenarioHash, task.point.json, seed, point.x, point.y1, point.y2])
                }
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// The curves of the completed runs stored under a scenario version, by (parameters, seed).
    public func curves(scenarioHash: String) throws(SweepError) -> [RunKey: [CurvePoint]] {
        do {
            return try database.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.parameters, c.seed, c.x, c.y1, c.y2 FROM curves c
                        JOIN runs r ON r.scenario_hash = c.scenario_hash AND r.parameters = c.parameters
                            AND r.seed = c.seed AND r.status = 'completed'
                        WHERE c.scenario_hash = ? ORDER BY c.parameters, c.seed, c.x
                        """,
                    arguments: [scenarioHash])
                var curves: [RunKey: [CurvePoint]] = [:]
                for row in rows {
                    guard let seed = UInt64(row["seed"] as String) else { continue }
                    curves[RunKey(parameters: row["parameters"], seed: seed), default: []].append(
                        CurvePoint(x: row["x"], y1: row["y1"], y2: row["y2"]))
                }
                return curves
            }
        } catch {
            throw .store("\(error)")
        }
    }
}
