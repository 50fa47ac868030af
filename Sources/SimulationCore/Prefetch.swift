import CSimulationCore

/// Software prefetch, for code that knows which cold memory it will read next: the miss then
/// overlaps other work instead of stalling the read.
public enum Prefetch {
    /// Starts loading the cache line at `address` for reading, without waiting for it.
    @inlinable
    public static func forReading(_ address: UnsafeRawPointer) { csimulationcore_prefetch(address) }
}
