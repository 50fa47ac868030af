/// JSON string literals (RFC 8259 §7) as Kubernetes' encoding/json writes them for the text the
/// simulator prints: `"`, `\` and control characters escaped, everything else verbatim.
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
        guard text.utf8.contains(where: needsEscape) else {
            output += "\""
            output += text
            output += "\""
            return
        }
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, as UTF-8 bytes, to `output`: the one escaping
    /// rule, which the byte-writing output files use directly (no `String` per field).
    /// - Complexity: O(text.utf8.count).
    @inlinable
    public static func append(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: needsEscape) else {
                output.append(contentsOf: utf8)
                return
            }
            for byte in utf8 { appendEscaped(byte, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether a UTF-8 byte must be escaped inside a string literal.
    @inlinable @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }

    /// One byte of a string literal, escaped if JSON needs it (bytes ≥ 0x80 are parts of
    /// multi-byte scalars and pass through unchanged).
    @usableFromInline
    static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        func ascii(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        switch byte {
        case 0x22: ascii("\\\"")
        case 0x5C: ascii("\\\\")
        case 0x0A: ascii("\\n")
        case 0x0D: ascii("\\r")
        case 0x09: ascii("\\t")
        case ..<0x20:
            ascii("\\u00")
            let hex: StaticString = "0123456789abcdef"
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        default: out.append(byte)
        }
    }
}
