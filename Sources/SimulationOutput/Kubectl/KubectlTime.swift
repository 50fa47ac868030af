import SimulationCore

/// Time formatting as kubectl prints it.
public enum KubectlTime {
    /// apimachinery `duration.HumanDuration` (pkg/util/duration/duration.go): `59s`, `2m5s`,
    /// `12m`, `3h5m`, `2d4h`, `3y45d`.
    public static func humanDuration(_ duration: SimulationDuration) -> String {
        let seconds = duration.nanoseconds / 1_000_000_000
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `translateTimestampSince`: `<unknown>` without a time, else the human duration since it.
    public static func since(_ time: SimulationTime?, now: SimulationTime) -> String {
        guard let time else { return "<unknown>" }
        return humanDuration(now - time)
    }

    /// Go's `time.RFC1123Z` in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`.
    /// - Parameters:
    ///   - time: virtual time.
    ///   - originUnixSeconds: the wall-clock time of virtual zero.
    public static func rfc1123Z(_ time: SimulationTime, originUnixSeconds: Int64) -> String {
        let total = originUnixSeconds + time.nanoseconds / 1_000_000_000
        let days = Int64((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(two(day)) \(months[Int(month) - 1]) \(year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) +0000"
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
