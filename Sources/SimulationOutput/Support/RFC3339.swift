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

    /// `YYYY-MM-DDTHH:MM:SS` in UTC.
    static func civil(_ unixSeconds: Int64) -> String { UTCDateTime(unixSeconds: unixSeconds).rfc3339 }

    static func pad(_ value: Int, _ width: Int) -> String { UTCDateTime.pad(Int64(value), width) }
}
