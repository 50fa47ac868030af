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

    @Option(help: "Parallel runs (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Write one CSV row per run to this file.")
    var csv: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard replications >= 1, replications <= 10_000 else {
            throw ValidationError("--replications must be in 1…10000")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        do {
            let directory = large ? (suite as NSString).appendingPathComponent("large") : suite
            let filters = only.map { $0.split(separator: ",").map(String.init) } ?? []
            let workloads = try BenchmarkSuite(directory: directory, only: filters)
            let choices = try policies.split(separator: ",").map { try PolicyChoice(parsing: String($0)) }
            let benchmark = PolicyBenchmark(suite: workloads, policies: choices, replications: replications)
            let interruption = Interruption.install()
            let quiet = self.quiet
            let started = Date()
            let results = benchmark.run(
                jobs: jobs, shouldStop: { interruption.requested },
                progress: { done, total in
                    if !quiet { StandardError.progress("[\(done)/\(total)] runs") }
                })
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
                throw ExitCode(130)
            }
        } catch let error as SweepError {
            StandardError.write("kubesim: \(error)\n")
            throw ExitCode.failure
        }
    }
}
