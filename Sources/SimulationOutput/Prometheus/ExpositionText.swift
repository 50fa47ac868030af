/// Text pieces shared by the Prometheus text format (0.0.4) and OpenMetrics 1.0: label
/// escaping, number and timestamp formatting.
public enum ExpositionText {
    /// Escapes a label value: backslash, double quote and line feed (both formats' rule).
    /// - Complexity: O(n).
    public static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 10 })
        else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 4)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Escapes `# HELP` text: backslash and line feed.
    public static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// `name="value"` pairs joined by commas, values escaped, without braces.
    public static func labels(_ pairs: KeyValuePairs<String, String>) -> String {
        var text = ""
        for (name, value) in pairs {
            if !text.isEmpty { text += "," }
            text += name + "=\"" + escapeLabelValue(value) + "\""
        }
        return text
    }

    /// A sample value: integers below 2^53 without a fraction (`16`, `68719476736`), other
    /// numbers in the shortest form that reads back exactly (`0.25`, `1e-05`), `+Inf`, `-Inf`
    /// and `NaN` as both formats spell them.
    public static func value(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "+Inf" : "-Inf" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return number.description
    }

    /// An OpenMetrics timestamp: Unix seconds, with milliseconds when not whole.
    public static func timestamp(unixMilliseconds: Int64) -> String {
        let (seconds, millis) = unixMilliseconds.quotientAndRemainder(dividingBy: 1000)
        if millis == 0 { return String(seconds) }
        let fraction = String(abs(millis))
        return String(seconds) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
