import Foundation

/// One `--set PATH=V1,V2,…` argument: a path and the values it takes, in the order given.
///
/// Integer ranges expand: `spec.nodes[worker].count=4..8` is `4,5,6,7,8`, and
/// `4..16:4` steps by 4. Values are validated against the scenario when applied.
public struct SweepAxis: Sendable, Hashable {
    /// The path.
    public var path: ParameterPath
    /// The values, as written (units parse per path).
    public var values: [String]

    /// Creates an axis.
    public init(path: ParameterPath, values: [String]) {
        self.path = path
        self.values = values
    }

    /// Parses `PATH=V1,V2,…`.
    /// - Throws: ``SweepError`` naming the problem (no `=`, no value, empty value, bad range, unknown path).
    public init(parsing text: String) throws(SweepError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .malformedSetting(text, reason: "expected PATH=V1,V2,… (e.g. spec.nodes[worker].count=4,8,16)")
        }
        let pathText = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !pathText.isEmpty else { throw .malformedSetting(text, reason: "the path is empty") }
        path = try ParameterPath(parsing: pathText)
        let list = String(text[text.index(after: equals)...])
        guard !list.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .malformedSetting(text, reason: "no values after '='")
        }
        var values: [String] = []
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let value = item.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw .malformedSetting(text, reason: "empty value in the list") }
            if let range = try Self.integerRange(value, setting: text) {
                values += range.map(String.init)
            } else {
                values.append(value)
            }
        }
        var seen = Set<String>()
        for value in values where !seen.insert(value).inserted {
            throw .malformedSetting(text, reason: "value \"\(value)\" is listed twice")
        }
        self.values = values
    }

    /// `LO..HI` or `LO..HI:STEP` → the integers, else nil (not a range).
    static func integerRange(_ value: String, setting: String) throws(SweepError) -> [Int]? {
        guard let dots = value.range(of: "..") else { return nil }
        let low = String(value[..<dots.lowerBound])
        var rest = String(value[dots.upperBound...])
        var step = 1
        if let colon = rest.firstIndex(of: ":") {
            guard let parsed = Int(rest[rest.index(after: colon)...]), parsed > 0 else {
                throw .malformedSetting(setting, reason: "range step in \"\(value)\" must be a positive integer")
            }
            step = parsed
            rest = String(rest[..<colon])
        }
        guard let lo = Int(low), let hi = Int(rest) else {
            throw .malformedSetting(setting, reason: "range \"\(value)\" must be LO..HI with integers")
        }
        guard lo <= hi else { throw .malformedSetting(setting, reason: "range \"\(value)\" is empty (LO > HI)") }
        guard (hi - lo) / step < 10_000 else {
            throw .malformedSetting(setting, reason: "range \"\(value)\" has more than 10000 values")
        }
        return Array(stride(from: lo, through: hi, by: step))
    }
}

/// A `--find PATH=LO..HI` argument: an integer path and the interval to search.
public struct SearchInterval: Sendable, Hashable {
    /// The path (integer-valued).
    public var path: ParameterPath
    /// Smallest value tried.
    public var low: Int
    /// Largest value tried.
    public var high: Int

    /// Creates an interval.
    public init(path: ParameterPath, low: Int, high: Int) {
        self.path = path
        self.low = low
        self.high = high
    }

    /// Parses `PATH=LO..HI`.
    /// - Throws: ``SweepError`` when it is not a range or the path is not integer-valued.
    public init(parsing text: String) throws(SweepError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .malformedSetting(text, reason: "expected PATH=LO..HI (e.g. spec.nodes[worker].count=2..64)")
        }
        path = try ParameterPath(parsing: String(text[..<equals]))
        guard path.isInteger else {
            throw .malformedSetting(text, reason: "--find needs an integer path such as spec.nodes[<pool>].count")
        }
        let range = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard range.contains(".."), !range.contains(":"),
            let values = try SweepAxis.integerRange(range, setting: text), let first = values.first,
            let last = values.last
        else {
            throw .malformedSetting(text, reason: "expected an integer range LO..HI after '='")
        }
        low = first
        high = last
    }
}
