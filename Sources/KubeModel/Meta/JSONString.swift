/// JSON string literals (RFC 8259 §7): the one quoting used wherever kubesim writes JSON text by
/// hand (the served API's bodies, sweep points' canonical JSON) or a double-quoted YAML scalar
/// (YAML 1.2 accepts JSON string syntax).
public enum JSONString {
    /// `text` as a JSON string literal: `"`, `\` and control characters escaped.
    /// - Complexity: O(text).
    public static func quoted(_ text: String) -> String {
        var output = ""
        append(text, to: &output)
        return output
    }

    /// Appends `text` as a JSON string literal to `output` (no intermediate string).
    /// Text with nothing to escape (the common case in the streaming outputs) is appended whole.
    public static func append(_ text: String, to output: inout String) {
        output += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
