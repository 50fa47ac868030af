import SimulationCore
import Stochastics

/// The classic hold model (Jones 1986; Vaucher & Duval 1975) on the real engine: fill the queue
/// with `pending` events, then repeatedly pop the earliest and push one at now + Exp(1).
///
/// This is how event-set speed is quoted in the DES literature; the C++ reference in
/// `Benchmarks/reference/hold.cpp` runs the same model on `std::priority_queue` with the
/// same GSL draws, so the comparison measures the queue and loop, not the RNG.
public struct HoldModel {
    /// Events kept pending throughout.
    public let pending: Int
    /// Hold operations (pop + push) measured.
    public let operations: Int
    /// Seed of the increment stream.
    public let seed: UInt64

    /// Creates the model.
    public init(pending: Int, operations: Int, seed: UInt64 = 1) {
        self.pending = pending
        self.operations = operations
        self.seed = seed
    }

    /// The outcome of one run.
    public struct Result: Sendable, Codable, Equatable {
        /// Events kept pending.
        public var pending: Int
        /// Hold operations performed.
        public var operations: Int
        /// Wall-clock seconds spent in the measured loop.
        public var seconds: Double
        /// `operations / seconds`.
        public var opsPerSecond: Double
        /// Virtual time reached (a checksum that both implementations must agree on).
        public var finalTime: Double
    }

    struct Handler: EventHandler, ~Copyable {
        var source: RandomSource
        var remaining: Int
        var shouldStop: Bool { remaining == 0 }

        mutating func handle(_ event: UInt32, in simulation: inout Simulation<UInt32>) {
            remaining -= 1
            let increment = SimulationDuration(nanoseconds: Int64(source.exponential(mean: 1) * 1e9))
            simulation.schedule(event, after: increment)
        }
    }

    /// Runs the model; only the hold loop is timed, not the initial fill.
    public func run() -> Result {
        var simulation = Simulation<UInt32>(capacity: pending + 1)
        var source = RandomSource(seed: seed)
        for index in 0..<pending {
            let time = SimulationTime(nanoseconds: Int64(source.exponential(mean: 1) * 1e9))
            simulation.schedule(UInt32(truncatingIfNeeded: index), at: time)
        }
        var handler = Handler(source: source, remaining: operations)
        let clock = ContinuousClock()
        let start = clock.now
        if operations > 0 { simulation.run(handler: &handler) }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(
            pending: pending, operations: operations, seconds: seconds,
            opsPerSecond: seconds > 0 ? Double(operations) / seconds : 0,
            finalTime: simulation.now.seconds)
    }
}
