import SimulationCore

/// RFC 3339 timestamps computed arithmetically (no `DateFormatter`, no locale, no time zone).
enum RFC3339 {
    /// `2026-01-01T00:00:01.500000Z`: the run's wall-clock origin plus a virtual time, with
    /// microseconds as in Kubernetes `MicroTime` (apimachinery pkg/apis/meta/v1 `RFC3339Micro`).
    static func micro(startUnixSeconds: Int64, at time: SimulationTime) -> String {
        let totalNanos = time.nanoseconds
        var seconds = startUnixSeconds + totalNanos / 1_000_000_000
        var nanos = totalNanos % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        let micros = nanos / 1000
        return civil(seconds) + "." + pad(Int(micros), 6) + "Z"
    }

    /// `2026-01-01T00:00:00Z` for whole seconds since the Unix epoch.
    static func seconds(_ unixSeconds: Int64) -> String { civil(unixSeconds) + "Z" }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC (Howard Hinnant's `civil_from_days`).
    static func civil(_ unixSeconds: Int64) -> String {
        var days = unixSeconds / 86_400
        var secondOfDay = unixSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        var year = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        if month <= 2 { year += 1 }
        let hour = secondOfDay / 3600, minute = (secondOfDay % 3600) / 60, second = secondOfDay % 60
        return "\(pad(Int(year), 4))-\(pad(Int(month), 2))-\(pad(Int(day), 2))T"
            + "\(pad(Int(hour), 2)):\(pad(Int(minute), 2)):\(pad(Int(second), 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
