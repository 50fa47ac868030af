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
    public init(contentsOf path: String) throws(ParseError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParseError(file: path, line: nil, reason: "no such file or directory")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(file: path, line: nil, reason: "not UTF-8 text")
        }
        try self.init(csv: text, fileName: path)
    }

    /// Parses CSV text.
    public init(csv text: String, fileName: String) throws(ParseError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.isEmpty || last == "\r" { lines.removeLast() }
        guard let headerLine = lines.first else { throw ParseError(file: fileName, line: nil, reason: "empty file") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let nameColumn = column("name"), let cpuColumn = column("cpu_milli"),
            let memoryColumn = column("memory_mib")
        else {
            throw ParseError(
                file: fileName, line: 1,
                reason: "not an openb pod list: needs columns name, cpu_milli, memory_mib")
        }
        let gpuColumn = column("num_gpu"), gpuMilliColumn = column("gpu_milli"), specColumn = column("gpu_spec")
        let qosColumn = column("qos"), creationColumn = column("creation_time"),
            deletionColumn = column("deletion_time")
        var records: [Record] = []
        records.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.dropFirst().enumerated() {
            let lineNumber = offset + 2
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if cells.count == 1 && cells[0].isEmpty { continue }
            guard cells.count >= header.count else {
                throw ParseError(
                    file: fileName, line: lineNumber,
                    reason: "expected \(header.count) columns, found \(cells.count)")
            }
            func integer(_ index: Int?, _ name: String, optional: Bool = false) throws(ParseError) -> Int64? {
                guard let index else { return nil }
                let cell = cells[index]
                if cell.isEmpty && optional { return nil }
                // Some exports write whole numbers as `12.0`.
                if let value = Int64(cell)
                    ?? Double(cell).flatMap({ $0.isFinite ? Int64(exactly: $0.rounded()) : nil }),
                    value >= 0
                {
                    return value
                }
                throw ParseError(
                    file: fileName, line: lineNumber,
                    reason: "\(name): Invalid value: \"\(cell)\": must be a non-negative integer")
            }
            let creation = try integer(creationColumn, "creation_time") ?? 0
            var deletion = try integer(deletionColumn, "deletion_time", optional: true)
            if let value = deletion, value < creation { deletion = nil }
            records.append(
                Record(
                    name: cells[nameColumn],
                    cpuMilli: try integer(cpuColumn, "cpu_milli") ?? 0,
                    memoryMiB: try integer(memoryColumn, "memory_mib") ?? 0,
                    numGPU: Int(try integer(gpuColumn, "num_gpu") ?? 0),
                    gpuMilli: Int(try integer(gpuMilliColumn, "gpu_milli", optional: true) ?? 0),
                    gpuSpec: specColumn.map { cells[$0] } ?? "",
                    qos: qosColumn.map { cells[$0] } ?? "",
                    creationTime: creation,
                    deletionTime: deletion))
        }
        self.init(records: records)
    }
}
