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
            Build in release mode (swift build -c release) before quoting the wall time.
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

    @Option(help: "Output CSV file (written atomically).")
    var out: String

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: traces, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--traces \(traces): no such directory")
        }
        _ = try parsedPolicies()
        _ = try parsedSeeds()
        _ = try parsedWorkloads()
        guard !out.isEmpty else { throw ValidationError("--out needs a file path") }
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
        let experiment = GPUSharingExperiment(
            workloads: prepared, policies: try parsedPolicies(), seeds: try parsedSeeds())
        let total = experiment.runCount
        let rows = experiment.run { done in
            StandardError.progress("runs \(done)/\(total)")
        }
        StandardError.endProgress()
        try GPUSharingExperiment.writeCSV(rows, to: out)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        FileHandle.standardError.write(
            Data(
                String(format: "%d runs in %.2f s wall; %d rows written to %@\n", total, seconds, rows.count, out)
                    .utf8))
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
