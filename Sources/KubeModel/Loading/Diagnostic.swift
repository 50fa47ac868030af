/// A problem found while loading, defaulting or validating manifests.
///
/// Printed as `file:line: Kind "name": path: message`, e.g.
/// `pods03.yaml:12: Pod "mc1": spec.containers[1].name: Required value`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// The input cannot be used (the object is dropped).
        case error
        /// The input is used, but something is suspicious (e.g. an unknown field).
        case warning

        /// Errors sort before warnings.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// Error or warning.
    public var severity: Severity
    /// Where.
    public var location: SourceLocation
    /// `Kind "name"` of the object concerned, if known.
    public var object: String?
    /// The message, starting with the field path where there is one.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: Severity, location: SourceLocation, object: String? = nil, message: String) {
        self.severity = severity
        self.location = location
        self.object = object
        self.message = message
    }

    /// The file name.
    public var file: String { location.file }
    /// The 1-based line, if known.
    public var line: Int? { location.line }

    /// `file:line: [warning: ]Kind "name": message`.
    public var description: String {
        var text = location.description + ": "
        if severity == .warning { text += "warning: " }
        if let object { text += object + ": " }
        return text + message
    }
}
