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
            guard text.hasSuffix("%"), let percent = Int(text.dropLast()) else { throw ScaleError(value: text) }
            let product = percent * total
            if roundUp {
                return product >= 0 ? (product + 99) / 100 : product / 100
            }
            return product >= 0 ? product / 100 : (product - 99) / 100
        }
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
