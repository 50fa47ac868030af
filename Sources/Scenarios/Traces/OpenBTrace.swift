import Foundation

/// A pod list of the Alibaba GPU cluster trace v2023 ("openb", Weng et al., USENIX ATC 2023),
/// `openb_pod_list_*.csv`: `name, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos,
/// pod_phase, creation_time, deletion_time, scheduled_time` (times in seconds from the trace start).
///
/// Records are kept in ascending creation time (stable: ties keep file order). Files without a
/// `creation_time` column (`openb_pod_list_multigpu50.csv`) arrive all at time 0, in file order,
/// as the trace's own simulator replays them.
public struct OpenBTrace: Sendable {
    /// One pod of the trace.
    public struct Record: Sendable, Hashable {
        /// `name`.
        public var name: String
        /// `cpu_milli`: CPU request in millicores.
        public var cpuMilli: Int64
        /// `memory_mib`: memory request in MiB.
        public var memoryMiB: Int64
        /// `num_gpu` (0–8).
        public var numGPU: Int
        /// `gpu_milli`: share of one GPU in thousandths.
        public var gpuMilli: Int
        /// `gpu_spec`: allowed GPU models separated by `|`; empty means any.
        public var gpuSpec: String
        /// `qos`.
        public var qos: String
        /// `creation_time`, seconds since the trace start.
        public var creationTime: Int64
        /// `deletion_time`, seconds since the trace start, if known.
        public var deletionTime: Int64?
    }

    /// Why a trace cannot be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// 1-based line, if the problem is in a row.
        public var line: Int?
        /// What is wrong.
        public var reason: String

        /// Creates an error.
        public init(file: String, line: Int?, reason: String) {
            self.file = file
            self.line = line
            self.reason = reason
        }

        /// `file:line: reason`.
        public var description: String {
            line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
        }
    }

    /// The records, in ascending creation time.
    public var records: [Record]

    /// Creates a trace from records (sorted stably by creation time).
    public init(records: [Record]) {
        self.records = records.enumerated()
            .sorted { ($0.element.creationTime, $0.offset) < ($1.element.creationTime, $1.offset) }
            .map(\.element)
    }

    /// Reads a trace file.
    /// - Throws: ``ParseError`` when the file is missing, lacks a required column, or has a bad row.
    /// - Complexity: O(size of the file), one pass over its bytes.
    public init(contentsOf path: String) throws(ParseError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParseError(file: path, line: nil, reason: "no such file or directory")
        }
        try self.init(bytes: [UInt8](data), fileName: path)
    }

    /// Parses CSV text.
    public init(csv text: String, fileName: String) throws(ParseError) {
        try self.init(bytes: Array(text.utf8), fileName: fileName)
    }

    /// Parses CSV bytes (``CSVTable``).
    init(bytes: [UInt8], fileName: String) throws(ParseError) {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: bytes)
        } catch {
            throw ParseError(file: fileName, line: nil, reason: "empty file")
        }
        guard let nameColumn = table.column("name"), let cpuColumn = table.column("cpu_milli"),
            let memoryColumn = table.column("memory_mib")
        else {
            throw ParseError(
                file: fileName, line: table.headerLine,
                reason: "not an openb pod list: needs columns name, cpu_milli, memory_mib")
        }
        let gpuColumn = table.column("num_gpu"), gpuMilliColumn = table.column("gpu_milli")
        let specColumn = table.column("gpu_spec"), qosColumn = table.column("qos")
        let creationColumn = table.column("creation_time"), deletionColumn = table.column("deletion_time")
        let header = table.header
        var records: [Record] = []
        records.reserveCapacity(table.rows.count)
        for row in table.rows {
            let lineNumber = row.line
            let fields = row.cells
            guard fields.count >= header.count else {
                throw ParseError(
                    file: fileName, line: lineNumber, reason: "expected \(header.count) columns, found \(fields.count)")
            }
            /// A non-negative integer cell; whole numbers written as `12.0` are accepted.
            func integer(_ index: Int?, _ name: String, optional: Bool = false) throws(ParseError) -> Int64? {
                guard let index else { return nil }
                let range = fields[index]
                if range.isEmpty && optional { return nil }
                var value: Int64 = 0
                var valid = !range.isEmpty
                var sawPoint = false
                for position in range {
                    let byte = bytes[position]
                    if byte == 0x2E && !sawPoint {
                        sawPoint = true
                    } else if byte >= 0x30 && byte <= 0x39 {
                        if sawPoint {
                            if byte != 0x30 { valid = false }
                            continue
                        }
                        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                        let (sum, o2) = times10.addingReportingOverflow(Int64(byte - 0x30))
                        if o1 || o2 { valid = false }
                        value = sum
                    } else {
                        valid = false
                    }
                }
                if valid { return value }
                throw ParseError(
                    file: fileName, line: lineNumber,
                    reason: "\(name): Invalid value: \"\(table.text(row, index))\": must be a non-negative integer")
            }
            let creation = try integer(creationColumn, "creation_time") ?? 0
            var deletion = try integer(deletionColumn, "deletion_time", optional: true)
            if let value = deletion, value < creation { deletion = nil }
            records.append(
                Record(
                    name: table.text(row, nameColumn),
                    cpuMilli: try integer(cpuColumn, "cpu_milli") ?? 0,
                    memoryMiB: try integer(memoryColumn, "memory_mib") ?? 0,
                    numGPU: Int(try integer(gpuColumn, "num_gpu") ?? 0),
                    gpuMilli: Int(try integer(gpuMilliColumn, "gpu_milli", optional: true) ?? 0),
                    gpuSpec: specColumn.map { table.text(row, $0) } ?? "",
                    qos: qosColumn.map { table.text(row, $0) } ?? "",
                    creationTime: creation,
                    deletionTime: deletion))
        }
        self.init(records: records)
    }
}
