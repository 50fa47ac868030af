import Foundation

// MARK: - Runs stored in a results database (resume, shards, merge)

extension PolicyBenchmark {
    /// The ``ScenarioFingerprint`` of each workload's file, in suite order: the `scenario_hash`
    /// its runs are stored under.
    public var workloadHashes: [String] {
        suite.workloads.map { ScenarioFingerprint.fingerprint(paths: [$0.path], input: $0.input) }
    }

    /// The matrix's fingerprint for shard files: one point per (workload, policy), in cell order
    /// (`cells` has `points.count × replications` runs).
    /// - Parameter policy: the policies as given (with configuration files' hashes).
    public func fingerprint(policy: String) -> PlanFingerprint {
        var points: [String] = []
        for workload in suite.workloads {
            for choice in policies {
                points.append(
                    ParameterPoint(settings: [(.schedulerPolicy, choice.name)]).json.dropLast()
                        + ",\"workload\":\(ParameterPoint.quoted(workload.name))}")
            }
        }
        return PlanFingerprint(
            scenario: "bench policies", workloadHashes: workloadHashes, policy: policy, points: points,
            replications: replications)
    }

    /// A cell as a stored run: the policy as the point `scheduler.policy=NAME`, under the workload's fingerprint.
    func task(_ cell: Cell) -> RunTask {
        RunTask(
            pointIndex: cell.policy, point: ParameterPoint(settings: [(.schedulerPolicy, policies[cell.policy].name)]),
            replication: cell.replication, seed: cell.seed)
    }

    /// Runs the given cells that `store` does not hold completed, committing each as it ends
    /// (`task_index` = its position in ``cells``), then reads them all back.
    /// - Parameters:
    ///   - cells: the cells to consider (a shard's, or all).
    ///   - store: the results database.
    ///   - jobs: worker threads.
    ///   - shouldStop: Ctrl-C or SIGTERM; unfinished runs are not stored.
    ///   - progress: after each run, with (finished now, to do).
    /// - Returns: the results and the number of runs done now.
    /// - Throws: ``SweepError/store(_:)``.
    public func run(
        cells: [Cell], store: SweepStore, jobs: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws(SweepError) -> (results: PolicyBenchmarkResults, ran: Int) {
        let hashes = workloadHashes
        var position: [Cell: Int] = [:]
        for (index, cell) in self.cells.enumerated() { position[cell] = index }
        var done: [Set<SweepStore.RunKey>] = []
        for hash in hashes { done.append(try store.completedRuns(scenarioHash: hash)) }
        let todo = cells.filter {
            !done[$0.workload].contains(SweepStore.RunKey(parameters: task($0).point.json, seed: $0.seed))
        }
        let suite = self.suite
        let policies = self.policies
        let names = suite.workloads.map(\.name)
        let frozenPosition = position
        let state = StoreState()
        ParallelRuns.run(
            todo, jobs: jobs, shouldStop: { shouldStop() || state.error != nil },
            work: { cell in
                ScenarioRun.run(
                    RunConfiguration(input: suite.workloads[cell.workload].input, policy: policies[cell.policy]),
                    seed: cell.seed, shouldStop: shouldStop)
            },
            completion: { cell, outcome in
                guard outcome.status != .interrupted else { return }
                do {
                    try store.record(
                        scenario: names[cell.workload], scenarioHash: hashes[cell.workload], task: self.task(cell),
                        taskIndex: frozenPosition[cell], outcome: outcome)
                } catch {
                    state.error = (error as? SweepError) ?? .store("\(error)")
                    return
                }
                progress(state.increment(), todo.count)
            })
        if let error = state.error { throw error }
        var outcomes: [Cell: RunOutcome] = [:]
        for (workload, hash) in hashes.enumerated() {
            var byKey: [SweepStore.RunKey: SweepStore.StoredRun] = [:]
            for run in try store.runs(scenarioHash: hash) {
                byKey[SweepStore.RunKey(parameters: run.parameters, seed: run.seed)] = run
            }
            for cell in cells where cell.workload == workload {
                guard let run = byKey[SweepStore.RunKey(parameters: task(cell).point.json, seed: cell.seed)] else {
                    continue
                }
                outcomes[cell] = RunOutcome(status: run.status, metrics: run.status == .completed ? run.metrics : [])
            }
        }
        return (
            PolicyBenchmarkResults(workloads: names, policies: policies.map(\.name), cells: cells, outcomes: outcomes),
            state.count
        )
    }
}

/// The first store error and the count of stored runs, under the completion lock.
private final class StoreState: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: SweepError?
    private(set) var count = 0
    var error: SweepError? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func increment() -> Int {
        count += 1
        return count
    }
}
