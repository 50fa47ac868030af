import Foundation

/// A node list of the Alibaba GPU cluster trace v2023 ("openb", Weng et al., USENIX ATC 2023),
/// `openb_node_list_*.csv`: `sn, cpu_milli, memory_mib, gpu, model` (node name, CPU in
/// millicores, memory in MiB, GPU count 0–8, GPU model; empty model on CPU-only nodes).
///
/// Read from the path the user gives; the trace is never copied into the project.
public struct OpenBNodeList: Sendable, Hashable {
    /// One node of the list.
    public struct Record: Sendable, Hashable {
        /// `sn`.
        public var name: String
        /// `cpu_milli`.
        public var cpuMilli: Int64
        /// `memory_mib`.
        public var memoryMiB: Int64
        /// `gpu`: number of GPUs.
        public var gpuCount: Int
        /// `model`: GPU model, empty on CPU-only nodes.
        public var model: String
    }

    /// Why a node list cannot be read: file, 1-based line, column and reason.
    public typealias ParseError = OpenBParseError

    /// Rows in file order.
    public var records: [Record]

    /// The most GPUs a node may have: the artifact's `MaxSpecGpu` (8000 milli-GPU).
    public static let maxGPUs = 8
    /// The most CPU a listed node may have, in millicores (100,000 cores), so that every count fits
    /// the 32-bit fields of the FGD experiment's placement model.
    public static let maxCPUMilli: Int64 = 100_000_000
    /// The most memory a listed node may have, in MiB (about 954 TiB).
    public static let maxMemoryMiB: Int64 = 1_000_000_000

    /// Creates a list from records.
    public init(records: [Record]) { self.records = records }

    /// Reads a node list file.
    /// - Throws: ``ParseError`` for a missing file, a missing column, or a bad cell.
    /// - Complexity: O(size of the file).
    public init(contentsOf path: String) throws(ParseError) {
        try self.init(bytes: OpenBFile.bytes(atPath: path), fileName: path)
    }

    /// Parses CSV text (``CSVTable``).
    public init(csv text: String, fileName: String) throws(ParseError) {
        try self.init(bytes: Array(text.utf8), fileName: fileName)
    }

    init(bytes: [UInt8], fileName: String) throws(ParseError) {
        let table = try OpenBFile.table(bytes, fileName: fileName)
        var columns: [Int] = []
        for name in ["sn", "cpu_milli", "memory_mib", "gpu", "model"] {
            guard let index = table.column(name) else {
                throw ParseError(
                    file: fileName, line: table.headerLine, field: name,
                    reason:
                        "Required value: not an openb node list (needs columns sn, cpu_milli, memory_mib, gpu, model)")
            }
            columns.append(index)
        }
        let header = table.header
        var records: [Record] = []
        var seen: Set<String> = []
        for row in table.rows {
            let line = row.line
            guard row.cells.count >= header.count else {
                throw ParseError(
                    file: fileName, line: line, field: nil,
                    reason: "expected \(header.count) columns, found \(row.cells.count)")
            }
            func integer(_ column: Int, _ name: String, maximum: Int64 = .max) throws(ParseError) -> Int64 {
                let text = table.text(row, columns[column])
                guard let value = Int64(text), value >= 0, value <= maximum else {
                    let valid = Int64(text).map { $0 >= 0 } ?? false
                    throw ParseError(
                        file: fileName, line: line, field: name,
                        reason: "Invalid value: \"\(text)\": "
                            + (valid ? "must be no greater than \(maximum)" : "must be a non-negative integer"))
                }
                return value
            }
            let name = table.text(row, columns[0])
            if name.isEmpty {
                throw ParseError(file: fileName, line: line, field: "sn", reason: "Required value")
            }
            if seen.contains(name) {
                throw ParseError(file: fileName, line: line, field: "sn", reason: "Duplicate value: \"\(name)\"")
            }
            seen.insert(name)
            let record = Record(
                name: name, cpuMilli: try integer(1, "cpu_milli", maximum: Self.maxCPUMilli),
                memoryMiB: try integer(2, "memory_mib", maximum: Self.maxMemoryMiB),
                gpuCount: Int(try integer(3, "gpu", maximum: Int64(Self.maxGPUs))), model: table.text(row, columns[4]))
            if record.gpuCount > 0 && record.model.isEmpty {
                throw ParseError(
                    file: fileName, line: line, field: "model", reason: "Required value: a GPU node needs its model")
            }
            records.append(record)
        }
        self.records = records
    }
}
