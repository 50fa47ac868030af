/// A Kubernetes resource quantity (k8s.io/apimachinery/pkg/api/resource `Quantity`), held exactly.
///
/// The value is stored as an integer number of thousandths (`milliValue`), so sums and
/// comparisons never touch floating point. Parsing follows `ParseQuantity`: an optional sign,
/// a decimal number, then a suffix (`n u m "" k M G T P E`, `Ki Mi Gi Ti Pi Ei`, or an exponent
/// such as `e3`). Values finer than a thousandth round up to the next thousandth, as
/// `Quantity.MilliValue()` does. Magnitudes beyond `Int64.max` thousandths (about 8 Pi units)
/// are refused with ``ParseError``.
///
/// Equality, hashing and ordering use the numeric value only (`1Gi == 1073741824`), like
/// `Quantity.Cmp`; ``original`` keeps the text it was parsed from for display.
public struct Quantity: Sendable {
    /// The value in thousandths of a unit (`100m` ⇒ 100, `1` ⇒ 1000).
    public let milliValue: Int64
    /// The suffix family used when formatting canonically.
    public let format: Format
    /// The exact text this quantity was parsed from, if any.
    public let original: String?

    /// The suffix family of a quantity (k8s `Format`).
    public enum Format: String, Sendable, Hashable {
        /// Powers of 1000 with `m k M G T P E` (and milli).
        case decimalSI = "DecimalSI"
        /// Powers of 1024 with `Ki Mi Gi Ti Pi Ei`.
        case binarySI = "BinarySI"
        /// Scientific notation such as `1e3`.
        case decimalExponent = "DecimalExponent"
    }

    /// Creates a quantity from a number of thousandths.
    /// - Parameters:
    ///   - milliValue: The value in thousandths of a unit.
    ///   - format: The suffix family for ``canonical``.
    public init(milliValue: Int64, format: Format = .decimalSI) {
        self.milliValue = milliValue
        self.format = format
        self.original = nil
    }

    /// Creates a quantity of whole units (e.g. bytes or cores).
    /// - Precondition: `value * 1000` fits in `Int64`.
    public init(_ value: Int64, format: Format = .decimalSI) {
        let (milli, overflow) = value.multipliedReportingOverflow(by: 1000)
        precondition(!overflow, "Quantity(\(value)) exceeds the representable range")
        self.init(milliValue: milli, format: format)
    }

    init(milliValue: Int64, format: Format, original: String?) {
        self.milliValue = milliValue
        self.format = format
        self.original = original
    }

    /// The value in whole units, rounded up away from zero (k8s `Quantity.Value()`).
    public var value: Int64 {
        let (q, r) = milliValue.quotientAndRemainder(dividingBy: 1000)
        if r > 0 { return q + 1 }
        if r < 0 { return q - 1 }
        return q
    }

    /// Zero.
    public static let zero = Quantity(milliValue: 0)

    /// Whether the value is zero.
    public var isZero: Bool { milliValue == 0 }

    /// Whether the value is below zero.
    public var isNegative: Bool { milliValue < 0 }
}

// MARK: - Value semantics

extension Quantity: Hashable, Comparable {
    /// Compares numeric values only.
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milliValue == rhs.milliValue }
    /// Hashes the numeric value only.
    public func hash(into hasher: inout Hasher) { hasher.combine(milliValue) }
    /// Orders by numeric value.
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milliValue < rhs.milliValue }
}

// MARK: - Arithmetic

extension Quantity {
    /// Exact sum; traps on overflow (which needs ~8 Pi units).
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(milliValue: lhs.milliValue + rhs.milliValue, format: lhs.format)
    }

    /// Exact difference; traps on overflow.
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(milliValue: lhs.milliValue - rhs.milliValue, format: lhs.format)
    }

    /// Adds in place.
    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }

    /// Subtracts in place.
    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }

    /// The sum, or `nil` if it does not fit.
    public func addingReportingOverflow(_ other: Quantity) -> Quantity? {
        let (sum, overflow) = milliValue.addingReportingOverflow(other.milliValue)
        return overflow ? nil : Quantity(milliValue: sum, format: format)
    }
}

extension Quantity: CustomStringConvertible {
    /// The original text if there is one, else the canonical form.
    public var description: String { original ?? canonical }
}

extension Quantity: ExpressibleByStringLiteral {
    /// Parses a literal such as `"100m"`; traps on an invalid literal (a programming error).
    public init(stringLiteral value: String) {
        do {
            self = try Quantity(parsing: value)
        } catch {
            preconditionFailure("invalid Quantity literal \(value): \(error)")
        }
    }
}
