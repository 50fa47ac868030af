import SimulationCore

/// Derives independent, named random streams from one master seed.
///
/// Each component asks for its own stream by a stable name (`"workload/web"`,
/// `"node/worker-3/image-pull"`), so adding a node or a policy never shifts another
/// component's draws: the basis of common random numbers across policy comparisons.
/// Names are hashed with FNV-1a and mixed with the seed by SplitMix64; `Hasher` is never used
/// because it is seeded randomly per process.
public struct RandomStreams: Sendable, Hashable {
    /// The master seed of the run.
    public let seed: UInt64

    /// Creates the stream family of a run.
    /// - Parameter seed: the scenario's seed.
    public init(seed: UInt64) { self.seed = seed }

    /// The seed of the stream called `name`.
    /// - Complexity: O(length of `name`).
    public func seed(named name: String) -> UInt64 {
        Self.splitMix64(seed ^ Self.fnv1a64(name))
    }

    /// A fresh generator for the stream called `name`; the same name always gives the same
    /// sequence for the same master seed.
    public func stream(named name: String) -> RandomSource {
        RandomSource(seed: seed(named: name))
    }

    /// FNV-1a, 64-bit: a stable string hash (SimulationCore's ``FNV1a``).
    public static func fnv1a64(_ text: String) -> UInt64 { FNV1a.hash(text) }

    /// SplitMix64's output function: spreads nearby inputs over the whole 64-bit range.
    public static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
