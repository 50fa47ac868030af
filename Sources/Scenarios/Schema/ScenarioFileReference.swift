/// A file a scenario refers to (a template, an `apply` manifest, an empirical distribution's
/// data, a trace), with where it was named, so missing files are reported with a line.
public struct ScenarioFileReference: Sendable, Hashable {
    /// What the file is for.
    public enum Purpose: String, Sendable, Hashable {
        /// `workloads[i].template.file`.
        case template
        /// `actions[i].apply.file`.
        case apply
        /// `{empirical: {file, column}}`.
        case empirical
        /// `arrivals.trace.file`.
        case trace
        /// `nodes[i].from.file`.
        case nodeList
    }

    /// The path as written.
    public var path: String
    /// The path resolved against the scenario file's directory.
    public var resolvedPath: String
    /// The field naming it (`spec.workloads[0].template.file`).
    public var fieldPath: String
    /// The line of that field.
    public var line: Int?
    /// What it is for.
    public var purpose: Purpose

    /// Creates a reference.
    public init(path: String, resolvedPath: String, fieldPath: String, line: Int?, purpose: Purpose) {
        self.path = path
        self.resolvedPath = resolvedPath
        self.fieldPath = fieldPath
        self.line = line
        self.purpose = purpose
    }
}
