import SimulationCore
import Stochastics

/// `arrivals: {trace: {file, format: openb, timeScale}}`: replays a trace's creation times
/// (multiplied by `timeScale`), one record per arrival, in the trace's (sorted) order.
public struct TraceArrivals: ArrivalProcess, Sendable {
    /// The trace.
    public let trace: OpenBTrace
    /// Trace seconds are multiplied by this.
    public let timeScale: Double
    /// Index of the next record.
    public private(set) var index = 0

    /// Creates the replay.
    public init(trace: OpenBTrace, timeScale: Double = 1) {
        self.trace = trace
        self.timeScale = timeScale
    }

    /// The record that the most recent arrival replays.
    public var lastRecord: OpenBTrace.Record? { index > 0 ? trace.records[index - 1] : nil }

    /// The next record's creation time; draws nothing.
    public mutating func next(using source: inout RandomSource) -> SimulationTime? {
        guard index < trace.records.count,
            let time = advance(0, bySeconds: Double(trace.records[index].creationTime) * timeScale)
        else { return nil }
        index += 1
        return SimulationTime(nanoseconds: time)
    }
}
