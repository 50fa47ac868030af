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
        UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: unixNanoseconds(time), fractionDigits: 0)
    }

    /// RFC 3339 with microseconds (`metav1.MicroTime`): `2026-01-01T00:12:00.000000Z`.
    public func microTimestamp(_ time: SimulationTime) -> String {
        UTCDateTime.rfc3339(unixSeconds: 0, nanoseconds: unixNanoseconds(time), fractionDigits: 6)
    }
}
