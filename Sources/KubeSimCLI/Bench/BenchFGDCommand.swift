import ArgumentParser
import Dispatch
import Experiments
import Foundation

/// `kubesim bench fgd`: the GPU-sharing placement experiment of Weng et al., "Beware of Fragmentation:
/// Scheduling GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC '23, on the Alibaba GPU
/// cluster trace v2023 (openb).
struct BenchFGDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgd",
        abstract: "Replay the FGD paper's GPU-sharing experiment (Weng et al., ATC '23) on the openb trace.",
        discussion: """
            An empty cluster of the trace's GPU nodes (openb_node_list_gpu_node.csv: 1,213 nodes, 6,212 GPUs)
            receives the pods of openb_pod_list_<workload>.csv, shuffled by seed and resampled until the arrived
            GPU request reaches 130% of the GPU capacity; pods never leave. For every whole percent of arrived
            GPU request (0…130) the CSV gives the GPU allocation ratio and the fragmented-GPU share, in percent
            of the cluster's GPUs:
              workload,policy,seed,arrived_pct,gpu_alloc_pct,frag_gpu_pct
            Cite the paper wherever the results are shown. Trace files are read in place, never copied.

            Examples:
              kubesim bench fgd --traces ../shared/traces/alibaba-gpu-v2023 --out fgd.csv
              kubesim bench fgd --traces DIR --workload default --policies random,dotproduct,gpuclustering,gpupacking,bestfit,fgd --seeds 42-51 --out fgd.csv
              kubesim bench fgd --traces DIR --workload default,cpu050,gpushare100,gpuspec33,multigpu50 --out paper.csv
              kubesim bench fgd --traces DIR --policies bestfit,fgd --seeds 42,43 --out small.csv
              kubesim bench fgd --traces DIR --shard auto/10 --db 'shards/fgd-{shard}.sqlite'
              kubesim merge fgd.sqlite shards/fgd-*.sqlite && kubesim bench fgd --traces DIR --db fgd.sqlite --out fgd.csv
              kubesim bench fgd --traces DIR --emit slurm --shards 10 --out fgd.csv > fgd.sbatch.sh && bash fgd.sbatch.sh
            Build in release mode (swift build -c release) before quoting the wall time.

            --db stores every run with its curve (resumable); --shard I/N runs only the runs whose index in the \
            plan (workload, then policy, then seed) is I modulo N, into its own --db file, for `kubesim merge` \
            (see `kubesim sweep --help`); --emit slurm|kubernetes --shards N prints the job array or Indexed Job \
            that runs the shards, merges them and writes --out. The merged CSV is the same bytes as one \
            machine's. Exit codes: 0 done, 1 retryable, 2 bad input.
            """
    )

    @Option(help: "Directory holding the openb_*.csv files of the Alibaba GPU trace v2023.")
    var traces: String

    @Option(help: "Pod-list suffix(es), comma-separated: default, cpu050, gpushare100, gpuspec33, multigpu50, …")
    var workload: String = "default"

    @Option(help: "Policies, comma-separated: \(GPUSharingPolicy.allCases.map(\.rawValue).joined(separator: ",")).")
    var policies: String = GPUSharingPolicy.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Seeds: a range (42-51), a list (42,43) or both (42-45,50).")
    var seeds: String = "42-51"

    @Option(help: "Node-list file name inside --traces.")
    var nodes: String = "openb_node_list_gpu_node.csv"

    @Option(help: "Output CSV file (written atomically); optional with --shard.")
    var out: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup(title: "Batch jobs")
    var batch: BatchJobOptions

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: traces, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--traces \(traces): no such directory")
        }
        _ = try parsedPolicies()
        _ = try parsedSeeds()
        _ = try parsedWorkloads()
        if let out, out.isEmpty { throw ValidationError("--out needs a file path") }
        if out == nil, batch.shard == nil {
            throw ValidationError("--out FILE is required (optional only with --shard)")
        }
        try batch.validate(example: "shards/fgd-{shard}.sqlite")
    }

    /// The arguments that define the plan, for the emitted shard and report commands.
    var planArguments: [String] {
        ["--traces", traces, "--workload", workload, "--policies", policies, "--seeds", seeds, "--nodes", nodes]
    }

    func run() throws {
        let directory = URL(fileURLWithPath: traces)
        let started = DispatchTime.now().uptimeNanoseconds
        let prepared: [GPUSharingWorkload]
        do {
            let nodeList = try GPUTraceReader.readNodes(at: directory.appendingPathComponent(nodes).path)
            prepared = try parsedWorkloads().map { name in
                let path = directory.appendingPathComponent(GPUTraceReader.podListFile(workload: name)).path
                return GPUSharingWorkload(name: name, nodes: nodeList, pods: try GPUTraceReader.readPods(at: path))
            }
        } catch let error as GPUTraceError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        for workload in prepared where workload.models.isSaturated {
            FileHandle.standardError.write(
                Data(
                    ("warning: \(workload.name): more than 63 GPU models; from the 64th on they share one model bit, "
                        + "so a model constraint naming one of them accepts all of them (GPUModelTable)\n").utf8))
        }
        let experiment = GPUSharingExperiment(
            workloads: prepared, policies: try parsedPolicies(), seeds: try parsedSeeds())
        let total = experiment.runCount
        if batch.emit != nil {
            print(
                batch.job(
                    command: ["bench", "fgd"], defaultName: "kubesim-bench-fgd", planArguments: planArguments,
                    taskCount: total, reportOutputArguments: out.map { ["--out", $0] } ?? []))
            return
        }
        let rows: [GPUSharingExperiment.Row]
        var ran = total
        if batch.db != nil || batch.shard != nil {
            do {
                (rows, ran) = try runStored(experiment, directory: directory)
            } catch let error as SweepError {
                StandardError.write("kubesim: \(error)\n")
                throw ExitCode(batch.shard != nil ? (error.isRetryable ? 1 : 2) : 1)
            }
        } else {
            let quiet = self.quiet
            rows = experiment.run { done in if !quiet { StandardError.progress("runs \(done)/\(total)") } }
            StandardError.endProgress()
        }
        if let out { try GPUSharingExperiment.writeCSV(rows, to: out) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        StandardError.write(
            String(format: "%d runs in %.2f s wall; %d rows", ran, seconds, rows.count)
                + (out.map { " written to \($0)" } ?? "") + "\n")
    }

    /// Runs into the --db file (a shard's own, when --shard): only what it lacks; publishes a
    /// finished shard. Returns the rows of the runs held and the number run now.
    private func runStored(
        _ experiment: GPUSharingExperiment, directory: URL
    ) throws -> ([GPUSharingExperiment.Row], Int) {
        let nodePath = directory.appendingPathComponent(nodes).path
        let hashes = try parsedWorkloads().map { name in
            ScenarioFingerprint.fingerprint(files: [
                nodePath, directory.appendingPathComponent(GPUTraceReader.podListFile(workload: name)).path,
            ])
        }
        let interruption = Interruption.install()
        let quiet = self.quiet
        let progress: @Sendable (Int, Int) -> Void = { done, total in
            if !quiet { StandardError.progress("runs \(done)/\(total)") }
        }
        let all = Array(0..<experiment.runCount)
        guard let shard = batch.shard else {
            let result = try experiment.run(
                only: all, workloadHashes: hashes, store: try SweepStore(path: batch.db!),
                shouldStop: { interruption.requested }, progress: progress)
            StandardError.endProgress()
            if !result.isComplete {
                StandardError.write("kubesim: interrupted; finished runs are in \(batch.db!); re-run to resume\n")
                throw ExitCode(130)
            }
            return (result.rows, result.ran)
        }
        let parsed = try SweepShard(parsing: shard, environment: ProcessInfo.processInfo.environment)
        let file = ShardFile(path: parsed.expand(batch.db!))
        let record = SweepStore.PlanRecord(
            fingerprint: experiment.fingerprint(workloadHashes: hashes), shardIndex: parsed.index,
            shardCount: parsed.count)
        let mine = all.filter(parsed.contains(taskIndex:))
        let (store, isPartial) = try file.open(record: record, taskIndexes: mine)
        let result = try experiment.run(
            only: mine, workloadHashes: hashes, store: store, shouldStop: { interruption.requested },
            progress: progress)
        StandardError.endProgress()
        StandardError.write(
            "bench: shard \(parsed) holds \(mine.count) of the plan's \(all.count) runs; \(result.ran) run now\n")
        guard result.isComplete else {
            StandardError.write("kubesim: interrupted; finished runs are in \(file.partialPath); re-run to resume\n")
            throw ExitCode(1)
        }
        if isPartial {
            try file.publish()
            StandardError.write("bench: published \(file.path)\n")
        }
        return (result.rows, result.ran)
    }

    private func parsedWorkloads() throws -> [String] {
        let names = workload.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { throw ValidationError("--workload is empty") }
        for name in names {
            let path = URL(fileURLWithPath: traces).appendingPathComponent(GPUTraceReader.podListFile(workload: name))
                .path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError(
                    "--workload \(name): no \(GPUTraceReader.podListFile(workload: name)) in \(traces)"
                        + " (paper workloads: \(GPUTraceReader.paperWorkloads.joined(separator: ", ")))")
            }
        }
        guard Set(names).count == names.count else { throw ValidationError("--workload lists a pod list twice") }
        return names
    }

    private func parsedPolicies() throws -> [GPUSharingPolicy] {
        let names = policies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.isEmpty else { throw ValidationError("--policies is empty") }
        let parsed = try names.map { name in
            guard let policy = GPUSharingPolicy(rawValue: name) else {
                throw ValidationError(
                    "--policies: unknown policy '\(name)' (known: \(GPUSharingPolicy.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            return policy
        }
        guard Set(parsed).count == parsed.count else { throw ValidationError("--policies lists a policy twice") }
        return parsed
    }

    private func parsedSeeds() throws -> [UInt64] {
        var seeds: [UInt64] = []
        for part in self.seeds.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = UInt64(bounds[0]), let high = UInt64(bounds.last!),
                low <= high
            else { throw ValidationError("--seeds: '\(part)' is not a seed or an ascending range like 42-51") }
            guard high - low < 10_000 else { throw ValidationError("--seeds: range \(part) has more than 10000 seeds") }
            seeds.append(contentsOf: low...high)
        }
        guard Set(seeds).count == seeds.count else { throw ValidationError("--seeds lists a seed twice") }
        return seeds
    }
}
