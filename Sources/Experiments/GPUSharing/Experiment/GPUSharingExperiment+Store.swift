import Foundation

// MARK: - Runs stored in a results database (resume, shards, merge)

extension GPUSharingExperiment {
    /// The plan's fingerprint for shard files: one point per (workload, policy, seed), in plan
    /// order, one replication each, so the seed list is part of the plan.
    /// - Parameter workloadHashes: ``ScenarioFingerprint/fingerprint(files:)`` of each workload's
    ///   node and pod lists, in workload order: the `scenario_hash` its runs are stored under.
    public func fingerprint(workloadHashes: [String]) -> PlanFingerprint {
        let points = (0..<runCount).map { index in
            let (w, policy, seed) = run(at: index)
            return String(ParameterPoint(settings: [(.schedulerPolicy, policy.rawValue)]).json.dropLast())
                + ",\"seed\":\(seed),\"workload\":\(ParameterPoint.quoted(workloads[w].name))}"
        }
        return PlanFingerprint(
            scenario: "bench fgd", workloadHashes: workloadHashes, policy: "", points: points, replications: 1)
    }

    /// A run as stored: the policy as the point `scheduler.policy=NAME`, under its workload's fingerprint.
    func task(at index: Int) -> RunTask {
        let (_, policy, seed) = run(at: index)
        return RunTask(
            pointIndex: index, point: ParameterPoint(settings: [(.schedulerPolicy, policy.rawValue)]),
            replication: seeds.firstIndex(of: seed)!, seed: seed)
    }

    /// Runs the runs at `indexes` that `store` does not hold, committing each run and its curve
    /// as it ends, then reads back the rows of every run at `indexes`.
    /// - Parameters:
    ///   - indexes: plan positions (a shard's, or all).
    ///   - workloadHashes: as for ``fingerprint(workloadHashes:)``.
    ///   - store: the results database.
    ///   - shouldStop: Ctrl-C or SIGTERM; runs not started are skipped.
    ///   - progress: after each run, with (finished now, to do).
    /// - Returns: the rows of the runs stored (CSV order), the runs done now, and whether every run at `indexes` is stored.
    /// - Throws: ``SweepError/store(_:)``.
    public func run(
        only indexes: [Int], workloadHashes: [String], store: SweepStore,
        shouldStop: @escaping @Sendable () -> Bool = { false }, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws(SweepError) -> (rows: [Row], ran: Int, isComplete: Bool) {
        var stored: [[SweepStore.RunKey: [SweepStore.CurvePoint]]] = []
        for hash in workloadHashes { stored.append(try store.curves(scenarioHash: hash)) }
        let key = { (index: Int) -> (Int, SweepStore.RunKey) in
            let task = self.task(at: index)
            return (self.run(at: index).workload, SweepStore.RunKey(parameters: task.point.json, seed: task.seed))
        }
        let todo = indexes.filter { index in
            let (w, runKey) = key(index)
            return stored[w][runKey] == nil
        }
        let state = CurveStoreState()
        let names = workloads.map(\.name)
        run(only: todo, shouldStop: { shouldStop() || state.error != nil }) { index, rows in
            let (w, _, _) = self.run(at: index)
            let curve = rows.map {
                SweepStore.CurvePoint(
                    x: $0.point.arrivedPercent, y1: $0.point.allocatedPercent, y2: $0.point.fragmentedPercent)
            }
            do {
                try store.record(
                    scenario: "bench fgd/\(names[w])", scenarioHash: workloadHashes[w], task: self.task(at: index),
                    taskIndex: index, curve: curve)
            } catch {
                state.fail((error as? SweepError) ?? .store("\(error)"))
                return
            }
            progress(state.increment(), todo.count)
        }
        if let error = state.error { throw error }
        stored = []
        for hash in workloadHashes { stored.append(try store.curves(scenarioHash: hash)) }
        var rows: [Row] = []
        var missing = 0
        for index in indexes {
            let (w, runKey) = key(index)
            guard let curve = stored[w][runKey] else {
                missing += 1
                continue
            }
            let (_, policy, seed) = run(at: index)
            rows += curve.map {
                Row(
                    workload: names[w], policy: policy, seed: seed,
                    point: AllocationCurve.Point(
                        arrivedPercent: $0.x, allocatedPercent: $0.y1, fragmentedPercent: $0.y2))
            }
        }
        return (Self.sorted(rows), state.done, missing == 0)
    }
}

/// The first store error and the count of stored runs, shared by the worker threads.
private final class CurveStoreState: @unchecked Sendable {
    private let lock = NSLock()
    private var storedError: SweepError?
    private(set) var done = 0

    var error: SweepError? {
        lock.lock()
        defer { lock.unlock() }
        return storedError
    }

    func fail(_ error: SweepError) {
        lock.lock()
        defer { lock.unlock() }
        if storedError == nil { storedError = error }
    }

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        return done
    }
}
