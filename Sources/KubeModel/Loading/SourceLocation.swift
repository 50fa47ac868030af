/// Where an object or problem came from: a file, a 1-based line, and a 0-based document index.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file name or path as given to the loader.
    public var file: String
    /// 1-based line, if known.
    public var line: Int?
    /// 0-based index of the YAML document in the file (`---` separated).
    public var documentIndex: Int

    /// Creates a location.
    public init(file: String, line: Int? = nil, documentIndex: Int = 0) {
        self.file = file
        self.line = line
        self.documentIndex = documentIndex
    }

    /// `file:line` or `file:doc#N` when the line is unknown.
    public var description: String {
        if let line { return "\(file):\(line)" }
        return "\(file):doc#\(documentIndex)"
    }
}
