/// An interval of virtual time in integer nanoseconds (may be negative).
@frozen
public struct SimulationDuration: Hashable, Comparable, Sendable {
    /// Length of the interval in nanoseconds.
    public var nanoseconds: Int64

    /// Creates an interval of `nanoseconds`.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The empty interval.
    public static let zero = SimulationDuration(nanoseconds: 0)

    /// An interval of whole seconds.
    @inlinable
    public static func seconds(_ seconds: Int) -> SimulationDuration {
        SimulationDuration(nanoseconds: Int64(seconds) * 1_000_000_000)
    }

    /// An interval of (possibly fractional) seconds, rounded to the nearest nanosecond.
    ///
    /// Values beyond ±292 years saturate rather than trap, so a sampled duration from a
    /// heavy-tailed distribution can never crash a run.
    /// - Parameter seconds: the length in seconds.
    @inlinable
    public static func seconds(_ seconds: Double) -> SimulationDuration {
        let ns = (seconds * 1e9).rounded()
        if !(ns < 9.2e18) { return SimulationDuration(nanoseconds: .max) }
        if !(ns > -9.2e18) { return SimulationDuration(nanoseconds: .min) }
        return SimulationDuration(nanoseconds: Int64(ns))
    }

    /// An interval of whole milliseconds.
    @inlinable
    public static func milliseconds(_ ms: Int) -> SimulationDuration {
        SimulationDuration(nanoseconds: Int64(ms) * 1_000_000)
    }

    /// An interval of whole minutes.
    @inlinable
    public static func minutes(_ minutes: Int) -> SimulationDuration { .seconds(minutes * 60) }

    /// The length in seconds, for output and statistics only.
    @inlinable
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable
    public static func < (lhs: SimulationDuration, rhs: SimulationDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    @inlinable
    public static func + (lhs: SimulationDuration, rhs: SimulationDuration) -> SimulationDuration {
        SimulationDuration(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }

    @inlinable
    public static func - (lhs: SimulationDuration, rhs: SimulationDuration) -> SimulationDuration {
        SimulationDuration(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds)
    }

    @inlinable
    public static func * (lhs: SimulationDuration, rhs: Int64) -> SimulationDuration {
        let (product, overflow) = lhs.nanoseconds.multipliedReportingOverflow(by: rhs)
        return SimulationDuration(nanoseconds: overflow ? .max : product)
    }
}

extension SimulationDuration: CustomStringConvertible {
    /// Seconds with up to nine decimals and no trailing zeros, e.g. `12.5s`.
    public var description: String {
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        let whole = magnitude / 1_000_000_000
        var fraction = magnitude % 1_000_000_000
        if fraction == 0 { return "\(sign)\(whole)s" }
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - text.count))\(text)s"
    }
}
