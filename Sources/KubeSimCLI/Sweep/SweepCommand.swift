import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// `kubesim sweep SCENARIO --set PATH=V1,V2 … --replications R`: capacity planning by
/// simulation, with common random numbers, a resumable SQLite store and confidence intervals.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameter values, R replications each, and compare.",
        discussion: """
            Every combination of the --set values (the cartesian product) runs R times; replication r \
            uses the same seed at every point (common random numbers), derived from the scenario's \
            seed and r only. Runs execute in parallel (--jobs), each finished run is committed to the \
            SQLite database (--db) at once, and re-running the same command skips the runs already \
            there, so an interrupted sweep resumes where it stopped.

            The summary gives per-point means with Student-t confidence intervals and, for two or more \
            points, paired differences against the first point (by replication).

            --find searches instead of sweeping: the smallest integer value of one parameter for which \
            --metric meets --target in at least --confidence of the replications, by bisection. It \
            assumes the metric is monotone in the parameter (more nodes never slow startup down).

            Beyond one machine: --shard I/N runs only the plan's tasks (point × replication, in plan \
            order) whose index is I modulo N, into its own --db file ({shard} in the name becomes I), \
            published by atomic rename once the shard is done; --shard auto/N reads I from \
            SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. `kubesim merge` gathers the shard files; \
            --emit slurm|kubernetes --shards N prints a Slurm job array script or an Indexed Job that \
            does both. With --find, the shards run every value of the interval; `sweep --find … --db \
            MERGED` then bisects without running anything. Exit codes: 0 done, 1 retryable failure (a \
            rerun resumes), 2 bad input.

            Paths: \(ParameterPath.supportedForms.joined(separator: ", ")). \
            Integer ranges expand: 4..16 or 4..16:4. Metrics: \(MetricCatalog.names.joined(separator: ", ")).

            Examples:
              kubesim sweep scenarios/demo --set 'spec.nodes[general].count=2,3,4' --replications 5 --db sweep.db --csv sweep.csv
              kubesim sweep scenarios/benchmarks/01-web-bursty.yaml --set 'spec.nodes[web].count=2..6' \\
                  --set 'scheduler.policy=default,mostallocated' --replications 10 --metrics startup.p99,util.cpu
              kubesim sweep scenarios/benchmarks/01-web-bursty.yaml --find 'spec.nodes[web].count=1..32' \\
                  --metric startup.p99 --target '<=5s' --confidence 0.95 --replications 20 --db find.db
              kubesim sweep scenarios/demo --set 'spec.nodes[general].count=2,3,4' --replications 8 \\
                  --shard 1/4 --db shards/shard-1.sqlite
              kubesim sweep scenarios/demo --set 'spec.nodes[general].count=2,3,4' --replications 8 \\
                  --emit slurm --shards 4 > sweep.sbatch.sh && bash sweep.sbatch.sh
            """
    )

    @Argument(help: "Scenario files or folders.")
    var paths: [String]

    @Option(name: .customLong("set"), help: "PATH=V1,V2,… values of one parameter (repeatable).")
    var settings: [String] = []

    // `.unconditional`: `--replications -2` is read as a value (and refused by validate()),
    // not as an unknown option.
    @Option(parsing: .unconditional, help: "Replications per point (seeds shared across points).")
    var replications: Int = 5

    @Option(
        help:
            "Parallel runs (default: the CPUs granted: SLURM_CPUS_PER_TASK, else the cgroup CPU quota, else the cores)."
    )
    var jobs: Int = CPUAllowance.granted()

    @Option(help: "Write one CSV row per run to this file.")
    var csv: String?

    @Option(help: "Metrics in the summary table (comma-separated).")
    var metrics: String = "startup.p99,scheduling.p99,placement,util.cpu"

    @Option(help: "Impose a scheduler policy on every run (name or KubeSchedulerConfiguration .yaml).")
    var policy: String?

    @Option(help: "PATH=LO..HI: find the smallest integer value meeting --target.")
    var find: String?

    @Option(help: "The metric --find tests.")
    var metric: String = "startup.p99"

    @Option(help: "The requirement for --find, e.g. '<=5s', '>=99%'.")
    var target: String?

    @Option(
        help: "Confidence level of the intervals; for --find, the fraction of replications that must meet the target.")
    var confidence: Double = 0.95

    @OptionGroup(title: "Batch jobs")
    var batch: BatchJobOptions

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard replications >= 1, replications <= 100_000 else {
            throw ValidationError("--replications must be in 1…100000 (got \(replications))")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard confidence > 0, confidence < 1 else { throw ValidationError("--confidence must be in (0, 1), e.g. 0.95") }
        if find != nil, target == nil { throw ValidationError("--find needs --target, e.g. --target '<=5s'") }
        if find == nil, target != nil { throw ValidationError("--target is only used with --find") }
        if find == nil, settings.isEmpty { throw ValidationError("give at least one --set PATH=V1,V2,… (or --find)") }
        try batch.validate(example: "shards/shard-{shard}.sqlite")
    }

    func run() throws {
        let input: ScenarioInput
        do {
            input = try InputReporting.loadOrExit(paths, quiet: quiet)
        } catch let code as ExitCode where batch.shard != nil || batch.emit != nil {
            // A batch system must not retry bad input: 2, whatever the kind of input error.
            throw code == .success ? code : ExitCode(2)
        }
        do {
            try runSweep(input: input)
        } catch let error as SweepError {
            StandardError.write("kubesim: \(error)\n")
            // A shard tells its batch system whether to retry: 1 retryable, 2 bad input.
            throw ExitCode(batch.shard != nil || batch.emit != nil ? (error.isRetryable ? 1 : 2) : 1)
        }
    }

    private func runSweep(input: ScenarioInput) throws {
        let axes = try settings.map { try SweepAxis(parsing: $0) }
        let policyChoice = try policy.map { try PolicyChoice(parsing: $0) }
        let base = RunConfiguration(input: input, policy: policyChoice)
        let hash = ScenarioFingerprint.fingerprint(paths: paths, input: input)
        let store = try SweepStore(path: batch.shard == nil && batch.emit == nil ? batch.db : nil)
        let interruption = Interruption.install()
        let shouldStop: @Sendable () -> Bool = { interruption.requested }
        let progress = SweepProgress(enabled: !quiet)

        if let find {
            let interval = try SearchInterval(parsing: find)
            var fixed: [(path: ParameterPath, value: String)] = []
            for axis in axes {
                guard axis.values.count == 1 else {
                    throw SweepError.malformedSetting(
                        "\(axis.path)=\(axis.values.joined(separator: ","))",
                        reason: "with --find, each --set takes one value")
                }
                if axis.path == interval.path {
                    throw SweepError.malformedSetting("\(axis.path)", reason: "is also the --find path")
                }
                fixed.append((axis.path, axis.values[0]))
            }
            guard let metricIndex = MetricCatalog.index(of: metric) else { throw SweepError.unknownMetric(metric) }
            let search = CapacitySearch(
                interval: interval, fixed: fixed, target: try MetricTarget(metric: metricIndex, parsing: target!),
                confidence: confidence)
            if batch.shard != nil || batch.emit != nil {
                // Sharded, --find runs its whole grid (every value of the interval); the search
                // then bisects on the merged database and runs nothing.
                let plan = try SweepPlan(
                    scenarioName: input.scenario.name, scenarioHash: hash, base: base,
                    points: (interval.low...interval.high).map(search.point), replications: replications)
                let tasks = try plan.tasks()
                if batch.emit != nil {
                    print(emitJob(taskCount: tasks.count))
                } else {
                    try runShard(
                        try SweepShard(parsing: batch.shard!, environment: ProcessInfo.processInfo.environment),
                        plan: plan,
                        tasks: tasks, shown: [metricIndex], shouldStop: shouldStop, progress: progress)
                }
                return
            }
            // Both ends of the interval are checked before the first probe runs (a count of
            // nodes too low for the actions fails at the low end).
            _ = try SweepPlan(
                scenarioName: input.scenario.name, scenarioHash: hash, base: base,
                points: [search.point(interval.low), search.point(interval.high)], replications: replications)
            print(
                "finding the smallest \(interval.path) in \(interval.low)…\(interval.high) with \(search.target) in ≥ \(percent(confidence)) of \(replications) replications"
            )
            print(
                "(bisection: assumes \(search.target.description.split(separator: " ")[0]) improves monotonically as \(interval.path) grows)"
            )
            let (outcome, _) = try search.run(
                evaluate: { (point: ParameterPoint) throws(SweepError) -> [Int: Double] in
                    let plan = try SweepPlan(
                        scenarioName: input.scenario.name, scenarioHash: hash, base: base, points: [point],
                        replications: replications)
                    let report = try SweepExecution.execute(
                        plan, store: store, jobs: jobs, shouldStop: shouldStop,
                        progress: { progress.report(task: $0, outcome: $1, done: $2, total: $3) })
                    progress.finish()
                    if report.interrupted { throw SweepError.store("interrupted; finished runs are in the database") }
                    return report.results.metric(metricIndex, at: 0)
                },
                report: { probe in
                    print(
                        "probe \(interval.path)=\(probe.value): \(probe.met)/\(probe.replications) replications meet the target"
                            + " (\(percent(probe.fraction))), \(metric) mean \(MetricFormat.estimate(probe.estimate, unit: MetricCatalog.all[metricIndex].unit))"
                            + " → \(probe.satisfied ? "meets" : "misses")")
                })
            if let answer = outcome.answer {
                print(
                    "answer: \(interval.path)=\(answer) (\(outcome.probes.count) probes × \(replications) replications)"
                )
            } else {
                print("answer: none in \(interval.low)…\(interval.high): the target is missed even at \(interval.high)")
                throw ExitCode(3)
            }
            return
        }

        let plan = try SweepPlan(
            scenarioName: input.scenario.name, scenarioHash: hash, base: base,
            points: ParameterPoint.cartesianProduct(axes),
            replications: replications)
        let tasks = try plan.tasks()
        if batch.emit != nil {
            print(emitJob(taskCount: tasks.count))
            return
        }
        let shown = try metrics.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let index = MetricCatalog.index(of: trimmed) else { throw SweepError.unknownMetric(trimmed) }
            return index
        }
        if let shard = batch.shard {
            try runShard(
                try SweepShard(parsing: shard, environment: ProcessInfo.processInfo.environment), plan: plan,
                tasks: tasks, shown: shown, shouldStop: shouldStop, progress: progress)
            return
        }
        let report = try SweepExecution.execute(
            plan, tasks: tasks, store: store, jobs: jobs, shouldStop: shouldStop,
            progress: { progress.report(task: $0, outcome: $1, done: $2, total: $3) })
        progress.finish()
        if !quiet {
            StandardError.write(
                "sweep: \(plan.points.count) point\(plan.points.count == 1 ? "" : "s") × \(replications) replications = \(report.total) runs; "
                    + "\(report.skipped) already in the database, \(report.ran) run now\n")
        }
        print(SweepSummaryTable(results: report.results, metrics: shown, confidence: confidence).render())
        if let csv {
            try SweepCSV.render(plan: plan, tasks: tasks, results: report.results).write(
                toFile: csv, atomically: true, encoding: .utf8)
            if !quiet { StandardError.write("sweep: wrote \(csv)\n") }
        }
        if report.interrupted {
            StandardError.write(
                "kubesim: interrupted; \(report.ran) finished runs were saved\(batch.db.map { " in \($0)" } ?? ""); re-run to resume\n"
            )
            throw ExitCode(130)
        }
    }

    private func percent(_ fraction: Double) -> String { String(format: "%.0f%%", fraction * 100) }
}
