/// What can go wrong when a sweep is described or run, with the offending text.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--set`/`--find` argument is not `PATH=VALUES`.
    case malformedSetting(String, reason: String)
    /// The path is not one a sweep can change.
    case unsupportedPath(String)
    /// The path names a pool or workload the scenario does not have.
    case unknownTarget(path: String, reason: String)
    /// The value does not parse for the path.
    case invalidValue(path: String, value: String, reason: String)
    /// A metric name that is not recorded.
    case unknownMetric(String)
    /// A target that is not `<=5s`, `<0.1`, `>=99%`, ….
    case malformedTarget(String)
    /// A results database that cannot be opened or written.
    case store(String)
    /// A policy name or configuration that cannot be used.
    case policy(String)
    /// A benchmark suite that cannot be loaded.
    case suite(String)
    /// A point whose scenario `run` would refuse (an action naming a node the point removed, a
    /// workload too large for memory): the point's label and the errors, as `file:line: …`.
    case invalidPoint(point: String, errors: [String])
    /// A `--shard` argument that cannot be used.
    case shard(String)
    /// A shard file that belongs to another plan, or is no shard file at all.
    case foreignShard(file: String, reason: String)

    /// Whether trying again may help (a database that could not be written); every other
    /// error is bad input, which a batch system should not retry.
    public var isRetryable: Bool {
        if case .store = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .malformedSetting(let text, let reason): "invalid setting \"\(text)\": \(reason)"
        case .unsupportedPath(let path):
            "unsupported path \"\(path)\": supported paths are \(ParameterPath.supportedForms.joined(separator: ", "))"
        case .unknownTarget(let path, let reason): "\(path): \(reason)"
        case .invalidValue(let path, let value, let reason): "\(path): invalid value \"\(value)\": \(reason)"
        case .unknownMetric(let name):
            "unknown metric \"\(name)\": known metrics are \(MetricCatalog.names.joined(separator: ", "))"
        case .malformedTarget(let text):
            "invalid target \"\(text)\": expected an operator and a value, e.g. '<=5s', '<0.5', '>=99%'"
        case .store(let message): "results database: \(message)"
        case .policy(let message): "policy: \(message)"
        case .suite(let message): "benchmark suite: \(message)"
        case .invalidPoint(let point, let errors):
            "point \(point): \(errors.count) error\(errors.count == 1 ? "" : "s") in the scenario; nothing was run:\n"
                + errors.map { "  " + $0 }.joined(separator: "\n")
        case .shard(let message): "shard: \(message)"
        case .foreignShard(let file, let reason): "\(file): \(reason)"
        }
    }
}
