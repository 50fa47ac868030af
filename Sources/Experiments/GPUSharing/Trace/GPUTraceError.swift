/// Why an openb trace file cannot be used: which file, which line (1-based, the header is line 1), and what.
public struct GPUTraceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file path.
    public var file: String
    /// The 1-based line, when the problem is in one row.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`, the form editors and terminals link.
    public var description: String {
        line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    }
}
