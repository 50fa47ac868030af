/// The seed of replication r: a SplitMix64 mix of the scenario seed and r, and nothing else.
///
/// Because the parameter point is not an input, replication r sees the same random streams at
/// every point of a sweep and under every policy of a benchmark (common random numbers): the
/// workload's arrivals, lifetimes and behaviours are identical, and differences between points
/// are differences of the system, not of luck. Replication 0 uses the scenario seed itself, so
/// a one-replication sweep reproduces `kubesim run`.
public enum ReplicationSeed {
    /// The seed for `replication` of a scenario whose seed is `base`.
    /// - Complexity: O(1).
    public static func seed(base: UInt64, replication: Int) -> UInt64 {
        guard replication > 0 else { return base }
        // SplitMix64 (Steele, Lea & Flood 2014) of base + r·golden gamma.
        var z = base &+ UInt64(replication) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
