import Foundation

/// Runs the tasks of a plan that the store does not hold yet, in parallel, committing each
/// run as it ends; then reads every run of the plan back.
public enum SweepExecution {
    /// One run: the task and its configuration (overrides applied) → outcome.
    public typealias RunFunction =
        @Sendable (RunTask, RunConfiguration, _ shouldStop: @escaping @Sendable () -> Bool) -> RunOutcome

    /// The real thing: ``ScenarioRun/run(_:seed:shouldStop:)``.
    public static let scenarioRun: RunFunction = { task, configuration, shouldStop in
        ScenarioRun.run(configuration, seed: task.seed, shouldStop: shouldStop)
    }

    /// What happened.
    public struct Report: Sendable {
        /// Runs in the plan.
        public var total: Int
        /// Runs found in the store and skipped.
        public var skipped: Int
        /// Runs done now (completed or failed).
        public var ran: Int
        /// Whether the user interrupted the sweep.
        public var interrupted: Bool
        /// The results of every stored run of the plan.
        public var results: SweepResults
    }

    /// Executes a plan.
    /// - Parameters:
    ///   - plan: the sweep.
    ///   - tasks: the runs to consider (default: all of the plan's).
    ///   - store: where finished runs are committed and found.
    ///   - jobs: worker threads.
    ///   - shouldStop: Ctrl-C; running runs stop between chunks and are not stored.
    ///   - run: the run function (tests pass a fake).
    ///   - progress: called after each run with (task, outcome, finished so far, to do).
    /// - Throws: ``SweepError`` from the plan or the store.
    public static func execute(
        _ plan: SweepPlan, tasks: [RunTask]? = nil, store: SweepStore, jobs: Int,
        shouldStop: @escaping @Sendable () -> Bool = { false }, run: @escaping RunFunction = scenarioRun,
        progress: @escaping @Sendable (RunTask, RunOutcome, Int, Int) -> Void = { _, _, _, _ in }
    ) throws(SweepError) -> Report {
        let all: [RunTask]
        if let tasks { all = tasks } else { all = try plan.tasks() }
        let done = try store.completedRuns(scenarioHash: plan.scenarioHash)
        let todo = all.filter { !done.contains(SweepStore.RunKey(parameters: $0.point.json, seed: $0.seed)) }
        var configurations: [ParameterPoint: RunConfiguration] = [:]
        for task in todo where configurations[task.point] == nil {
            configurations[task.point] = try plan.configuration(for: task.point)
        }
        let frozen = configurations
        let counter = Counter()
        let storeErrors = ErrorBox()
        ParallelRuns.run(
            todo, jobs: jobs, shouldStop: { shouldStop() || storeErrors.error != nil },
            work: { task in run(task, frozen[task.point]!, shouldStop) },
            completion: { task, outcome in
                guard outcome.status != .interrupted else { return }
                do {
                    try store.record(
                        scenario: plan.scenarioName, scenarioHash: plan.scenarioHash, task: task,
                        taskIndex: plan.taskIndex(of: task), outcome: outcome)
                } catch let error as SweepError {
                    storeErrors.error = error
                    return
                } catch {
                    storeErrors.error = .store("\(error)")
                    return
                }
                progress(task, outcome, counter.increment(), todo.count)
            })
        if let error = storeErrors.error { throw error }
        let stored = try store.runs(scenarioHash: plan.scenarioHash)
        return Report(
            total: all.count, skipped: all.count - todo.count, ran: counter.value, interrupted: shouldStop(),
            results: SweepResults(plan: plan, tasks: all, stored: stored))
    }
}

/// A count shared by completions (which already run under a lock).
private final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func increment() -> Int {
        value += 1
        return value
    }
}

/// The first store error, set under the completion lock.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: SweepError?
    var error: SweepError? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
