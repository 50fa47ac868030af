import Foundation
import Scenarios

/// A requirement on a metric: `startup.p99 <= 5s`, `placement >= 99%`, `frag.cpu < 0.1`.
public struct MetricTarget: Sendable, Hashable, CustomStringConvertible {
    /// Comparison operators.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case lessOrEqual = "<="
        case less = "<"
        case greaterOrEqual = ">="
        case greater = ">"
    }

    /// The metric (catalog index).
    public var metric: Int
    /// The comparison.
    public var comparison: Comparison
    /// The bound, in the metric's base unit (seconds; fractions for percentages).
    public var bound: Double
    /// The bound as written.
    public var boundText: String

    /// Parses `<=5s`, `< 500ms`, `>=99%`, `<0.1`, `<=2m` for `metric`.
    /// - Throws: ``SweepError/malformedTarget(_:)``.
    public init(metric: Int, parsing text: String) throws(SweepError) {
        self.metric = metric
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard
            let comparison = [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater].first(where: {
                trimmed.hasPrefix($0.rawValue)
            })
        else { throw .malformedTarget(text) }
        self.comparison = comparison
        let value = trimmed.dropFirst(comparison.rawValue.count).trimmingCharacters(in: .whitespaces)
        boundText = value
        if value.hasSuffix("%"), let percent = Double(value.dropLast()) {
            bound = percent / 100
        } else if let plain = Double(value) {
            bound = plain
        } else if case .success(let duration) = ScenarioUnits.duration(value) {
            bound = Double(duration.nanoseconds) / 1e9
        } else {
            throw .malformedTarget(text)
        }
    }

    /// Whether a value meets the target. NaN (undefined) never does, and neither does +∞: a
    /// latency percentile is +∞ when it falls among pods that had not reached the milestone by
    /// the end of the run (see ``MetricCatalog``), and such a value is known only to be large,
    /// not to meet a bound in either direction.
    public func isMet(by value: Double) -> Bool {
        guard !value.isNaN, value != .infinity else { return false }
        switch comparison {
        case .lessOrEqual: return value <= bound
        case .less: return value < bound
        case .greaterOrEqual: return value >= bound
        case .greater: return value > bound
        }
    }

    public var description: String { "\(MetricCatalog.all[metric].name) \(comparison.rawValue) \(boundText)" }
}
