import Foundation

/// Runs independent tasks on `jobs` threads, each run single-threaded, and hands every result
/// to `completion` as soon as it is known (serialised: one completion at a time).
///
/// Tasks are started in order; nothing is shared between runs but the immutable inputs the
/// closure captures. Once `shouldStop` returns true no new task starts.
public enum ParallelRuns {
    /// Runs every task.
    /// - Parameters:
    ///   - tasks: the work, started in order.
    ///   - jobs: worker threads (at least 1).
    ///   - shouldStop: checked before each task starts.
    ///   - work: one run; called on a worker thread.
    ///   - completion: called under a lock with each task and its result, in completion order.
    public static func run<Task: Sendable, Result: Sendable>(
        _ tasks: [Task], jobs: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        work: @escaping @Sendable (Task) -> Result, completion: @escaping @Sendable (Task, Result) -> Void
    ) {
        let state = SharedCursor()
        let workers = max(1, min(jobs, tasks.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while !shouldStop(), let index = state.next(limit: tasks.count) {
                    let result = work(tasks[index])
                    state.lock.withLock { completion(tasks[index], result) }
                }
            }
            thread.stackSize = 64 << 20  // deep scenario decoding and large runs
            thread.start()
        }
        group.wait()
    }
}

/// The next task index, handed out under a lock.
private final class SharedCursor: @unchecked Sendable {
    let lock = NSLock()
    private let indexLock = NSLock()
    private var cursor = 0

    func next(limit: Int) -> Int? {
        indexLock.withLock {
            guard cursor < limit else { return nil }
            defer { cursor += 1 }
            return cursor
        }
    }
}
