// IntOrString checks of pkg/apis/apps/validation/validation.go (`ValidatePositiveIntOrPercent`,
// `IsNotMoreThan100Percent`, `getIntOrPercentValue`) and k8s.io/apimachinery/pkg/util/validation
// `IsValidPercent`.

extension IntOrString {
    /// `IsValidPercent`'s message.
    static let percentMessage =
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

    /// The number of a valid percentage (`[0-9]+%`), else `nil` (`getPercentValue`).
    var percent: Int? {
        guard case .string(let text) = self, text.hasSuffix("%") else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(digits)
    }

    /// `getIntOrPercentValue`: the percentage's number, the integer, or a non-percent string read
    /// as an integer (0 when it is not one, as `IntOrString.IntValue`).
    var intOrPercentValue: Int {
        switch self {
        case .int(let value): value
        case .string(let text): percent ?? Int(text) ?? 0
        }
    }

    /// The value as a ``FieldError/BadValue``.
    var badValue: FieldError.BadValue {
        switch self {
        case .int(let value): .int(value)
        case .string(let text): .string(text)
        }
    }
}

extension FieldErrorList {
    /// `ValidatePositiveIntOrPercent`: a non-negative integer or a `[0-9]+%` string.
    mutating func positiveIntOrPercent(_ value: IntOrString, _ path: String) {
        switch value {
        case .int(let number): nonnegative(number, path)
        case .string:
            if value.percent == nil { append(.invalid(path, value.badValue, IntOrString.percentMessage)) }
        }
    }

    /// `IsNotMoreThan100Percent`: a valid percentage is at most 100%.
    mutating func notMoreThan100Percent(_ value: IntOrString, _ path: String) {
        if let percent = value.percent, percent > 100 {
            append(.invalid(path, value.badValue, "must not be greater than 100%"))
        }
    }
}
