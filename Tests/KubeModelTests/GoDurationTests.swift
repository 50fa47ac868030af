import Testing

@testable import KubeModel

@Suite struct GoDurationTests {
    @Test(
        "parses Go durations and bare seconds",
        arguments: [
            ("90s", Int64(90_000_000_000)), ("1m30s", 90_000_000_000), ("2h", 7_200_000_000_000),
            ("500ms", 500_000_000), ("30", 30_000_000_000), ("1.5h", 5_400_000_000_000), ("0", 0),
            ("300us", 300_000), ("300µs", 300_000), ("10ns", 10), ("-5s", -5_000_000_000), ("0.5", 500_000_000),
            ("1h2m3.5s", 3_723_500_000_000),
        ])
    func parses(text: String, nanoseconds: Int64) throws {
        #expect(try GoDuration(parsing: text).nanoseconds == nanoseconds)
    }

    @Test("rejects", arguments: ["", "s", "5x", "1..5s", "h1", "1d", "+", "5 s"])
    func rejects(text: String) {
        #expect(throws: GoDuration.ParseError.self) { try GoDuration(parsing: text) }
    }

    @Test func absurdValuesAreOverflowErrors() {
        let huge = "1" + String(repeating: "0", count: 30) + "s"
        #expect(throws: GoDuration.ParseError(text: huge, isOverflow: true)) { try GoDuration(parsing: huge) }
        #expect(throws: GoDuration.ParseError(text: "3000000h", isOverflow: true)) {
            try GoDuration(parsing: "3000000h")
        }
    }

    @Test(
        "formats like time.Duration.String",
        arguments: [
            (Int64(10_000_000_000), "10s"), (80_000_000_000, "1m20s"), (160_000_000_000, "2m40s"),
            (300_000_000_000, "5m0s"), (1_561_000_000, "1.561s"), (0, "0s"), (3_600_000_000_000, "1h0m0s"),
            (1_500_000, "1.5ms"), (500_000, "500µs"), (42, "42ns"), (-90_000_000_000, "-1m30s"),
            (3_723_500_000_000, "1h2m3.5s"),
        ])
    func formats(nanoseconds: Int64, expected: String) {
        #expect(GoDuration(nanoseconds: nanoseconds).description == expected)
    }
}
