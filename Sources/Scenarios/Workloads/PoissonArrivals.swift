import SimulationCore
import Stochastics

/// `arrivals: {poisson: {rate: 20/m}}`: a homogeneous Poisson process, i.e. independent
/// exponential inter-arrival gaps with mean `1 / rate`.
public struct PoissonArrivals: ArrivalProcess, Sendable, Hashable {
    /// Arrivals per second, > 0.
    public let rate: Double
    private var current: Int64

    /// Creates the process, starting at `start`.
    /// - Parameter rate: arrivals per second, > 0.
    public init(rate: Double, start: SimulationTime = .zero) {
        precondition(rate > 0 && rate.isFinite, "PoissonArrivals needs a positive finite rate")
        self.rate = rate
        self.current = start.nanoseconds
    }

    /// The previous arrival plus one exponential gap.
    /// - Complexity: O(1), one draw.
    public mutating func next(using source: inout RandomSource) -> SimulationTime? {
        guard let next = advance(current, bySeconds: source.exponential(mean: 1 / rate)) else { return nil }
        current = next
        return SimulationTime(nanoseconds: next)
    }
}
