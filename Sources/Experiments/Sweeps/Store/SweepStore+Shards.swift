import Foundation
import GRDB

// MARK: - The plan a shard file belongs to

extension SweepStore {
    /// Table `plan` of a shard or merged file: the plan's fingerprint and which shard the file holds.
    public struct PlanRecord: Sendable, Hashable {
        /// The plan.
        public var fingerprint: PlanFingerprint
        /// The shard held (`nil` in a merged file).
        public var shardIndex: Int?
        /// The number of shards of the plan.
        public var shardCount: Int

        /// Creates a record.
        public init(fingerprint: PlanFingerprint, shardIndex: Int?, shardCount: Int) {
            self.fingerprint = fingerprint
            self.shardIndex = shardIndex
            self.shardCount = shardCount
        }
    }

    /// The file's plan record, if it has one.
    public func planRecord() throws(SweepError) -> PlanRecord? {
        do {
            return try database.read { db in try Self.planRecord(db, schema: "main", file: path ?? ":memory:") }
        } catch let error as SweepError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    /// Replaces the file's plan record.
    public func setPlanRecord(_ record: PlanRecord) throws(SweepError) {
        do {
            try database.write { db in
                try db.execute(sql: "DELETE FROM plan")
                try db.execute(
                    sql: "INSERT INTO plan (fingerprint, description, shard_index, shard_count) VALUES (?, ?, ?, ?)",
                    arguments: [
                        record.fingerprint.digest, record.fingerprint.json, record.shardIndex, record.shardCount,
                    ])
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// The plan positions (`task_index`) of the completed runs stored under these scenario versions.
    public func completedTaskIndexes(scenarioHashes: [String]) throws(SweepError) -> Set<Int> {
        let placeholders = Array(repeating: "?", count: scenarioHashes.count).joined(separator: ", ")
        do {
            return try database.read { db in
                Set(
                    try Int.fetchAll(
                        db,
                        sql:
                            "SELECT task_index FROM runs WHERE scenario_hash IN (\(placeholders)) AND status = 'completed' AND task_index IS NOT NULL",
                        arguments: StatementArguments(scenarioHashes)))
            }
        } catch {
            throw .store("\(error)")
        }
    }

    /// Reads `schema.plan`.
    /// - Throws: ``SweepError/foreignShard(file:reason:)`` when the table is missing or unreadable.
    static func planRecord(_ db: Database, schema: String, file: String) throws -> PlanRecord? {
        let hasTable =
            try Bool.fetchOne(
                db, sql: "SELECT COUNT(*) > 0 FROM \(schema).sqlite_master WHERE type = 'table' AND name = 'plan'")
            ?? false
        guard hasTable else { return nil }
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT fingerprint, description, shard_index, shard_count FROM \(schema).plan LIMIT 1")
        else { return nil }
        guard let fingerprint = PlanFingerprint.decode(row["description"]) else {
            throw SweepError.foreignShard(file: file, reason: "unreadable plan description")
        }
        return PlanRecord(fingerprint: fingerprint, shardIndex: row["shard_index"], shardCount: row["shard_count"])
    }
}
