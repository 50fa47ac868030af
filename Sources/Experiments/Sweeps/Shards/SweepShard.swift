import Foundation

/// One shard of a sweep plan: the tasks whose index in the plan (point × replication, in the
/// plan's fixed order) is congruent to ``index`` modulo ``count``, as a job array or an Indexed
/// Job distributes them.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
    /// This shard's index, in `0..<count`.
    public var index: Int
    /// The number of shards (always given explicitly: a resubmitted subset of an array would
    /// report the wrong count).
    public var count: Int

    /// The environment variables that name a shard index, in the order they are read:
    /// Slurm's job-array task and the Kubernetes Indexed Job's completion index.
    public static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]

    /// Creates a shard.
    /// - Throws: ``SweepError/shard(_:)`` unless `0 <= index < count`.
    public init(index: Int, count: Int) throws(SweepError) {
        guard count >= 1 else { throw .shard("the shard count must be at least 1, not \(count)") }
        guard index >= 0, index < count else { throw .shard("shard index \(index) is not in 0…\(count - 1)") }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, or `auto/N` with I read from `SLURM_ARRAY_TASK_ID` or `JOB_COMPLETION_INDEX`.
    /// - Parameters:
    ///   - text: the `--shard` argument.
    ///   - environment: the process environment.
    /// - Throws: ``SweepError/shard(_:)`` for a malformed argument, or `auto` with neither variable set.
    public init(parsing text: String, environment: [String: String]) throws(SweepError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[1]) else {
            throw .shard("\"\(text)\" is not I/N or auto/N (e.g. 3/16, auto/16)")
        }
        if parts[0] == "auto" {
            guard let variable = Self.indexVariables.first(where: { environment[$0] != nil }) else {
                throw .shard(
                    "--shard auto/\(count) needs \(Self.indexVariables.joined(separator: " or ")) in the environment")
            }
            guard let index = Int(environment[variable]!.trimmingCharacters(in: .whitespaces)) else {
                throw .shard("\(variable)=\(environment[variable]!) is not an integer")
            }
            try self.init(index: index, count: count)
        } else {
            guard let index = Int(parts[0]) else {
                throw .shard("\"\(text)\" is not I/N or auto/N (e.g. 3/16, auto/16)")
            }
            try self.init(index: index, count: count)
        }
    }

    /// Whether the task at `taskIndex` in the plan belongs to this shard.
    public func contains(taskIndex: Int) -> Bool { taskIndex % count == index }

    /// This shard's tasks, in plan order.
    /// - Complexity: O(n) in the number of tasks.
    public func select(_ tasks: [RunTask]) -> [RunTask] {
        tasks.enumerated().filter { contains(taskIndex: $0.offset) }.map(\.element)
    }

    /// The number of tasks of a plan of `taskCount` tasks in this shard.
    public func taskCount(of taskCount: Int) -> Int {
        taskCount > index ? (taskCount - index + count - 1) / count : 0
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// Replaces `{shard}` in a path with the index, so one argument names every shard's file.
    public func expand(_ path: String) -> String {
        path.replacingOccurrences(of: "{shard}", with: String(index))
    }
}
