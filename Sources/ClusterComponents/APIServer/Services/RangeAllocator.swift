import Stochastics

/// The API server's allocator of Service cluster IPs and node ports over a range of `size`
/// values, split at `offset` into a lower band kept for values users ask for and an upper band
/// for dynamic allocation (KEP-3070 and KEP-3668). As
/// pkg/registry/core/service/ipallocator/ipallocator.go `allocateNextService` and the bitmap's
/// `randomScanStrategyWithOffset` (pkg/registry/core/service/allocator/bitmap.go): a dynamic
/// value is the first free one from a random start in the upper band, wrapping around, then
/// from a random start in the lower band when the upper one is full.
///
/// Random starts are drawn from the run's seed (one draw per allocation, in the order of the
/// writes), so the same scenario and seed give the same addresses.
struct RangeAllocator: Sendable {
    /// The number of values.
    let size: UInt32
    /// The first value of the upper (dynamic) band.
    let offset: UInt32
    /// Allocated values, as indexes in the range.
    private(set) var allocated: Set<UInt32> = []
    /// The seed of the random starts.
    let seed: UInt64
    /// Random starts drawn so far.
    private var draws: UInt64 = 0

    init(size: UInt32, offset: UInt32, seed: UInt64) {
        self.size = size
        self.offset = min(offset, size)
        self.seed = seed
    }

    /// Whether index `index` is taken.
    func contains(_ index: UInt32) -> Bool { allocated.contains(index) }

    /// Takes `index`; `false` when it is already allocated.
    mutating func allocate(_ index: UInt32) -> Bool { allocated.insert(index).inserted }

    /// Gives `index` back.
    mutating func release(_ index: UInt32) { allocated.remove(index) }

    /// A free index, upper band first; `nil` when the range is full.
    /// - Complexity: O(1) expected while the range is sparse; O(size) when nearly full.
    mutating func allocateNext() -> UInt32? {
        if let index = firstFree(from: offset, count: size - offset) ?? firstFree(from: 0, count: offset) {
            allocated.insert(index)
            return index
        }
        return nil
    }

    /// The first free index of `[first, first + count)` scanning from a random start.
    private mutating func firstFree(from first: UInt32, count: UInt32) -> UInt32? {
        guard count > 0 else { return nil }
        draws += 1
        let start = UInt32(RandomStreams.splitMix64(seed ^ draws) % UInt64(count))
        for step in 0..<count {
            let index = first + (start + step) % count
            if !allocated.contains(index) { return index }
        }
        return nil
    }
}
