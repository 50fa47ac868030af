import ArgumentParser
import Experiments
import Foundation

/// `--db`, `--shard I/N` and `--emit slurm|kubernetes --shards N …`: the options shared by every
/// command whose runs are stored, sharded and printed as a batch job (`sweep`, `bench policies`,
/// `bench fgd`).
struct BatchJobOptions: ParsableArguments {
    /// The batch systems `--emit` writes for.
    enum BatchSystem: String, ExpressibleByArgument, CaseIterable {
        case slurm, kubernetes
    }

    @Option(help: "SQLite results database; runs already in it are skipped (default: in memory).")
    var db: String?

    @Option(help: "I/N or auto/N: run only shard I of N into its own --db file ({shard} in it becomes I).")
    var shard: String?

    @Option(help: "Print a batch job instead of running: slurm (a job array script) or kubernetes (an Indexed Job).")
    var emit: BatchSystem?

    @Option(help: "With --emit: the number of shards.")
    var shards: Int?

    @Option(help: "With --emit kubernetes: the container image (kubesim on its PATH, the scenarios inside).")
    var image: String?

    @Option(
        help: "With --emit: the folder of the shard files (default: sweep-shards for slurm, /shards for kubernetes).")
    var shardDir: String?

    @Option(help: "With --emit: CPUs per shard.")
    var cpusPerShard: Int = 1

    @Option(help: "With --emit: the job name.")
    var jobName: String?

    /// Checks the combination.
    /// - Parameter example: a shard file name for the error message, e.g. `shards/bench-{shard}.sqlite`.
    func validate(example: String) throws {
        if emit != nil, shard != nil {
            throw ValidationError("--emit prints the jobs that run the shards: drop --shard")
        }
        if shard != nil, db == nil {
            throw ValidationError("--shard needs --db FILE (its own file per shard, e.g. \(example))")
        }
        if emit != nil {
            guard let shards, shards >= 1 else { throw ValidationError("--emit needs --shards N (N ≥ 1)") }
            if emit == .kubernetes, image == nil { throw ValidationError("--emit kubernetes needs --image IMAGE") }
            guard cpusPerShard >= 1 else { throw ValidationError("--cpus-per-shard must be at least 1") }
        } else if shards != nil || image != nil || shardDir != nil || jobName != nil {
            throw ValidationError("--shards, --image, --shard-dir and --job-name go with --emit")
        }
    }

    /// The Slurm script or Kubernetes manifest that runs `command planArguments` in shards,
    /// merges them into `db` (default: `merged.sqlite` in the shard folder) and runs the report.
    /// - Parameters:
    ///   - command: the subcommand, e.g. `["bench", "policies"]`.
    ///   - defaultName: the job name when `--job-name` is not given.
    func job(
        command: [String], defaultName: String, planArguments: [String], taskCount: Int,
        reportOutputArguments: [String]
    ) -> String {
        let system = emit!
        let directory = shardDir ?? (system == .slurm ? "sweep-shards" : "/shards")
        let job = ShardedSweepJob(
            command: command, shards: shards!, taskCount: taskCount, planArguments: planArguments,
            shardDirectory: directory, output: db ?? ((directory as NSString).appendingPathComponent("sweep.sqlite")),
            reportOutputArguments: reportOutputArguments, cpusPerShard: cpusPerShard, name: jobName ?? defaultName)
        switch system {
        case .slurm:
            return job.slurmScript(
                executable: Self.executablePath(), workingDirectory: FileManager.default.currentDirectoryPath)
        case .kubernetes:
            return job.kubernetesManifest(image: image!)
        }
    }

    /// This process's binary, absolute.
    static func executablePath() -> String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        let argument = CommandLine.arguments[0]
        if argument.hasPrefix("/") { return argument }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(argument)
    }
}
