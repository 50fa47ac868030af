import Foundation
import KubeModel

/// `kubectl get -o json|yaml` of objects as the API returns them. kubectl decodes a response
/// into unstructured maps, so both printers write object keys sorted
/// (k8s.io/cli-runtime/pkg/printers `JSONPrinter`: `json.MarshalIndent` with four spaces and
/// Go's HTML escaping; `YAMLPrinter`: sigs.k8s.io/yaml, go-yaml v2 under it).
extension JSON {
    /// The value parsed back from its text: every member sorted, no raw parts.
    /// - Throws: a decoding error if the serialized text is not JSON (it always is).
    public func canonical() throws -> JSON {
        try JSONDecoder().decode(JSON.self, from: Data(serialized().utf8))
    }

    /// A `List` of `items` as kubectl prints several objects (`metadata.resourceVersion: ""`).
    public static func kubectlList(_ items: [JSON]) -> JSON {
        .object([
            ("apiVersion", .string("v1")), ("items", .array(items)), ("kind", .string("List")),
            ("metadata", .object([("resourceVersion", .string(""))])),
        ])
    }

    /// `json.MarshalIndent(value, "", "    ")` and a newline.
    public func kubectlJSONText() throws -> String {
        var output = ""
        try canonical().writeIndented(to: &output, indent: "")
        return output + "\n"
    }

    private func writeIndented(to output: inout String, indent: String) {
        let inner = indent + "    "
        switch self {
        case .array(let values) where !values.isEmpty:
            output += "[\n"
            for (i, value) in values.enumerated() {
                output += inner
                value.writeIndented(to: &output, indent: inner)
                output += i == values.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let members) where !members.isEmpty:
            output += "{\n"
            for (i, member) in members.enumerated() {
                output += inner
                Self.writeGoString(member.0, to: &output)
                output += ": "
                member.1.writeIndented(to: &output, indent: inner)
                output += i == members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        case .string(let text): Self.writeGoString(text, to: &output)
        default: write(to: &output)
        }
    }

    /// A JSON string with Go's `encoding/json` escaping of `<`, `>` and `&`.
    private static func writeGoString(_ text: String, to output: inout String) {
        var quoted = ""
        JSONString.append(text, to: &quoted)
        output += quoted.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// go-yaml v2's block YAML of the value: two-space indentation, sequences at their key's
    /// indentation, a string plain unless it would read back as another type or holds YAML
    /// syntax (then double-quoted), a multi-line string as a literal block.
    public func kubectlYAMLText() throws -> String {
        var output = ""
        try canonical().writeYAML(to: &output, indent: "", inSequence: false)
        return output
    }

    private func writeYAML(to output: inout String, indent: String, inSequence: Bool) {
        switch self {
        case .object(let members) where !members.isEmpty:
            for (i, member) in members.enumerated() {
                if i > 0 || !inSequence { output += indent }
                output += Self.yamlScalar(member.0) + ":"
                member.1.writeYAMLValue(to: &output, indent: indent)
            }
        case .array(let values) where !values.isEmpty:
            for value in values {
                output += indent + "-"
                switch value {
                case .object(let members) where !members.isEmpty:
                    output += " "
                    value.writeYAML(to: &output, indent: indent + "  ", inSequence: true)
                case .array(let inner) where !inner.isEmpty:
                    output += "\n"
                    value.writeYAML(to: &output, indent: indent + "  ", inSequence: false)
                default:
                    value.writeYAMLValue(to: &output, indent: indent)
                }
            }
        default:
            writeYAMLValue(to: &output, indent: indent)
        }
    }

    /// The value after `key:` (or `-`): inline for scalars and empty collections, else on the
    /// next lines.
    private func writeYAMLValue(to output: inout String, indent: String) {
        switch self {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            writeYAML(to: &output, indent: indent + "  ", inSequence: false)
        case .array(let values) where !values.isEmpty:
            output += "\n"
            writeYAML(to: &output, indent: indent, inSequence: false)
        case .object: output += " {}\n"
        case .array: output += " []\n"
        case .null: output += " null\n"
        case .bool(let value): output += value ? " true\n" : " false\n"
        case .string(let text) where text.contains("\n") && !text.hasPrefix(" "):
            output += text.hasSuffix("\n") ? " |\n" : " |-\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
                text.hasSuffix("\n") ? 1 : 0)
            {
                output += line.isEmpty ? "\n" : indent + "  " + line + "\n"
            }
        case .string(let text): output += " " + Self.yamlScalar(text) + "\n"
        default:
            var text = ""
            write(to: &text)
            output += " " + text + "\n"
        }
    }

    /// A string plain when YAML reads it back as that string, else double-quoted.
    static func yamlScalar(_ text: String) -> String {
        let resolvesOtherwise =
            text.isEmpty
            || ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"].contains(text.lowercased())
            || Double(text) != nil
            || text.range(of: #"^[-+]?(0x[0-9a-fA-F]+|0o?[0-7]+|\.inf|\.nan)$"#, options: .regularExpression) != nil
            || text.range(of: #"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"#, options: .regularExpression) != nil
        // A plain scalar may not start with an indicator (but `-`, `?`, `:` before a
        // non-blank), nor hold `: ` or ` #`, nor end in a blank or `:`, nor hold control
        // characters or quotes that would need escapes.
        let scalars = Array(text.unicodeScalars)
        var safe = !scalars.isEmpty
        if let first = scalars.first {
            if "-?:".unicodeScalars.contains(first) {
                safe = scalars.count > 1 && scalars[1] != " "
            } else if ",[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) {
                safe = false
            }
        }
        safe =
            safe && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(" ") && !text.hasSuffix(":")
            && !scalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\"" }
        if !resolvesOtherwise && safe { return text }
        var quoted = ""
        JSONString.append(text, to: &quoted)
        return quoted
    }
}
