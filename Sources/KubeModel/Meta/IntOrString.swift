/// An integer or a string such as `25%` (k8s.io/apimachinery/pkg/util/intstr `IntOrString`).
public enum IntOrString: Hashable, Sendable {
    /// A plain integer.
    case int(Int)
    /// A string, usually a percentage like `25%`.
    case string(String)

    /// Why a value cannot be scaled.
    public struct ScaleError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The offending string.
        public let value: String
        /// Message as in intstr.go.
        public var description: String { "invalid value for IntOrString: invalid type: string is not a percentage" }
    }

    /// The value as an absolute number for a total, as k8s `GetScaledValueFromIntOrPercent`
    /// (k8s.io/apimachinery/pkg/util/intstr/intstr.go): integers are returned as is; `"N%"`
    /// gives `ceil(N·total/100)` when `roundUp`, else `floor(N·total/100)`.
    /// - Throws: ``ScaleError`` for a string that is not `<integer>%`.
    public func scaledValue(total: Int, roundUp: Bool) throws(ScaleError) -> Int {
        switch self {
        case .int(let value):
            return value
        case .string(let text):
            guard let percent = Self.percent(text) else { throw ScaleError(value: text) }
            let product = percent * total
            if roundUp {
                return product >= 0 ? (product + 99) / 100 : product / 100
            }
            return product >= 0 ? product / 100 : (product - 99) / 100
        }
    }

    /// The `N` of `"N%"`, nil when the text is not an integer followed by `%`, as
    /// `text.hasSuffix("%")` and then `Int(text.dropLast())` decide it. ASCII text, the usual
    /// case, is read as bytes: the Deployment controller scales `maxSurge` and `maxUnavailable`
    /// on every status update of a rolling update, and the `Character` path cost about a
    /// thousand instructions a call.
    static func percent(_ text: String) -> Int? {
        var text = text
        // The bytes in one contiguous buffer: the generic `utf8` sequence operations (a scan for
        // ASCII, `dropLast().enumerated()`) still cost about 700 instructions a call.
        let ascii: Int?? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
            guard bytes.last == UInt8(ascii: "%") else { return .some(nil) }
            var value = 0
            var negative = false
            var digits = 0
            for i in 0..<(bytes.count - 1) {
                let byte = bytes[i]
                if i == 0 && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) {
                    negative = byte == UInt8(ascii: "-")
                    continue
                }
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return .some(nil) }
                let digit = Int(byte - UInt8(ascii: "0"))
                let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
                // Accumulating a negative number downwards reaches Int.min, as Int's parser does.
                let (next, overflowAdd) =
                    negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                if overflowShift || overflowAdd { return .some(nil) }
                value = next
                digits += 1
            }
            return .some(digits > 0 ? value : nil)
        }
        if let ascii { return ascii }
        guard text.hasSuffix("%") else { return nil }
        return Int(text.dropLast())
    }
}

extension IntOrString: Codable {
    /// Decodes a YAML integer as `.int`, anything else as `.string`.
    ///
    /// Yams yields scalars' source text for `String`, so the integer case is tried first and
    /// only succeeds for a plain (unquoted) integer literal.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let int = try? container.decode(Int.self), String(int) == text {
            self = .int(int)
        } else {
            self = .string(text)
        }
    }

    /// Encodes the integer or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

extension IntOrString: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// `.int(value)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `.string(value)`.
    public init(stringLiteral value: String) { self = .string(value) }
}
