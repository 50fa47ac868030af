import Foundation

/// A shard's results file, published by atomic rename: runs go to `FILE.partial` and the file
/// appears under its name only once every run of the shard is stored, so a merge never reads a
/// half-written shard. A rerun resumes from its own file (the partial one, or a copy of the
/// published one if that still lacks runs).
public struct ShardFile: Sendable {
    /// The published path.
    public var path: String
    /// The working copy's path.
    public var partialPath: String { path + ".partial" }

    /// Creates a handle; nothing is opened.
    public init(path: String) { self.path = path }

    /// The store runs go to, with the plan record checked (or written, for a new file).
    /// - Parameters:
    ///   - record: the plan and shard this file is for.
    ///   - taskIndexes: the plan positions of the shard's tasks, to see whether the published file is complete.
    /// - Returns: the store and whether it is the working copy (to ``publish()`` after the runs).
    /// - Throws: ``SweepError/foreignShard(file:reason:)`` for a file of another plan or shard;
    ///   ``SweepError/store(_:)`` when it cannot be opened.
    public func open(
        record: SweepStore.PlanRecord, taskIndexes: [Int]
    ) throws(SweepError) -> (
        store: SweepStore, isPartial: Bool
    ) {
        let manager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .store("\(directory): \(error.localizedDescription)")
            }
        }
        if !manager.fileExists(atPath: partialPath), manager.fileExists(atPath: path) {
            let published = try SweepStore(path: path)
            try Self.check(published, against: record, file: path)
            let done = try published.completedTaskIndexes(scenarioHashes: record.fingerprint.storedScenarioHashes)
            if taskIndexes.allSatisfy(done.contains) { return (published, false) }
            do {
                try manager.copyItem(atPath: path, toPath: partialPath)
            } catch {
                throw .store("\(partialPath): \(error.localizedDescription)")
            }
        }
        let store = try SweepStore(path: partialPath)
        try Self.check(store, against: record, file: partialPath)
        if try store.planRecord() == nil { try store.setPlanRecord(record) }
        return (store, true)
    }

    /// Renames the working copy to the published name (atomically replacing it). Close the store first.
    /// - Throws: ``SweepError/store(_:)``.
    public func publish() throws(SweepError) {
        guard rename(partialPath, path) == 0 else {
            throw .store("cannot rename \(partialPath) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func check(_ store: SweepStore, against record: SweepStore.PlanRecord, file: String) throws(SweepError) {
        guard let stored = try store.planRecord() else {
            if try store.count() > 0 {
                throw .foreignShard(file: file, reason: "holds runs but no shard plan (an unsharded sweep's database?)")
            }
            return
        }
        let differences = stored.fingerprint.differences(from: record.fingerprint)
        if !differences.isEmpty {
            throw .foreignShard(
                file: file,
                reason:
                    "was written for another plan (\(differences.joined(separator: "; "))); delete it or use another --db"
            )
        }
        if stored.shardIndex != record.shardIndex || stored.shardCount != record.shardCount {
            throw .foreignShard(
                file: file,
                reason:
                    "holds shard \(stored.shardIndex.map(String.init) ?? "(merged)")/\(stored.shardCount), not \(record.shardIndex.map(String.init) ?? "(merged)")/\(record.shardCount)"
            )
        }
    }
}
