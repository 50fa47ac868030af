import KubeModel
import SimulationCore

/// Hand-written JSON fragments with a fixed key order and deterministic number text.
///
/// The streaming outputs (`events.jsonl`, `timeline.jsonl`, `trace.json`) are written field by
/// field in the order the format contract lists, so two runs with the same seed produce the
/// same bytes and a reader sees the fields in documented order.
enum JSONText {
    /// The string as a JSON literal.
    static func string(_ text: String) -> String { JSONString.quoted(text) }

    /// Seconds since the start of the run with up to nine decimals and no trailing zeros
    /// (`12.5`, `3`, `0.000000001`): exact, since time is integer nanoseconds.
    static func seconds(_ time: SimulationTime) -> String { seconds(nanoseconds: time.nanoseconds) }

    /// Nanoseconds as decimal seconds with up to nine decimals and no trailing zeros: the text
    /// ``appendSeconds(nanoseconds:to:)`` writes into the streaming files.
    static func seconds(nanoseconds: Int64) -> String {
        var bytes: [UInt8] = []
        appendSeconds(nanoseconds: nanoseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A `Double` rounded to `decimals` places, printed without exponent or trailing zeros.
    ///
    /// Used for derived figures (ratios, means) in CSV and HTML; deterministic because the
    /// same bits always print the same way.
    static func decimal(_ value: Double, decimals: Int = 6) -> String {
        guard value.isFinite else { return "0" }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard abs(scaled) < 9.0e18 else { return String(value) }
        let integer = Int64(scaled)
        let sign = integer < 0 ? "-" : ""
        let magnitude = integer.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - text.count))\(text)"
    }
}
