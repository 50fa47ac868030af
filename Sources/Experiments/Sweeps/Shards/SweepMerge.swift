import Foundation
import GRDB

/// `kubesim merge`: gathers shard files into one results database.
///
/// Every shard must carry the same ``PlanFingerprint`` (and the output's, if it has one). Runs
/// are upserted: a completed run replaces a failed one, and between two runs of the same
/// status the earlier-finished one stays, so merging is idempotent and the result does not
/// depend on the order of the files. Shards are local files: never one SQLite file written
/// from several machines.
public enum SweepMerge {
    /// What a merge found.
    public struct Report: Sendable {
        /// The plan.
        public var fingerprint: PlanFingerprint
        /// The plan's number of shards.
        public var shardCount: Int
        /// Files merged.
        public var merged: [String]
        /// Files named but not found (not published yet).
        public var absent: [String]
        /// Completed runs of the plan in the output.
        public var completed: Int
        /// Shard index → runs of the plan not completed in the output, for shards that lack some.
        public var missing: [(shard: Int, runs: Int)]
        /// Whether every run of the plan is completed in the output.
        public var isComplete: Bool { missing.isEmpty }
    }

    /// Merges shard files into `output` (created if needed).
    /// - Parameters:
    ///   - output: the merged database.
    ///   - shards: shard files; names that do not exist count as unpublished shards.
    /// - Returns: the report; `nil` when no shard file exists and the output has no plan yet.
    /// - Throws: ``SweepError/foreignShard(file:reason:)`` naming the file whose plan differs;
    ///   ``SweepError/store(_:)`` when a file cannot be read or written.
    public static func merge(into output: String, shards: [String]) throws(SweepError) -> Report? {
        let manager = FileManager.default
        let present = Array(Set(shards.filter { manager.fileExists(atPath: $0) })).sorted()
        let absent = shards.filter { !manager.fileExists(atPath: $0) }
        var records: [(file: String, record: SweepStore.PlanRecord)] = []
        for file in present {
            guard let record = try readPlan(file) else {
                throw .foreignShard(
                    file: file, reason: "is not a kubesim shard file (no plan: written by `sweep --shard`?)")
            }
            records.append((file, record))
        }
        let store = try SweepStore(path: output)
        let existing = try store.planRecord()
        let common = majority(records)
        guard let reference = existing ?? common?.record else { return nil }
        for (file, record) in records {
            let differences = reference.fingerprint.differences(from: record.fingerprint)
            if !differences.isEmpty {
                let against = existing != nil ? output : common?.file ?? output
                throw .foreignShard(
                    file: file,
                    reason: "belongs to another plan than \(against) (\(differences.joined(separator: "; ")))")
            }
            if record.shardCount != reference.shardCount {
                throw .foreignShard(
                    file: file,
                    reason: "was made for \(record.shardCount) shards, the others for \(reference.shardCount)")
            }
        }
        if existing == nil {
            try store.setPlanRecord(
                SweepStore.PlanRecord(
                    fingerprint: reference.fingerprint, shardIndex: nil, shardCount: reference.shardCount))
        }
        let hashes = reference.fingerprint.storedScenarioHashes
        for (file, _) in records { try upsert(file, into: store, scenarioHashes: hashes) }
        let done = try store.completedTaskIndexes(scenarioHashes: hashes)
        var missing: [Int: Int] = [:]
        for task in 0..<reference.fingerprint.taskCount where !done.contains(task) {
            missing[task % reference.shardCount, default: 0] += 1
        }
        return Report(
            fingerprint: reference.fingerprint, shardCount: reference.shardCount, merged: present, absent: absent,
            completed: done.count, missing: missing.keys.sorted().map { ($0, missing[$0]!) })
    }

    /// The most common plan among the files (ties: the first file's, in sorted order), as a
    /// merged file's record, with the first file that has it.
    static func majority(
        _ records: [(file: String, record: SweepStore.PlanRecord)]
    ) -> (file: String, record: SweepStore.PlanRecord)? {
        let key = { (record: SweepStore.PlanRecord) in "\(record.fingerprint.digest)/\(record.shardCount)" }
        var best: (file: String, record: SweepStore.PlanRecord)?
        var bestCount = 0
        for (file, record) in records {
            let count = records.filter { key($0.record) == key(record) }.count
            if count > bestCount {
                best = (
                    file,
                    SweepStore.PlanRecord(
                        fingerprint: record.fingerprint, shardIndex: nil, shardCount: record.shardCount)
                )
                bestCount = count
            }
        }
        return best
    }

    static func readPlan(_ file: String) throws(SweepError) -> SweepStore.PlanRecord? {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let database = try DatabaseQueue(path: file, configuration: configuration)
            return try database.read { db in try SweepStore.planRecord(db, schema: "main", file: file) }
        } catch let error as SweepError {
            throw error
        } catch {
            throw .foreignShard(file: file, reason: "cannot be read as a results database (\(error))")
        }
    }

    /// Copies every column but the id; a completed run beats a failed one, then the earlier finish.
    static func upsert(_ file: String, into store: SweepStore, scenarioHashes: [String]) throws(SweepError) {
        let columns = SweepStore.runColumns
        let list = columns.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: scenarioHashes.count).joined(separator: ", ")
        let assignments = columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let sql = """
            INSERT INTO main.runs (\(list)) SELECT \(list) FROM shard.runs WHERE scenario_hash IN (\(placeholders))
            ON CONFLICT (scenario_hash, parameters, seed) DO UPDATE SET \(assignments)
            WHERE (excluded.status = 'completed') > (runs.status = 'completed')
               OR ((excluded.status = 'completed') = (runs.status = 'completed')
                   AND (excluded.finished_at, COALESCE(excluded.wall_seconds, 0), excluded.message)
                       < (runs.finished_at, COALESCE(runs.wall_seconds, 0), runs.message))
            """
        do {
            try store.database.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [file])
                defer { try? db.execute(sql: "DETACH DATABASE shard") }
                try db.inTransaction {
                    try db.execute(sql: sql, arguments: StatementArguments(scenarioHashes))
                    // A run's curve (`bench fgd`) is deterministic: the first copy stays.
                    let hasCurves =
                        try Bool.fetchOne(
                            db,
                            sql: "SELECT COUNT(*) > 0 FROM shard.sqlite_master WHERE type = 'table' AND name = 'curves'"
                        )
                        ?? false
                    if hasCurves {
                        try db.execute(
                            sql:
                                "INSERT OR IGNORE INTO main.curves SELECT * FROM shard.curves WHERE scenario_hash IN (\(placeholders))",
                            arguments: StatementArguments(scenarioHashes))
                    }
                    return .commit
                }
            }
        } catch {
            throw .store("merging \(file): \(error)")
        }
    }
}
