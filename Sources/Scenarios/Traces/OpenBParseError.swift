import Foundation

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

/// Opening an openb file, shared by ``OpenBTrace`` and ``OpenBNodeList``.
enum OpenBFile {
    /// The bytes of the file at `path`.
    static func bytes(atPath path: String) throws(OpenBParseError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OpenBParseError(file: path, line: nil, reason: "no such file or directory")
        }
        return [UInt8](data)
    }

    /// The CSV table of `bytes` (``CSVTable``); an empty file is an error.
    static func table(_ bytes: [UInt8], fileName: String) throws(OpenBParseError) -> CSVTable {
        do {
            return try CSVTable(bytes: bytes)
        } catch {
            throw OpenBParseError(file: fileName, line: nil, reason: "empty file")
        }
    }
}
