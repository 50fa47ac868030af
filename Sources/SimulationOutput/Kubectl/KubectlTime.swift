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
        return UTCDateTime(unixSeconds: total).rfc1123Z
    }
}
