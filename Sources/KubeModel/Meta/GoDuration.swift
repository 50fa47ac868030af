/// A duration written the Go way (`90s`, `1m30s`, `2h`, `500ms`) or as a bare number of seconds.
///
/// Held as integer nanoseconds, like Go's `time.Duration`; values beyond ±292 years are refused.
public struct GoDuration: Hashable, Comparable, Sendable {
    /// The duration in nanoseconds.
    public let nanoseconds: Int64

    /// Creates a duration from nanoseconds.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Creates a duration of whole seconds.
    /// - Precondition: fits in Int64 nanoseconds.
    public init(seconds: Int64) {
        let (value, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        precondition(!overflow, "GoDuration(seconds: \(seconds)) overflows")
        self.nanoseconds = value
    }

    /// The duration in (possibly fractional) seconds, for display or statistics only.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Orders by length.
    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Why a string is not a valid duration.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text that failed to parse.
        public let text: String
        /// Whether the text was well-formed but too large.
        public let isOverflow: Bool
        /// A message in the words of Go's `time.ParseDuration`.
        public var description: String {
            isOverflow
                ? "time: invalid duration \"\(text)\": longer than 2562047h47m16.854775807s (about 292 years)"
                : "time: invalid duration \"\(text)\" (expected e.g. 90s, 1m30s, 2h, 500ms or a number of seconds)"
        }
    }
}

// MARK: - Parsing

extension GoDuration {
    /// Parses like Go's `time.ParseDuration` (units `ns us µs ms s m h`, decimal fractions,
    /// an optional sign), and also a bare number, which means seconds.
    /// - Throws: ``ParseError``.
    public init(parsing text: String) throws(ParseError) {
        let bad = ParseError(text: text, isOverflow: false)
        let overflow = ParseError(text: text, isOverflow: true)
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { throw bad }
        var negative = false
        if scalars[0] == "+" || scalars[0] == "-" {
            negative = scalars[0] == "-"
            scalars.removeFirst()
        }
        guard !scalars.isEmpty else { throw bad }
        if scalars == ["0"] {
            self.init(nanoseconds: 0)
            return
        }
        let isDigit: (Unicode.Scalar) -> Bool = { $0 >= "0" && $0 <= "9" }
        // A bare number is seconds.
        let bareNumber = scalars.allSatisfy { isDigit($0) || $0 == "." }
        if bareNumber { scalars.append("s") }

        var total: Int64 = 0
        var index = 0
        while index < scalars.count {
            // Integer part and fraction, as digit strings.
            var whole: [Int64] = []
            var fraction: [Int64] = []
            while index < scalars.count, isDigit(scalars[index]) {
                whole.append(Int64(scalars[index].value - 48))
                index += 1
            }
            var sawPoint = false
            if index < scalars.count, scalars[index] == "." {
                sawPoint = true
                index += 1
                while index < scalars.count, isDigit(scalars[index]) {
                    fraction.append(Int64(scalars[index].value - 48))
                    index += 1
                }
            }
            guard !whole.isEmpty || (sawPoint && !fraction.isEmpty) else { throw bad }
            var unit = ""
            while index < scalars.count, !isDigit(scalars[index]), scalars[index] != "." {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            let nanosPerUnit: Int64
            switch unit {
            case "ns": nanosPerUnit = 1
            case "us", "µs", "μs": nanosPerUnit = 1_000
            case "ms": nanosPerUnit = 1_000_000
            case "s": nanosPerUnit = 1_000_000_000
            case "m": nanosPerUnit = 60_000_000_000
            case "h": nanosPerUnit = 3_600_000_000_000
            default: throw bad
            }
            var value: Int64 = 0
            for digit in whole {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 { throw overflow }
                value = plus
            }
            let (scaled, o3) = value.multipliedReportingOverflow(by: nanosPerUnit)
            if o3 { throw overflow }
            // Fraction: truncated to whole nanoseconds, as Go does.
            var fractionNanos: Int64 = 0
            var place = nanosPerUnit
            for digit in fraction {
                place /= 10
                if place == 0 { break }
                fractionNanos += digit * place
            }
            let (sum1, o4) = total.addingReportingOverflow(scaled)
            let (sum2, o5) = sum1.addingReportingOverflow(fractionNanos)
            if o4 || o5 { throw overflow }
            total = sum2
        }
        self.init(nanoseconds: negative ? -total : total)
    }
}

// MARK: - Formatting

extension GoDuration: CustomStringConvertible {
    /// Formats like Go's `time.Duration.String()`: `0s`, `1.5ms`, `500µs`, `10s`, `1m20s`,
    /// `5m0s`, `1h0m0s`, `1.561s`.
    public var description: String {
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        let sign = negative ? "-" : ""
        if magnitude == 0 { return "0s" }
        if magnitude < 1_000_000_000 {
            if magnitude < 1_000 { return sign + "\(magnitude)ns" }
            if magnitude < 1_000_000 { return sign + Self.decimal(magnitude, scale: 1_000) + "µs" }
            return sign + Self.decimal(magnitude, scale: 1_000_000) + "ms"
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let secondsPart = magnitude % 60_000_000_000
        var result = sign
        if hours > 0 { result += "\(hours)h" }
        if hours > 0 || minutes > 0 { result += "\(minutes)m" }
        result += Self.decimal(secondsPart, scale: 1_000_000_000) + "s"
        return result
    }

    /// `value/scale` with the fraction's trailing zeros removed.
    private static func decimal(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        var fraction = value % scale
        if fraction == 0 { return String(whole) }
        var width = String(scale).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: width - digits.count) + digits
    }
}

extension GoDuration: Codable {
    /// Decodes from a scalar such as `90s` or `30`; errors keep the coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try GoDuration(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the Go-style string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
