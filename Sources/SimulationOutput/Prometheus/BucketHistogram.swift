/// A Prometheus histogram: counts per bucket (`le` upper bounds, inclusive), their sum and count,
/// as client_golang keeps them.
public struct BucketHistogram: Sendable, Equatable {
    /// Upper bounds, ascending, without `+Inf`.
    public let bounds: [Double]
    /// Observations per bucket (not cumulative); the last entry is the `+Inf` bucket.
    public private(set) var counts: [UInt64]
    /// Sum of the observations.
    public private(set) var sum: Double = 0

    /// An empty histogram over `bounds`.
    public init(bounds: [Double]) {
        self.bounds = bounds
        counts = [UInt64](repeating: 0, count: bounds.count + 1)
    }

    /// Observations so far.
    public var count: UInt64 { counts.reduce(0, +) }

    /// Adds one observation to the first bucket whose bound is ≥ `value`.
    /// - Complexity: O(log buckets).
    public mutating func observe(_ value: Double) {
        var low = 0, high = bounds.count
        while low < high {
            let mid = (low + high) / 2
            if bounds[mid] >= value { high = mid } else { low = mid + 1 }
        }
        counts[low] += 1
        sum += value
    }

    /// The cumulative bucket counts (`_bucket` values), `+Inf` last.
    public var cumulativeCounts: [UInt64] {
        var total: UInt64 = 0
        return counts.map {
            total += $0
            return total
        }
    }
}
