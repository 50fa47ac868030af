import ArgumentParser
import Experiments
import Foundation

/// `kubesim merge OUT.sqlite SHARD.sqlite…`: gathers the files of a sharded sweep.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard files of a sharded sweep into one results database.",
        discussion: """
            Every shard file must belong to the same plan (scenario files, points, replications, \
            metrics, policy, kubesim version): a file of another plan is refused by name (exit 2). \
            Runs are upserted, a completed run replacing a failed one, so merging is idempotent and \
            the order of the files does not matter; OUT may already hold an earlier merge. Shard files \
            that do not exist count as unpublished.

            Exit 0 when every run of the plan is completed in OUT: `kubesim sweep … --db OUT` then runs \
            nothing and prints the table of the unsharded sweep. Exit 3 when runs are missing, with \
            the shard indexes to resubmit; 1 when a file cannot be read or written.

            Examples:
              kubesim merge sweep.sqlite shards/shard-*.sqlite
              kubesim merge sweep.sqlite shards/shard-3.sqlite    # after resubmitting shard 3
            """
    )

    @Argument(help: "The merged database (created if needed).")
    var output: String

    @Argument(help: "Shard files written by `kubesim sweep --shard`.")
    var shards: [String]

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("name at least one shard file") }
        if shards.contains(output) { throw ValidationError("\(output) is both the output and a shard") }
    }

    func run() throws {
        let report: SweepMerge.Report
        do {
            guard let merged = try SweepMerge.merge(into: output, shards: shards) else {
                print("merge: none of the \(shards.count) shard files exists yet; nothing merged")
                throw ExitCode(3)
            }
            report = merged
        } catch let error as SweepError {
            StandardError.write("kubesim: \(error)\n")
            throw ExitCode(error.isRetryable ? 1 : 2)
        }
        let plan = report.fingerprint
        print(
            "merge: \(report.merged.count) shard file\(report.merged.count == 1 ? "" : "s") into \(output) "
                + "(\(plan.scenario): \(plan.points.count) point\(plan.points.count == 1 ? "" : "s") × \(plan.replications) replications = \(plan.taskCount) runs in \(report.shardCount) shards)"
        )
        for file in report.absent { print("not found (not published yet): \(file)") }
        print("\(report.completed)/\(plan.taskCount) runs completed")
        if !report.isComplete {
            let list = report.missing.map { "\($0.shard) (\($0.runs) run\($0.runs == 1 ? "" : "s"))" }
            print("shards with missing runs: \(list.joined(separator: ", "))")
            print("resubmit shard indexes: \(report.missing.map { String($0.shard) }.joined(separator: ","))")
            throw ExitCode(3)
        }
    }
}
