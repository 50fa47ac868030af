import SimulationCore

/// Samples that had not reached their milestone when the run ended (right-censored): each is
/// known only to be at least its value, e.g. `end − creation` for a pod never scheduled.
public struct CensoredSamples: Sendable, Hashable {
    /// How many.
    public private(set) var count = 0
    /// The smallest lower bound (recorded units; µs for latencies).
    public private(set) var minimum: UInt64 = .max

    /// None.
    public init() {}

    /// Adds a sample known to be at least `duration` (rounded to the nearest µs, negative as zero).
    public mutating func record(atLeast duration: SimulationDuration) {
        let micros = duration.nanoseconds <= 0 ? 0 : UInt64((duration.nanoseconds + 500) / 1000)
        record(atLeast: micros)
    }

    /// Adds a sample known to be at least `value` (recorded units).
    public mutating func record(atLeast value: UInt64) {
        count += 1
        minimum = Swift.min(minimum, Swift.min(value, LatencyRecorder.Configuration.highestTrackableValue))
    }
}
