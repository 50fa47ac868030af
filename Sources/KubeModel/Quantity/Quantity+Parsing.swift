extension Quantity {
    /// Why a string is not a valid quantity.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The kind of problem.
        public enum Reason: Hashable, Sendable {
            /// Not of the form `<signedNumber><suffix>` (k8s `ErrFormatWrong`).
            case formatWrong
            /// The suffix is not one Kubernetes knows (k8s `ErrSuffix`).
            case unknownSuffix(String)
            /// The magnitude does not fit in `Int64` thousandths.
            case tooLarge
        }

        /// The text that failed to parse.
        public let text: String
        /// The kind of problem.
        public let reason: Reason

        /// A message in the words of k8s.io/apimachinery/pkg/api/resource/quantity.go.
        public var description: String {
            switch reason {
            case .formatWrong:
                return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            case .unknownSuffix(let suffix):
                return "unable to parse quantity's suffix \"\(suffix)\""
            case .tooLarge:
                return "quantity \"\(text)\" is too large (at most \(Int64.max / 1000) units)"
            }
        }
    }

    /// Parses a quantity exactly as `resource.ParseQuantity` does.
    /// - Parameter text: e.g. `100m`, `0.5`, `1.5Gi`, `1e3`, `128M`.
    /// - Throws: ``ParseError``.
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) throws(ParseError) {
        let bytes = Array(text.utf8)
        func fail(_ reason: ParseError.Reason) -> ParseError { ParseError(text: text, reason: reason) }
        guard !bytes.isEmpty else { throw fail(.formatWrong) }

        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        // Digits with at most one decimal point; at least one digit.
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                seenDigit = true
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard seenDigit else { throw fail(.formatWrong) }
        let suffix = String(decoding: bytes[index...], as: UTF8.self)

        // Value = digits × 10^(decimalExponent − fractionDigits) × 2^binaryExponent.
        var decimalExponent = 0
        var binaryExponent = 0
        var format = Format.decimalSI
        switch suffix {
        case "": break
        case "n": decimalExponent = -9
        case "u": decimalExponent = -6
        case "m": decimalExponent = -3
        case "k": decimalExponent = 3
        case "M": decimalExponent = 6
        case "G": decimalExponent = 9
        case "T": decimalExponent = 12
        case "P": decimalExponent = 15
        case "E": decimalExponent = 18
        case "Ki":
            binaryExponent = 10
            format = .binarySI
        case "Mi":
            binaryExponent = 20
            format = .binarySI
        case "Gi":
            binaryExponent = 30
            format = .binarySI
        case "Ti":
            binaryExponent = 40
            format = .binarySI
        case "Pi":
            binaryExponent = 50
            format = .binarySI
        case "Ei":
            binaryExponent = 60
            format = .binarySI
        default:
            guard let exponent = Self.parseExponent(suffix) else {
                // Characters outside the allowed set are a format error; known letters in
                // an unknown combination are a suffix error (as in k8s).
                let allowed = Set("eEinumkKMGTP+-0123456789")
                throw fail(suffix.allSatisfy { allowed.contains($0) } ? .unknownSuffix(suffix) : .formatWrong)
            }
            decimalExponent = exponent
            format = .decimalExponent
        }

        // Strip leading zeros and fold trailing zeros into the exponent.
        var start = 0
        while start < digits.count && digits[start] == 0 { start += 1 }
        var significant = Array(digits[start...])
        var scale = decimalExponent + 3 - fractionDigits  // power of ten to reach thousandths
        while let last = significant.last, last == 0 {
            significant.removeLast()
            scale += 1
        }
        if significant.isEmpty {
            self.init(milliValue: 0, format: format, original: text)
            return
        }
        // Keep at most 18 significant digits; remember whether anything non-zero was dropped.
        var inexact = false
        if significant.count > 18 {
            let dropped = significant.count - 18
            significant.removeLast(dropped)
            scale += dropped
            inexact = true
        }
        var mantissa: Int64 = 0
        for digit in significant { mantissa = mantissa * 10 + Int64(digit) }

        guard let magnitude = Self.scale(mantissa, byPowerOfTwo: binaryExponent, powerOfTen: scale, inexact: inexact)
        else { throw fail(.tooLarge) }
        self.init(milliValue: negative ? -magnitude : magnitude, format: format, original: text)
    }

    /// `e3`, `E-2`, `e+6` ⇒ the exponent; anything else ⇒ `nil`.
    private static func parseExponent(_ suffix: String) -> Int? {
        guard let first = suffix.first, first == "e" || first == "E" else { return nil }
        let rest = suffix.dropFirst()
        let body = rest.first == "+" || rest.first == "-" ? rest.dropFirst() : rest
        guard !body.isEmpty, body.count <= 6, body.allSatisfy(\.isASCII), body.allSatisfy(\.isNumber),
            let value = Int(body)
        else { return nil }
        return rest.first == "-" ? -value : value
    }

    /// ⌈mantissa × 2^binary × 10^decimal⌉, or `nil` on overflow.
    private static func scale(
        _ mantissa: Int64, byPowerOfTwo binary: Int, powerOfTen decimal: Int, inexact: Bool
    )
        -> Int64?
    {
        var value = mantissa
        for _ in 0..<(binary / 10) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 1024)
            if overflow { return nil }
            value = product
        }
        if decimal >= 0 {
            guard decimal <= 18 else { return nil }
            for _ in 0..<decimal {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = product
            }
            if inexact {
                let (sum, overflow) = value.addingReportingOverflow(1)
                return overflow ? nil : sum
            }
            return value
        }
        // Divide by 10^-decimal, rounding up.
        if -decimal > 18 { return 1 }
        var divisor: Int64 = 1
        for _ in 0..<(-decimal) { divisor *= 10 }
        let (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        return r != 0 || inexact ? q + 1 : q
    }
}
