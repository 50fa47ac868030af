import Foundation
import KubeModel

/// One point of a sweep: a value for every swept path, in axis order.
public struct ParameterPoint: Sendable, Hashable {
    /// `(path, value)` in the order of the `--set` arguments.
    public var settings: [(path: ParameterPath, value: String)]

    /// Creates a point.
    public init(settings: [(path: ParameterPath, value: String)]) { self.settings = settings }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }

    /// The canonical JSON object `{"path":"value",…}` (keys sorted): the point's identity in the
    /// results database, so a resumed sweep recognises runs whatever the `--set` order.
    public var json: String {
        let pairs = settings.map { (key: $0.path.description, value: $0.value) }.sorted { $0.key < $1.key }
        return "{" + pairs.map { "\(Self.quoted($0.key)):\(Self.quoted($0.value))" }.joined(separator: ",") + "}"
    }

    /// `path=value, …` for tables.
    public var label: String {
        settings.isEmpty
            ? "(scenario as written)" : settings.map { "\(Self.shortName($0.path))=\($0.value)" }.joined(separator: " ")
    }

    /// A compact column name: `count[worker]`, `capacity.cpu[worker]`, `rate[0]`, `seed`, `duration`, `policy`.
    static func shortName(_ path: ParameterPath) -> String {
        switch path {
        case .poolCount(let pool): "nodes[\(pool)]"
        case .poolCapacity(let pool, let resource): "\(resource)[\(pool)]"
        case .seed: "seed"
        case .poissonRate(let workload): "rate[\(workload)]"
        case .duration: "duration"
        case .schedulerPolicy: "policy"
        case .field(let override): override.description
        }
    }

    /// Applies every setting, in order.
    public func apply(to configuration: inout RunConfiguration) throws(SweepError) {
        // Field overrides first, all of a document at once (it is decoded again after them);
        // then the typed settings on the decoded scenario.
        let fields = settings.compactMap { setting -> (path: FieldOverride, value: String)? in
            if case .field(let override) = setting.path { return (override, setting.value) }
            return nil
        }
        if !fields.isEmpty { try FieldOverride.apply(fields, to: &configuration) }
        for setting in settings {
            if case .field = setting.path { continue }
            try setting.path.apply(setting.value, to: &configuration)
        }
    }

    /// The cartesian product of the axes, first axis slowest (like nested loops in axis order).
    /// No axes give one empty point (the scenario as written).
    public static func cartesianProduct(_ axes: [SweepAxis]) -> [ParameterPoint] {
        var points = [ParameterPoint(settings: [])]
        for axis in axes {
            points = points.flatMap { point in
                axis.values.map { value in ParameterPoint(settings: point.settings + [(axis.path, value)]) }
            }
        }
        return points
    }

    /// A JSON string literal (``JSONString``), for the point's canonical JSON.
    static func quoted(_ text: String) -> String { JSONString.quoted(text) }
}
