import Foundation
import Scenarios

/// Reads the node and pod lists of the Alibaba GPU cluster trace v2023 (`openb_*.csv`) from a directory the
/// user names; the files are never copied. The rows go through the scenarios' readers (``OpenBNodeList``,
/// ``OpenBTrace``), so `kubesim bench fgd` and `kubesim run` accept and reject the same files with the same
/// errors; this type only names the paper's files and reduces each row to what placement reads.
public enum GPUTraceReader {
    /// The file name of the GPU-node list used by the paper's experiment (1,213 nodes, 6,212 GPUs).
    public static let gpuNodeListFile = "openb_node_list_gpu_node.csv"

    /// The pod-list suffixes of the paper's experiment (`openb_pod_list_<suffix>.csv`).
    public static let paperWorkloads = ["default", "cpu050", "gpushare100", "gpuspec33", "multigpu50"]

    /// The file name of a pod list: `openb_pod_list_<workload>.csv`.
    public static func podListFile(workload: String) -> String { "openb_pod_list_\(workload).csv" }

    /// Reads a node list, in file order.
    /// - Throws: ``GPUTraceError`` naming the file, line and column of a missing column or malformed row.
    public static func readNodes(at path: String) throws(GPUTraceError) -> [GPUTraceNode] {
        try OpenBNodeList(contentsOf: path).records.map(GPUTraceNode.init)
    }

    /// Reads a pod list, in creation-time order (``GPUSharingWorkload`` sorts by name).
    /// - Throws: ``GPUTraceError`` naming the file, line and column of a missing column or malformed row.
    public static func readPods(at path: String) throws(GPUTraceError) -> [GPUTracePod] {
        try OpenBTrace(contentsOf: path).records.map(GPUTracePod.init)
    }
}

extension GPUTraceNode {
    /// The placement-relevant columns of a node-list row.
    init(_ record: OpenBNodeList.Record) {
        self.init(
            name: record.name, cpuMilli: Int(record.cpuMilli), memoryMiB: Int(record.memoryMiB),
            gpuCount: record.gpuCount, model: record.model)
    }
}

extension GPUTracePod {
    /// The placement-relevant columns of a pod-list row, its `gpu_spec` split on `|` (empty parts dropped).
    init(_ record: OpenBTrace.Record) {
        self.init(
            name: record.name, cpuMilli: Int(record.cpuMilli), memoryMiB: Int(record.memoryMiB),
            gpuCount: record.numGPU, gpuMilli: record.gpuMilli,
            gpuSpec: record.gpuSpec.split(separator: "|").map(String.init))
    }
}
