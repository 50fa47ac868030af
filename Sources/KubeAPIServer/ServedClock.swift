import SimulationCore

/// Maps virtual instants to the wall-clock timestamps the served objects carry.
///
/// Clients (kubectl, k9s) compute ages from their own wall clock, so every served timestamp is
/// shifted to line the served instant up with the wall clock when the server starts: an object
/// created 3 minutes of virtual time before the instant shows `3m` old.
public struct ServedClock: Sendable {
    /// The served virtual instant.
    public var instant: SimulationTime
    /// Unix time in nanoseconds that `instant` is shown as.
    public var instantUnixNanoseconds: Int64

    /// A clock that shows `instant` at `unixNanoseconds`, moved back by less than a second so
    /// that the run's whole seconds are whole seconds of the wall clock too: the API carries
    /// `metav1.Time` in whole seconds, and kubectl orders a pod's events by them
    /// (describe.go `DescribeEvents`), so the served seconds must be kubesim's own seconds.
    public init(instant: SimulationTime, shownAt unixNanoseconds: Int64) {
        self.instant = instant
        let offset = unixNanoseconds - instant.nanoseconds
        let fraction = (offset % 1_000_000_000 + 1_000_000_000) % 1_000_000_000
        self.instantUnixNanoseconds = offset - fraction + instant.nanoseconds
    }

    /// Unix nanoseconds of a virtual time.
    public func unixNanoseconds(_ time: SimulationTime) -> Int64 {
        instantUnixNanoseconds - (instant - time).nanoseconds
    }

    /// RFC 3339 in UTC with whole seconds (`metav1.Time`): `2026-01-01T00:12:00Z`.
    public func timestamp(_ time: SimulationTime) -> String {
        Self.rfc3339(unixNanoseconds: unixNanoseconds(time), fractionDigits: 0)
    }

    /// RFC 3339 with microseconds (`metav1.MicroTime`): `2026-01-01T00:12:00.000000Z`.
    public func microTimestamp(_ time: SimulationTime) -> String {
        Self.rfc3339(unixNanoseconds: unixNanoseconds(time), fractionDigits: 6)
    }

    /// Formats Unix nanoseconds as RFC 3339 UTC.
    public static func rfc3339(unixNanoseconds: Int64, fractionDigits: Int) -> String {
        let nanos = ((unixNanoseconds % 1_000_000_000) + 1_000_000_000) % 1_000_000_000
        let total = (unixNanoseconds - nanos) / 1_000_000_000
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
        if fractionDigits > 0 {
            var divisor: Int64 = 1
            for _ in 0..<(9 - fractionDigits) { divisor *= 10 }
            text += "." + pad(nanos / divisor, fractionDigits)
        }
        return text + "Z"
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
