import Foundation

/// A CSV file, usually with a header row naming the columns, cells separated by `,` without
/// quoting (the Alibaba GPU trace v2023 "openb" files have none, nor do the rate series of
/// `spec.traffic` or the value files of `empirical` distributions). The one reader of such
/// files: ``OpenBTrace`` (pod lists), ``OpenBNodeList`` (node lists), the FGD experiment's
/// `GPUTraceReader`, traffic rate traces and `empirical` distributions (headerless files, or a
/// header the reader recognises itself) all read through it and give their own `file:line`
/// errors from ``Row/line``.
///
/// Rows split at `\n`, cells at `,`; spaces, tabs and `\r` around a cell are trimmed; blank
/// lines are skipped. Cells stay byte ranges of ``bytes`` until a reader asks for their text.
public struct CSVTable: Sendable {
    /// One row after the header.
    public struct Row: Sendable {
        /// 1-based line in the file.
        public let line: Int
        /// The row's cells as byte ranges of ``CSVTable/bytes``, trimmed.
        public let cells: [Range<Int>]
    }

    /// Why a file could not be read as a table at all.
    public enum ReadError: Error, Sendable {
        /// No such file, or not readable.
        case unreadable
        /// No line with text.
        case empty
    }

    /// The file's bytes.
    public let bytes: [UInt8]
    /// The column names, trimmed (empty for a table read without a header).
    public let header: [String]
    /// 1-based line of the header (the first line with text); 0 without a header.
    public let headerLine: Int
    /// The rows after the header, blank lines left out.
    public let rows: [Row]

    /// Reads a file.
    /// - Parameter hasHeader: whether the first line with text names the columns (else every
    ///   line with text is a row).
    /// - Complexity: O(size of the file), one pass over its bytes.
    public init(contentsOf path: String, hasHeader: Bool = true) throws(ReadError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable }
        try self.init(bytes: [UInt8](data), hasHeader: hasHeader)
    }

    /// Splits CSV bytes into a header (when `hasHeader`) and rows.
    public init(bytes: [UInt8], hasHeader: Bool = true) throws(ReadError) {
        self.bytes = bytes
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        guard let headerIndex = lines.firstIndex(where: { !Self.trimmed(bytes, $0).isEmpty }) else {
            throw .empty
        }
        let firstRow = hasHeader ? headerIndex + 1 : headerIndex
        header =
            hasHeader ? Self.cells(bytes, lines[headerIndex]).map { String(decoding: bytes[$0], as: UTF8.self) } : []
        headerLine = hasHeader ? headerIndex + 1 : 0
        var rows: [Row] = []
        rows.reserveCapacity(lines.count - headerIndex)
        for index in firstRow..<lines.count where !Self.trimmed(bytes, lines[index]).isEmpty {
            rows.append(Row(line: index + 1, cells: Self.cells(bytes, lines[index])))
        }
        self.rows = rows
    }

    /// The index of a column, nil when the header lacks it.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The text of a row's cell by column index; empty when the row has fewer cells.
    public func text(_ row: Row, _ column: Int) -> String {
        column < row.cells.count ? String(decoding: bytes[row.cells[column]], as: UTF8.self) : ""
    }

    /// The texts of all of a row's cells (a headerless file's first row, read as a header).
    public func texts(_ row: Row) -> [String] { row.cells.map { String(decoding: bytes[$0], as: UTF8.self) } }

    static func cells(_ bytes: [UInt8], _ line: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = line.lowerBound
        for index in line where bytes[index] == 0x2C {
            result.append(trimmed(bytes, start..<index))
            start = index + 1
        }
        result.append(trimmed(bytes, start..<line.upperBound))
        return result
    }

    static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var low = range.lowerBound
        var high = range.upperBound
        while low < high, isSpace(bytes[low]) { low += 1 }
        while high > low, isSpace(bytes[high - 1]) { high -= 1 }
        return low..<high
    }
}
