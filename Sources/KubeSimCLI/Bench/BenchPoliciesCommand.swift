import ArgumentParser
import Experiments
import Foundation

/// `kubesim bench policies`: the scheduler-policy benchmark suite.
struct BenchPoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "Run the benchmark workloads under each scheduler policy and print one comparison table.",
        discussion: """
            Each workload (every *.yaml directly in --suite) runs under each policy, --replications \
            times. Replication r uses the same seed under every policy (common random numbers), so \
            the same pods arrive at the same moments with the same sizes and lifetimes; only the \
            placement decisions differ. Columns: placement success (pods bound / created), pending \
            time (creation → binding) p50 and p99 (∞ when the percentile lies among pods still \
            unbound at the end: they are censored, not left out), time-weighted CPU utilisation, CPU \
            fragmentation \
            (free CPU stranded on nodes that cannot fit a typical pod, at the end), nodes that ever \
            held a pod, preemptions, and the wall time of the scheduler's events (with the record \
            sinks they trigger) per scheduling attempt. Quote decision times from a release build \
            on an otherwise idle machine.

            Policies: \(PolicyChoice.names.joined(separator: ", ")), or a KubeSchedulerConfiguration .yaml.

            Examples:
              kubesim bench policies
              kubesim bench policies --policies default,mostallocated,bestfit --replications 10 --csv policies.csv
              kubesim bench policies --large --policies default,dotproduct --replications 1
              kubesim bench policies --policies default,my-scheduler-config.yaml --only gpu
              kubesim bench policies --replications 10 --shard auto/8 --db 'shards/bench-{shard}.sqlite'
              kubesim merge bench.sqlite shards/bench-*.sqlite && kubesim bench policies --replications 10 --db bench.sqlite
              kubesim bench policies --replications 10 --emit slurm --shards 8 > bench.sbatch.sh && bash bench.sbatch.sh

            --db stores every run (resumable, like a sweep's); --shard I/N runs only the runs whose index \
            in the matrix (workload, then replication, then policy) is I modulo N, into its own --db file, \
            for `kubesim merge` (see `kubesim sweep --help`); --emit slurm|kubernetes --shards N prints the \
            Slurm job array or Indexed Job that runs the shards, merges them and prints this table. Exit codes: 0 done, 1 retryable, 2 bad input.
            """
    )

    @Option(help: "Folder of workload scenarios.")
    var suite: String = "scenarios/benchmarks"

    @Flag(help: "Use the 5,000-node envelope workloads (<suite>/large).")
    var large = false

    @Option(help: "Comma-separated policies.")
    var policies: String = "default,mostallocated,requestedtocapacityratio,firstfit,bestfit,random,dotproduct"

    @Option(help: "Only workloads whose name contains one of these (comma-separated).")
    var only: String?

    @Option(help: "Replications per workload and policy.")
    var replications: Int = 3

    @Option(
        help:
            "Parallel runs (default: the CPUs granted: SLURM_CPUS_PER_TASK, else the cgroup CPU quota, else the cores)."
    )
    var jobs: Int = CPUAllowance.granted()

    @Option(help: "Write one CSV row per run to this file.")
    var csv: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup(title: "Batch jobs")
    var batch: BatchJobOptions

    func validate() throws {
        guard replications >= 1, replications <= 10_000 else {
            throw ValidationError("--replications must be in 1…10000")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        try batch.validate(example: "shards/bench-{shard}.sqlite")
    }

    /// The arguments that define the matrix, for the emitted shard and report commands.
    var planArguments: [String] {
        ["--suite", suite] + (large ? ["--large"] : []) + ["--policies", policies]
            + (only.map { ["--only", $0] } ?? []) + ["--replications", String(replications)]
    }

    func run() throws {
        do {
            let directory = large ? (suite as NSString).appendingPathComponent("large") : suite
            let filters = only.map { $0.split(separator: ",").map(String.init) } ?? []
            let workloads = try BenchmarkSuite(directory: directory, only: filters)
            let choices = try policies.split(separator: ",").map { try PolicyChoice(parsing: String($0)) }
            let benchmark = PolicyBenchmark(suite: workloads, policies: choices, replications: replications)
            if batch.emit != nil {
                print(
                    batch.job(
                        command: ["bench", "policies"], defaultName: "kubesim-bench-policies",
                        planArguments: planArguments, taskCount: benchmark.cells.count,
                        reportOutputArguments: csv.map { ["--csv", $0] } ?? []))
                return
            }
            let interruption = Interruption.install()
            let quiet = self.quiet
            let started = Date()
            let progress: @Sendable (Int, Int) -> Void = { done, total in
                if !quiet { StandardError.progress("[\(done)/\(total)] runs") }
            }
            let results: PolicyBenchmarkResults
            var publish: (() throws -> Void)?
            if let shard = batch.shard {
                (results, publish) = try runShard(
                    benchmark, shard: try SweepShard(parsing: shard, environment: ProcessInfo.processInfo.environment),
                    shouldStop: { interruption.requested }, progress: progress)
            } else if let db = batch.db {
                results = try benchmark.run(
                    cells: benchmark.cells, store: try SweepStore(path: db), jobs: jobs,
                    shouldStop: { interruption.requested }, progress: progress
                ).results
            } else {
                results = benchmark.run(jobs: jobs, shouldStop: { interruption.requested }, progress: progress)
            }
            if !quiet {
                StandardError.endProgress()
                StandardError.write(
                    String(format: "%d runs in %.1f s\n", results.outcomes.count, Date().timeIntervalSince(started)))
                for (cell, outcome) in results.outcomes.sorted(by: {
                    ($0.key.workload, $0.key.policy, $0.key.replication) < (
                        $1.key.workload, $1.key.policy, $1.key.replication
                    )
                })
                where outcome.status == .failed {
                    StandardError.write(
                        "failed: \(results.workloads[cell.workload]) / \(results.policies[cell.policy]) r\(cell.replication): \(outcome.message)\n"
                    )
                }
            }
            print(results.table())
            if let csv {
                try results.csv().write(toFile: csv, atomically: true, encoding: .utf8)
                if !quiet { StandardError.write("wrote \(csv)\n") }
            }
            if interruption.requested {
                StandardError.write("kubesim: interrupted; the table holds the runs that finished\n")
                throw ExitCode(batch.shard != nil ? 1 : 130)
            }
            if let publish {
                try publish()
                let failed = results.outcomes.values.filter { $0.status == .failed }.count
                if failed > 0 {
                    StandardError.write(
                        "kubesim: \(failed) run\(failed == 1 ? "" : "s") failed; re-run the shard to retry\n")
                    throw ExitCode(1)
                }
            }
        } catch let error as SweepError {
            StandardError.write("kubesim: \(error)\n")
            // A shard tells its batch system whether to retry: 1 retryable, 2 bad input.
            throw ExitCode(batch.shard != nil || batch.emit != nil ? (error.isRetryable ? 1 : 2) : 1)
        }
    }

    /// Runs one shard of the matrix into its own file; returns the shard's results and what
    /// publishes the file (nil when the published file was already complete).
    private func runShard(
        _ benchmark: PolicyBenchmark, shard: SweepShard, shouldStop: @escaping @Sendable () -> Bool,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) throws(SweepError) -> (PolicyBenchmarkResults, (() throws -> Void)?) {
        let file = ShardFile(path: shard.expand(batch.db!))
        let record = SweepStore.PlanRecord(
            fingerprint: benchmark.fingerprint(policy: policyDescription()), shardIndex: shard.index,
            shardCount: shard.count)
        let indexes = benchmark.cells.indices.filter(shard.contains(taskIndex:))
        let (store, isPartial) = try file.open(record: record, taskIndexes: indexes)
        let (results, ran) = try benchmark.run(
            cells: indexes.map { benchmark.cells[$0] }, store: store, jobs: jobs, shouldStop: shouldStop,
            progress: progress)
        StandardError.endProgress()
        StandardError.write(
            "bench: shard \(shard) holds \(indexes.count) of the matrix's \(benchmark.cells.count) runs; \(ran) run now\n"
        )
        guard isPartial else { return (results, nil) }
        return (
            results,
            {
                try file.publish()
                StandardError.write("bench: published \(file.path)\n")
            }
        )
    }

    /// The policies as the fingerprint sees them: each name, and a configuration file's contents hash.
    private func policyDescription() -> String {
        policies.split(separator: ",").map { ScenarioFingerprint.policyDescription(String($0)) }.joined(separator: ",")
    }
}
