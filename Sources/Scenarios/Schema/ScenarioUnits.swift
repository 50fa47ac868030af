import Foundation
import KubeModel
import SimulationCore

/// Parsers for the scenario format's units: Go-style durations (or bare seconds), Kubernetes
/// quantities for sizes, and rates (`20/m`, `29B/s`, `2Mi/s`, or a bare quantity per second).
///
/// Every parser returns SI values (seconds, bytes, per-second) or a human-readable problem in
/// the words that follow `Invalid value: "text":` in a diagnostic.
public enum ScenarioUnits {
    /// The largest duration a scenario may name (100 years): anything longer is a typo.
    public static let maximumDuration = SimulationDuration(nanoseconds: 100 * 365 * 86_400 * 1_000_000_000)

    /// A parse failure: the message after `Invalid value: "text": `.
    public struct Problem: Error, Hashable, Sendable {
        /// The explanation.
        public var message: String
        /// Creates a problem.
        public init(_ message: String) { self.message = message }
    }

    /// Parses a Go duration (`90s`, `1m30s`, `2h`, `500ms`) or a bare number of seconds.
    /// - Returns: the duration; negative or longer than 100 years is a problem.
    public static func duration(_ text: String) -> Result<SimulationDuration, Problem> {
        let parsed: GoDuration
        do {
            parsed = try GoDuration(parsing: text.trimmingCharacters(in: .whitespaces))
        } catch {
            if error.isOverflow { return .failure(Problem("must be at most 100 years")) }
            return .failure(Problem("must be a duration such as 90s, 1m30s, 2h or a number of seconds"))
        }
        if parsed.nanoseconds < 0 { return .failure(Problem("must be non-negative")) }
        if parsed.nanoseconds > maximumDuration.nanoseconds { return .failure(Problem("must be at most 100 years")) }
        return .success(SimulationDuration(nanoseconds: parsed.nanoseconds))
    }

    /// Parses a size as a Kubernetes quantity (`187Mi`, `1G`, `2e3`), in bytes; a trailing `B`
    /// (`512MiB`, `29B`) is accepted.
    public static func size(_ text: String) -> Result<Double, Problem> {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasSuffix("B") { body.removeLast() }
        guard !body.isEmpty, let quantity = try? Quantity(parsing: body) else {
            return .failure(Problem("must be a quantity such as 100Mi, 1G or 512"))
        }
        if quantity.isNegative { return .failure(Problem("must be non-negative")) }
        return .success(Double(quantity.milliValue) / 1000)
    }

    /// Parses a plain number or quantity (`0.5`, `500m`, `2`), unit-less.
    public static func number(_ text: String) -> Result<Double, Problem> {
        guard let quantity = try? Quantity(parsing: text.trimmingCharacters(in: .whitespaces)) else {
            return .failure(Problem("must be a number or quantity such as 0.5, 500m or 2"))
        }
        if quantity.isNegative { return .failure(Problem("must be non-negative")) }
        return .success(Double(quantity.milliValue) / 1000)
    }

    /// Parses a rate per second: `N/s`, `N/m`, `N/h`, `N/d`, a size per time (`29B/s`, `2Mi/s`),
    /// or a bare quantity meaning per second (`100Mi`). Rates must be positive.
    public static func rate(_ text: String) -> Result<Double, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var amountText = trimmed
        var perSeconds: Double = 1
        if let slash = trimmed.lastIndex(of: "/") {
            amountText = String(trimmed[..<slash])
            let unit = trimmed[trimmed.index(after: slash)...]
            switch unit {
            case "s", "sec", "second": perSeconds = 1
            case "m", "min", "minute": perSeconds = 60
            case "h", "hour": perSeconds = 3600
            case "d", "day": perSeconds = 86_400
            default:
                return .failure(Problem("must be a rate such as 20/m, 2/s, 29B/s or 2Mi/s (time unit s, m, h or d)"))
            }
        }
        guard case .success(let amount) = size(amountText) else {
            return .failure(Problem("must be a rate such as 20/m, 2/s, 29B/s or 2Mi/s"))
        }
        guard amount > 0 else { return .failure(Problem("must be positive")) }
        return .success(amount / perSeconds)
    }

    /// Parses an RFC 3339 timestamp (`2026-01-01T00:00:00Z`, `2026-01-01T02:00:00+02:00`,
    /// fractional seconds allowed and truncated) into Unix seconds, without Foundation's
    /// locale-dependent formatters.
    public static func rfc3339(_ text: String) -> Result<Int64, Problem> {
        let bad = Problem("must be an RFC 3339 time such as 2026-01-01T00:00:00Z")
        let chars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= chars.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let c = chars[index]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        func at(_ index: Int, _ scalar: Character) -> Bool {
            index < chars.count && chars[index] == scalar.asciiValue!
        }
        guard let year = digits(0, 4), at(4, "-"), let month = digits(5, 2), at(7, "-"), let day = digits(8, 2),
            at(10, "T") || at(10, "t") || at(10, " "), let hour = digits(11, 2), at(13, ":"),
            let minute = digits(14, 2), at(16, ":"), let second = digits(17, 2)
        else { return .failure(bad) }
        var index = 19
        if at(index, ".") {
            index += 1
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 { index += 1 }
        }
        var offsetSeconds = 0
        if at(index, "Z") || at(index, "z") {
            index += 1
        } else if at(index, "+") || at(index, "-") {
            let sign = at(index, "-") ? -1 : 1
            guard let oh = digits(index + 1, 2), at(index + 3, ":"), let om = digits(index + 4, 2) else {
                return .failure(bad)
            }
            offsetSeconds = sign * (oh * 3600 + om * 60)
            index += 6
        } else {
            return .failure(bad)
        }
        guard index == chars.count, (1...12).contains(month), day >= 1,
            day <= UTCDateTime.daysInMonth(year: Int64(year), month: Int64(month)),
            hour < 24, minute < 60, second < 61
        else { return .failure(bad) }
        let days = UTCDateTime.daysSinceEpoch(year: Int64(year), month: Int64(month), day: Int64(day))
        return .success(days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds))
    }
}
