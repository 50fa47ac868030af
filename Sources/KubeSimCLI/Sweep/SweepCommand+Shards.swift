import ArgumentParser
import Experiments
import Foundation

// MARK: - Shards and batch jobs

extension SweepCommand {
    /// Runs one shard into its own file, publishes it when every run of the shard is stored, and
    /// prints the shard's table. Exit 1 (retryable) when interrupted or when a run failed: a rerun
    /// resumes from the file and retries only what is not completed.
    func runShard(
        _ shard: SweepShard, plan: SweepPlan, tasks: [RunTask], shown: [Int],
        shouldStop: @escaping @Sendable () -> Bool, progress: SweepProgress
    ) throws {
        let file = ShardFile(path: shard.expand(batch.db!))
        let record = SweepStore.PlanRecord(
            fingerprint: PlanFingerprint(plan: plan, policy: policyDescription()), shardIndex: shard.index,
            shardCount: shard.count)
        let mine = shard.select(tasks)
        let (report, isPartial) = try executeShard(
            file: file, record: record, plan: plan, tasks: mine, shouldStop: shouldStop, progress: progress)
        progress.finish()
        let failed = report.results.failures.reduce(0, +)
        // Not progress: one line for the batch system's log, even with --quiet.
        StandardError.write(
            "sweep: shard \(shard) holds \(report.total) of the plan's \(tasks.count) runs; "
                + "\(report.skipped) already in \(isPartial ? file.partialPath : file.path), \(report.ran) run now"
                + (failed > 0 ? ", \(failed) failed" : "") + "\n")
        print(SweepSummaryTable(results: report.results, metrics: shown, confidence: confidence).render())
        if report.interrupted {
            StandardError.write("kubesim: interrupted; finished runs are in \(file.partialPath); re-run to resume\n")
            throw ExitCode(1)
        }
        if isPartial {
            try file.publish()
            StandardError.write("sweep: published \(file.path)\n")
        }
        if failed > 0 {
            StandardError.write("kubesim: \(failed) run\(failed == 1 ? "" : "s") failed; re-run the shard to retry\n")
            throw ExitCode(1)
        }
    }

    /// Executes the shard's tasks; the store is closed on return, so the file can be renamed.
    private func executeShard(
        file: ShardFile, record: SweepStore.PlanRecord, plan: SweepPlan, tasks: [RunTask],
        shouldStop: @escaping @Sendable () -> Bool, progress: SweepProgress
    ) throws(SweepError) -> (SweepExecution.Report, isPartial: Bool) {
        let (store, isPartial) = try file.open(record: record, taskIndexes: tasks.map(plan.taskIndex(of:)))
        let report = try SweepExecution.execute(
            plan, tasks: tasks, store: store, jobs: jobs, shouldStop: shouldStop,
            progress: { progress.report(task: $0, outcome: $1, done: $2, total: $3) })
        return (report, isPartial)
    }

    /// The imposed policy as the fingerprint sees it: its name and, for a file, its contents' hash.
    func policyDescription() -> String {
        policy.map(ScenarioFingerprint.policyDescription) ?? ""
    }

    /// The arguments that define the plan, for the emitted shard and report commands.
    var planArguments: [String] {
        var arguments = paths
        for setting in settings { arguments += ["--set", setting] }
        arguments += ["--replications", String(replications)]
        if let find {
            arguments += ["--find", find, "--metric", metric] + (target.map { ["--target", $0] } ?? [])
        } else {
            arguments += ["--metrics", metrics]
        }
        if let policy { arguments += ["--policy", policy] }
        arguments += ["--confidence", String(confidence)]
        return arguments
    }

    /// The Slurm script or Kubernetes manifest for `--emit`.
    func emitJob(taskCount: Int) -> String {
        batch.job(
            command: ["sweep"], defaultName: "kubesim-sweep", planArguments: planArguments, taskCount: taskCount,
            reportOutputArguments: csv.map { ["--csv", $0] } ?? [])
    }
}
