import SimulationCore
import Testing

@testable import KubeAPIServer

@Suite struct ServedClockTests {
    @Test("RFC 3339 in whole seconds and microseconds, flooring before the epoch")
    func formats() {
        // 2026-01-01T00:00:00Z is 1,767,225,600 s after the epoch (56 years, 14 of them leap).
        let newYear: Int64 = 1_767_225_600 * 1_000_000_000
        #expect(UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: newYear, fractionDigits: 0) == "2026-01-01T00:00:00Z")
        #expect(
            UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: newYear + 123_456_789, fractionDigits: 6)
                == "2026-01-01T00:00:00.123456Z")
        #expect(
            UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: -1, fractionDigits: 6) == "1969-12-31T23:59:59.999999Z")
        #expect(UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: -1, fractionDigits: 0) == "1969-12-31T23:59:59Z")
    }

    @Test("the run's whole seconds are shown as whole seconds, less than a second before the wall clock")
    func alignsSeconds() {
        let instant = SimulationTime(nanoseconds: 720_250_000_000)  // 720.25 s into the run
        let wall: Int64 = 1_767_225_600_900_000_000  // .9 past a whole second
        let clock = ServedClock(instant: instant, shownAt: wall)
        #expect(clock.unixNanoseconds(instant) <= wall)
        #expect(wall - clock.unixNanoseconds(instant) < 1_000_000_000)
        // 720 s into the run falls on a whole wall-clock second.
        #expect(clock.unixNanoseconds(SimulationTime(nanoseconds: 720_000_000_000)) % 1_000_000_000 == 0)
    }
}
