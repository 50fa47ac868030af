import KubeModel

/// Why a workload generator cannot be built.
public enum WorkloadError: Error, Sendable, CustomStringConvertible {
    /// The template file could not be loaded or holds no pod.
    case template(file: String, diagnostics: [Diagnostic])
    /// The trace could not be read.
    case trace(OpenBTrace.ParseError)

    /// A message naming the file.
    public var description: String {
        switch self {
        case .template(let file, let diagnostics):
            let details = diagnostics.filter { $0.severity == .error }.map(\.description)
            return details.isEmpty ? "\(file): no Pod or pod template found" : details.joined(separator: "\n")
        case .trace(let error): return error.description
        }
    }
}
