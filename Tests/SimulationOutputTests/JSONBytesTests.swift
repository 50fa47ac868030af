import SimulationCore
import Testing

@testable import SimulationOutput

/// The byte writers print the texts of the format contract; expected texts are written out by
/// hand.
@Suite struct JSONBytesTests {
    private func text(_ build: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        build(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "seconds: up to nine decimals, no trailing zeros",
        arguments: [
            (Int64(0), "0"), (12_500_000_000, "12.5"), (1, "0.000000001"), (3_000_000_000, "3"),
            (-1_250_000_000, "-1.25"), (86_399_999_999_999, "86399.999999999"),
        ])
    func seconds(nanoseconds: Int64, expected: String) {
        #expect(text { JSONText.appendSeconds(nanoseconds: nanoseconds, to: &$0) } == expected)
        #expect(JSONText.seconds(nanoseconds: nanoseconds) == expected)
    }

    @Test(
        "integers and zero-padded digits",
        arguments: [(Int64(0), 1, "0"), (7, 6, "000007"), (-42, 1, "-42"), (Int64.max, 1, "9223372036854775807")])
    func integers(value: Int64, width: Int, expected: String) {
        if width == 1 {
            #expect(text { JSONText.appendInteger(value, to: &$0) } == expected)
        } else {
            #expect(text { JSONText.appendDigits(UInt64(value), minimumWidth: width, to: &$0) } == expected)
        }
    }

    @Test(
        "string literals: RFC 8259 escapes, non-ASCII passed through",
        arguments: [
            ("plain", #""plain""#), ("say \"hi\"", #""say \"hi\"""#), ("a\\b", #""a\\b""#),
            ("l1\nl2\r\t", #""l1\nl2\r\t""#), ("\u{1}\u{1f}", #""\u0001\u001f""#), ("café ☕", "\"café ☕\""),
        ])
    func strings(input: String, expected: String) {
        #expect(text { JSONText.appendString(input, to: &$0) } == expected)
        #expect(JSONText.string(input) == expected)
    }

    @Test(
        "trace microseconds: up to three decimals",
        arguments: [(Int64(0), "0"), (1_500, "1.5"), (1_234, "1.234"), (7_000_000, "7000")])
    func micros(nanoseconds: Int64, expected: String) {
        #expect(text { ChromeTraceWriter.appendMicros(nanoseconds, to: &$0) } == expected)
    }
}
