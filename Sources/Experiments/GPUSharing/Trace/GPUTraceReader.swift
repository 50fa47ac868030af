import Foundation
import Scenarios

/// Reads the node and pod lists of the Alibaba GPU cluster trace v2023 (`openb_*.csv`) from a directory the
/// user names; the files are never copied. Columns are found by header name, so extra columns (`qos`,
/// `creation_time`, …) are ignored and `openb_pod_list_multigpu50.csv`, which has only the first five, reads.
public enum GPUTraceReader {
    /// The file name of the GPU-node list used by the paper's experiment (1,213 nodes, 6,212 GPUs).
    public static let gpuNodeListFile = "openb_node_list_gpu_node.csv"

    /// The pod-list suffixes of the paper's experiment (`openb_pod_list_<suffix>.csv`).
    public static let paperWorkloads = ["default", "cpu050", "gpushare100", "gpuspec33", "multigpu50"]

    /// The file name of a pod list: `openb_pod_list_<workload>.csv`.
    public static func podListFile(workload: String) -> String { "openb_pod_list_\(workload).csv" }

    /// Reads a node list.
    /// - Throws: ``GPUTraceError`` naming the file and line of a missing column or malformed row.
    public static func readNodes(at path: String) throws(GPUTraceError) -> [GPUTraceNode] {
        let table = try TraceTable(path: path)
        let name = try table.column("sn"), cpu = try table.column("cpu_milli")
        let memory = try table.column("memory_mib"), gpu = try table.column("gpu"), model = try table.column("model")
        var nodes: [GPUTraceNode] = []
        nodes.reserveCapacity(table.rows.count)
        for row in table.rows {
            let node = GPUTraceNode(
                name: try row.text(name), cpuMilli: try row.integer(cpu, in: 0...100_000_000),
                memoryMiB: try row.integer(memory, in: 0...1_000_000_000), gpuCount: try row.integer(gpu, in: 0...8),
                model: row.optionalText(model))
            if node.gpuCount > 0, node.model.isEmpty {
                throw row.error("a node with \(node.gpuCount) GPUs needs a GPU model")
            }
            nodes.append(node)
        }
        return nodes
    }

    /// Reads a pod list.
    /// - Throws: ``GPUTraceError`` naming the file and line of a missing column or malformed row.
    public static func readPods(at path: String) throws(GPUTraceError) -> [GPUTracePod] {
        let table = try TraceTable(path: path)
        let name = try table.column("name"), cpu = try table.column("cpu_milli")
        let memory = try table.column("memory_mib"), count = try table.column("num_gpu")
        let milli = try table.column("gpu_milli")
        let spec = table.optionalColumn("gpu_spec")
        var pods: [GPUTracePod] = []
        pods.reserveCapacity(table.rows.count)
        for row in table.rows {
            let gpuCount = try row.integer(count, in: 0...8)
            let gpuMilli = try row.integer(milli, in: 0...1000)
            if gpuCount == 1, gpuMilli == 0 { throw row.error("gpu_milli must be 1…1000 for a GPU pod") }
            if gpuCount > 1, gpuMilli != 1000 {
                throw row.error("gpu_milli must be 1000 when num_gpu is \(gpuCount) (only single-GPU pods share)")
            }
            let models = spec.map { row.optionalText($0).split(separator: "|").map(String.init) } ?? []
            pods.append(
                GPUTracePod(
                    name: try row.text(name), cpuMilli: try row.integer(cpu, in: 0...100_000_000),
                    memoryMiB: try row.integer(memory, in: 0...1_000_000_000), gpuCount: gpuCount,
                    gpuMilli: gpuMilli, gpuSpec: models))
        }
        return pods
    }
}

/// A ``CSVTable`` (the one reader of the openb files) with this reader's errors: every problem names
/// the file and line.
private struct TraceTable {
    struct Row {
        let file: String
        let line: Int
        let table: CSVTable
        let row: CSVTable.Row

        func error(_ reason: String) -> GPUTraceError { GPUTraceError(file: file, line: line, reason: reason) }

        func text(_ column: (index: Int, name: String)) throws(GPUTraceError) -> String {
            let value = optionalText(column)
            if value.isEmpty { throw error("empty \(column.name)") }
            return value
        }

        func optionalText(_ column: (index: Int, name: String)) -> String { table.text(row, column.index) }

        func integer(_ column: (index: Int, name: String), in range: ClosedRange<Int>) throws(GPUTraceError) -> Int {
            let raw = optionalText(column)
            guard let value = Int(raw) else { throw error("\(column.name) is not an integer: '\(raw)'") }
            guard range.contains(value) else {
                throw error("\(column.name) \(value) is outside \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
    }

    let file: String
    let table: CSVTable
    let rows: [Row]

    init(path: String) throws(GPUTraceError) {
        do {
            table = try CSVTable(contentsOf: path)
        } catch .unreadable {
            throw GPUTraceError(file: path, line: nil, reason: "no such file or not readable")
        } catch {
            throw GPUTraceError(file: path, line: nil, reason: "empty file")
        }
        file = path
        var rows: [Row] = []
        rows.reserveCapacity(table.rows.count)
        for row in table.rows {
            if row.cells.count > table.header.count {
                throw GPUTraceError(
                    file: path, line: row.line,
                    reason: "\(row.cells.count) fields, the header has \(table.header.count)")
            }
            rows.append(Row(file: path, line: row.line, table: table, row: row))
        }
        self.rows = rows
    }

    func column(_ name: String) throws(GPUTraceError) -> (index: Int, name: String) {
        guard let column = optionalColumn(name) else {
            throw GPUTraceError(file: file, line: table.headerLine, reason: "missing column '\(name)' in header")
        }
        return column
    }

    func optionalColumn(_ name: String) -> (index: Int, name: String)? { table.column(name).map { ($0, name) } }
}
