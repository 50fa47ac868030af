import Foundation

/// A pod list of the Alibaba GPU cluster trace v2023 ("openb", Weng et al., USENIX ATC 2023),
/// `openb_pod_list_*.csv`: `name, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos,
/// pod_phase, creation_time, deletion_time, scheduled_time` (times in seconds from the trace start).
///
/// Records are kept in ascending creation time (stable: ties keep file order). Files without a
/// `creation_time` column (`openb_pod_list_multigpu50.csv`) arrive all at time 0, in file order,
/// as the trace's own simulator replays them.
///
/// The one reader of openb pod rows, for scenarios (`arrivals.trace`) and the FGD experiment
/// (`kubesim bench fgd`) alike, with one set of row rules: every row has the header's columns;
/// `name` is set; counts are non-negative integers (`12.0` reads as 12) within
/// ``OpenBNodeList/maxCPUMilli`` and ``OpenBNodeList/maxMemoryMiB``; `num_gpu` is 0…8 (the
/// artifact's `MaxSpecGpu`); a single-GPU pod asks 1…1000 milli-GPU and a multi-GPU pod whole
/// GPUs (`gpu_milli` 1000: only single-GPU pods share, the artifact's `PodResource`). As the
/// artifact's CSV-to-YAML conversion does (`data/pod_csv_to_yaml.py`), a CPU-only pod
/// (`num_gpu` 0) carries no GPU share and no model constraint, whatever its other columns say.
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

    /// Why a trace cannot be read: file, 1-based line, column and reason.
    public typealias ParseError = OpenBParseError

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
        try self.init(bytes: OpenBFile.bytes(atPath: path), fileName: path)
    }

    /// Parses CSV text.
    public init(csv text: String, fileName: String) throws(ParseError) {
        try self.init(bytes: Array(text.utf8), fileName: fileName)
    }

    /// Parses CSV bytes (``CSVTable``).
    init(bytes: [UInt8], fileName: String) throws(ParseError) {
        let table = try OpenBFile.table(bytes, fileName: fileName)
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
            guard fields.count == header.count else {
                throw ParseError(
                    file: fileName, line: lineNumber, reason: "expected \(header.count) columns, found \(fields.count)")
            }
            /// A non-negative integer cell no greater than `maximum`; whole numbers written as `12.0` are accepted.
            func integer(
                _ index: Int?, _ name: String, maximum: Int64 = .max, optional: Bool = false
            ) throws(ParseError) -> Int64? {
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
                if valid && value <= maximum { return value }
                throw ParseError(
                    file: fileName, line: lineNumber, field: name,
                    reason: "Invalid value: \"\(table.text(row, index))\": "
                        + (valid ? "must be no greater than \(maximum)" : "must be a non-negative integer"))
            }
            let name = table.text(row, nameColumn)
            if name.isEmpty {
                throw ParseError(file: fileName, line: lineNumber, field: "name", reason: "Required value")
            }
            let creation = try integer(creationColumn, "creation_time") ?? 0
            var deletion = try integer(deletionColumn, "deletion_time", optional: true)
            if let value = deletion, value < creation { deletion = nil }
            let numGPU = Int(try integer(gpuColumn, "num_gpu", maximum: Int64(OpenBNodeList.maxGPUs)) ?? 0)
            var gpuMilli = Int(try integer(gpuMilliColumn, "gpu_milli", maximum: 1000, optional: true) ?? 0)
            var gpuSpec = specColumn.map { table.text(row, $0) } ?? ""
            if numGPU == 0 {
                gpuMilli = 0
                gpuSpec = ""
            } else if numGPU == 1, gpuMilli == 0 {
                throw ParseError(
                    file: fileName, line: lineNumber, field: "gpu_milli",
                    reason: "Required value: a pod with num_gpu 1 asks 1…1000 milli-GPU")
            } else if numGPU > 1, gpuMilli != 1000 {
                throw ParseError(
                    file: fileName, line: lineNumber, field: "gpu_milli",
                    reason:
                        "Invalid value: \"\(gpuMilli)\": must be 1000 when num_gpu is \(numGPU) (only single-GPU pods share)"
                )
            }
            records.append(
                Record(
                    name: name,
                    cpuMilli: try integer(cpuColumn, "cpu_milli", maximum: OpenBNodeList.maxCPUMilli) ?? 0,
                    memoryMiB: try integer(memoryColumn, "memory_mib", maximum: OpenBNodeList.maxMemoryMiB) ?? 0,
                    numGPU: numGPU, gpuMilli: gpuMilli, gpuSpec: gpuSpec,
                    qos: qosColumn.map { table.text(row, $0) } ?? "",
                    creationTime: creation,
                    deletionTime: deletion))
        }
        self.init(records: records)
    }
}
