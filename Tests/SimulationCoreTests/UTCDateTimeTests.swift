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

    @Test(
        "dates back to days since the epoch (the inverse the RFC 3339 parser uses)",
        arguments: [
            // (year, month, day, days): 1970-01-01 is day 0; 2000-03-01 follows a leap day;
            // 2026-01-01 is 1,767,225,600 s / 86,400; 1969-12-31 is day −1 (`date -u -d`).
            (Int64(1970), Int64(1), Int64(1), Int64(0)), (2000, 3, 1, 11_017), (2026, 1, 1, 20_454),
            (1969, 12, 31, -1), (1600, 1, 1, -135_140),
        ])
    func days(year: Int64, month: Int64, day: Int64, days: Int64) {
        #expect(UTCDateTime.daysSinceEpoch(year: year, month: month, day: day) == days)
        let back = UTCDateTime(unixSeconds: days * 86_400)
        #expect(back.year == year && back.month == month && back.day == day)
    }

    @Test("days in a month follow the Gregorian leap years")
    func monthLengths() {
        #expect(UTCDateTime.daysInMonth(year: 2024, month: 2) == 29)
        #expect(UTCDateTime.daysInMonth(year: 1900, month: 2) == 28)
        #expect(UTCDateTime.daysInMonth(year: 2000, month: 2) == 29)
        #expect(UTCDateTime.daysInMonth(year: 2026, month: 4) == 30)
        #expect(UTCDateTime.daysInMonth(year: 2026, month: 12) == 31)
    }

    @Test("RFC 3339 with a fraction carries nanoseconds of any sign into the seconds")
    func fractions() {
        // 2026-01-01T00:00:00Z plus 1.5 s, and the epoch minus 1 ns.
        #expect(
            UTCDateTime.rfc3339(unixSeconds: 1_767_225_600, nanoseconds: 1_500_000_000, fractionDigits: 6)
                == "2026-01-01T00:00:01.500000Z")
        #expect(
            UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: -1, fractionDigits: 9) == "1969-12-31T23:59:59.999999999Z")
        #expect(UTCDateTime.rfc3339(unixSeconds: 0, fractionDigits: 0) == "1970-01-01T00:00:00Z")
    }
}
