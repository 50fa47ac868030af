/// A point in virtual time: integer nanoseconds since the start of a run.
///
/// Time is never a `Double`: integer nanoseconds make event order exact and runs byte-for-byte
/// reproducible. `SimulationTime` is a point; ``SimulationDuration`` is an interval (as NIO's
/// `NIODeadline` and `TimeAmount`), so adding two points is a type error.
@frozen
public struct SimulationTime: Hashable, Comparable, Sendable {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    /// Creates a time from nanoseconds since the start of the run.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of every run.
    public static let zero = SimulationTime(nanoseconds: 0)
    /// A time later than any event; used as "never".
    public static let distantFuture = SimulationTime(nanoseconds: .max)

    /// Seconds since the start of the run, for output only (never for ordering).
    @inlinable
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Creates a time `seconds` after the start of the run.
    /// - Parameter seconds: whole seconds since the start of the run.
    @inlinable
    public static func seconds(_ seconds: Int) -> SimulationTime {
        SimulationTime(nanoseconds: Int64(seconds) * 1_000_000_000)
    }

    @inlinable
    public static func < (lhs: SimulationTime, rhs: SimulationTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// - Complexity: O(1); saturates at ``distantFuture`` instead of trapping on overflow.
    @inlinable
    public static func + (lhs: SimulationTime, rhs: SimulationDuration) -> SimulationTime {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.nanoseconds)
        return overflow ? (rhs.nanoseconds > 0 ? .distantFuture : .zero) : SimulationTime(nanoseconds: sum)
    }

    @inlinable
    public static func - (lhs: SimulationTime, rhs: SimulationDuration) -> SimulationTime {
        SimulationTime(nanoseconds: lhs.nanoseconds - rhs.nanoseconds)
    }

    @inlinable
    public static func - (lhs: SimulationTime, rhs: SimulationTime) -> SimulationDuration {
        SimulationDuration(nanoseconds: lhs.nanoseconds - rhs.nanoseconds)
    }

    @inlinable
    public static func += (lhs: inout SimulationTime, rhs: SimulationDuration) { lhs = lhs + rhs }
}

extension SimulationTime: CustomStringConvertible {
    /// `t=12.5s`, for debugging output.
    public var description: String { "t=\(SimulationDuration(nanoseconds: nanoseconds))" }
}
