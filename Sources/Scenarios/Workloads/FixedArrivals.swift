import SimulationCore
import Stochastics

/// `arrivals: {at: [0s, 5s]}`: arrivals at fixed times since the start, in ascending order.
public struct FixedArrivals: ArrivalProcess, Sendable, Hashable {
    /// The times, sorted.
    public let times: [SimulationDuration]
    private var index = 0

    /// Creates the process; `times` are sorted (a list written out of order still arrives in time order).
    public init(times: [SimulationDuration]) { self.times = times.sorted() }

    /// The next listed time; draws nothing.
    public mutating func next(using source: inout RandomSource) -> SimulationTime? {
        guard index < times.count else { return nil }
        defer { index += 1 }
        return SimulationTime(nanoseconds: times[index].nanoseconds)
    }
}
