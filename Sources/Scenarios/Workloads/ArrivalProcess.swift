import SimulationCore
import Stochastics

/// A point process of arrival times, drawn deterministically from a ``RandomSource``.
///
/// Processes are value types that hold only their own state (the last arrival, an index), so
/// the generator asks for one arrival at a time and never materialises the future: the runner
/// schedules one pending arrival per workload, whatever the count.
public protocol ArrivalProcess {
    /// The next arrival time (non-decreasing), or `nil` when the process is exhausted.
    /// - Parameter source: the workload's arrival stream.
    /// - Complexity: O(1) amortised.
    mutating func next(using source: inout RandomSource) -> SimulationTime?
}

/// Adds `seconds` (≥ 0) to a time in integer nanoseconds, rounding to the nearest nanosecond;
/// `nil` past the representable range. Time is never accumulated in `Double`.
@inline(__always)
func advance(_ time: Int64, bySeconds seconds: Double) -> Int64? {
    let nanos = (seconds * 1e9).rounded()
    guard nanos.isFinite, nanos >= 0, nanos < Double(Int64.max) else { return nil }
    let (sum, overflow) = time.addingReportingOverflow(Int64(nanos))
    return overflow ? nil : sum
}
