import Testing

@testable import SimulationCore

/// Civil dates against dates known independently (calendars, `date -u -d @N`).
@Suite struct UTCDateTimeTests {
    @Test(
        "Unix seconds to UTC calendar dates",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00", "Thu, 01 Jan 1970 00:00:00 +0000"),
            (1_767_225_600, "2026-01-01T00:00:00", "Thu, 01 Jan 2026 00:00:00 +0000"),
            (951_782_400, "2000-02-29T00:00:00", "Tue, 29 Feb 2000 00:00:00 +0000"),
            (-1, "1969-12-31T23:59:59", "Wed, 31 Dec 1969 23:59:59 +0000"),
            (4_102_444_799, "2099-12-31T23:59:59", "Thu, 31 Dec 2099 23:59:59 +0000"),
        ])
    func dates(seconds: Int64, rfc3339: String, rfc1123: String) {
        let date = UTCDateTime(unixSeconds: seconds)
        #expect(date.rfc3339 == rfc3339)
        #expect(date.rfc1123Z == rfc1123)
    }
}
