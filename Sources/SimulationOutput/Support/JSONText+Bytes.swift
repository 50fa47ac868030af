import KubeModel
import SimulationCore

/// The JSON fragments of ``JSONText`` appended as UTF-8 bytes straight into an output buffer.
///
/// The streaming writers build one line per record (hundreds of millions at the full envelope);
/// appending bytes into the file's reusable buffer costs no `String` per field, no interpolation
/// and no transcoding, and produces exactly the bytes the `String` versions print.
extension JSONText {
    /// Appends `text` as a JSON string literal (``JSONString``'s one escaping rule).
    /// - Complexity: O(text.utf8.count).
    @inline(__always)
    static func appendString(_ text: String, to out: inout [UInt8]) {
        JSONString.append(text, to: &out)
    }

    /// Appends a literal (ASCII) fragment.
    /// - Complexity: O(text.utf8CodeUnitCount).
    @inline(__always)
    static func appendASCII(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal (`-12`, `0`, `345`), as `String(value)` prints it.
    /// - Complexity: O(digits).
    static func appendInteger<T: BinaryInteger>(_ value: T, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimumWidth: 1, to: &out)
    }

    /// Appends `value` in decimal, left-padded with zeros to `minimumWidth` digits.
    /// - Complexity: O(max(digits, minimumWidth)).
    static func appendDigits(_ value: UInt64, minimumWidth: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest != 0
            while count < minimumWidth, count < 24 {
                buffer[23 - count] = UInt8(ascii: "0")
                count += 1
            }
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Appends nanoseconds as decimal seconds with up to nine decimals and no trailing zeros
    /// (`12.5`, `3`, `0.000000001`): exact, since time is integer nanoseconds.
    /// - Complexity: O(1).
    static func appendSeconds(nanoseconds: Int64, to out: inout [UInt8]) {
        if nanoseconds < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = nanoseconds.magnitude
        appendDigits(magnitude / 1_000_000_000, minimumWidth: 1, to: &out)
        var fraction = magnitude % 1_000_000_000
        guard fraction != 0 else { return }
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        appendDigits(fraction, minimumWidth: digits, to: &out)
    }

    /// Appends `2026-01-01T00:00:00` (the `YYYY-MM-DDTHH:MM:SS` of RFC 3339, as
    /// ``UTCDateTime/rfc3339`` prints it) for whole seconds since the Unix epoch.
    /// - Complexity: O(1).
    static func appendCivil(_ unixSeconds: Int64, to out: inout [UInt8]) {
        out.append(contentsOf: UTCDateTime(unixSeconds: unixSeconds).rfc3339.utf8)
    }
}
