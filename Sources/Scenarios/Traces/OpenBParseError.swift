/// Why an openb file (the Alibaba GPU cluster trace v2023: ``OpenBTrace`` pod lists,
/// ``OpenBNodeList`` node lists) cannot be used: the file, the 1-based line (the header is line 1),
/// the column at fault and what is wrong. Scenarios (`kubesim run`) and the FGD experiment
/// (`kubesim bench fgd`) read these files through the same two readers and report the same errors.
public struct OpenBParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// 1-based line, if the problem is in a row or the header.
    public var line: Int?
    /// The column, if one is at fault.
    public var field: String?
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int?, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field: reason`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += field + ": " }
        return text + reason
    }
}
