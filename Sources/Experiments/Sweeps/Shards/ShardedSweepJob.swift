/// A sweep (or a benchmark: `bench policies`, `bench fgd`) split into shards for a batch
/// system: the shard command each array task or Indexed Job pod runs, the merge, and the final
/// report. Rendered by ``slurmScript()`` and ``kubernetesManifest()``.
public struct ShardedSweepJob: Sendable {
    /// The kubesim subcommand that runs a shard and the report: `["sweep"]`, `["bench", "policies"]`, ….
    public var command: [String]
    /// Number of shards.
    public var shards: Int
    /// Runs in the plan (for the comments).
    public var taskCount: Int
    /// The arguments after the command that define the plan (scenarios, `--set`s,
    /// replications, metrics, policy, confidence), shared by the shards and the report.
    public var planArguments: [String]
    /// Folder of the shard files (and, for Slurm, the logs and job scripts).
    public var shardDirectory: String
    /// The merged database.
    public var output: String
    /// The report's own output options (`--csv FILE`, `--out FILE`), if any.
    public var reportOutputArguments: [String]
    /// CPUs per shard (Slurm `--cpus-per-task`, the pod's CPU request and limit).
    public var cpusPerShard: Int
    /// Job name.
    public var name: String

    /// Creates a job description.
    public init(
        command: [String] = ["sweep"], shards: Int, taskCount: Int, planArguments: [String], shardDirectory: String,
        output: String, reportOutputArguments: [String], cpusPerShard: Int, name: String
    ) {
        self.command = command
        self.shards = shards
        self.taskCount = taskCount
        self.planArguments = planArguments
        self.shardDirectory = shardDirectory
        self.output = output
        self.reportOutputArguments = reportOutputArguments
        self.cpusPerShard = cpusPerShard
        self.name = name
    }

    /// Shard I's file.
    public func shardFile(_ index: Int) -> String { join(shardDirectory, "shard-\(index).sqlite") }

    /// `kubesim` arguments of every shard: the index comes from the batch system's environment
    /// and `{shard}` in `--db` becomes it.
    public var shardArguments: [String] {
        command + planArguments + [
            "--shard", "auto/\(shards)", "--db", join(shardDirectory, "shard-{shard}.sqlite"), "--quiet",
        ]
    }

    /// `kubesim merge OUT shard-0.sqlite … shard-(N-1).sqlite`.
    public var mergeArguments: [String] { ["merge", output] + (0..<shards).map(shardFile) }

    /// What the job runs, for comments: `kubesim sweep`, `kubesim bench policies`, ….
    var title: String { (["kubesim"] + command).joined(separator: " ") }

    /// The report from the merged database: runs nothing when the merge was complete.
    public var reportArguments: [String] {
        command + planArguments + ["--db", output] + reportOutputArguments + ["--quiet"]
    }

    func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }
}
