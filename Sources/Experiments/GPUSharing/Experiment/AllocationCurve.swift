/// The per-percent curves of the paper's Fig. 7/9: GPU allocation ratio and fragmented-GPU share against the
/// arrived GPU request, both in percent of the cluster's GPUs.
///
/// As the artifact's analysis (experiments/analysis/merge_alloc_discrete_0920.py and
/// merge_frag_discrete_0928.py): after every arrival (scheduled or not) the arrived request is rounded
/// half-to-even to a whole percent and the allocation ratio to 0.01 %; each whole percent 0…130 takes the mean
/// over the arrivals in that bin, else over the neighbouring bins (±1), else has no point. The fragmented share
/// is `100 × mean(Σ_n F_n) / 1000 / GPUs`.
public struct AllocationCurve: Sendable {
    /// One whole-percent point.
    public struct Point: Sendable, Hashable {
        /// Arrived GPU request, whole percent of the cluster's GPU capacity.
        public var arrivedPercent: Int
        /// Allocated GPU, percent of the cluster's GPUs (rounded to 0.01).
        public var allocatedPercent: Double
        /// Fragmented GPU (Σ F_n), percent of the cluster's GPUs (rounded to 0.01).
        public var fragmentedPercent: Double
    }

    /// The last whole percent reported.
    public static let lastPercent = 130

    private let totalGPUs: Int
    private var allocationSum: [Double]
    private var fragmentationSum: [Double]
    private var samples: [Int]

    /// An empty curve for a cluster of `totalGPUs` GPUs.
    public init(totalGPUs: Int) {
        precondition(totalGPUs > 0, "a cluster without GPUs has no GPU curve")
        self.totalGPUs = totalGPUs
        let bins = Self.lastPercent + 2  // one bin beyond, for the ±1 fallback of the last percent
        allocationSum = Array(repeating: 0, count: bins)
        fragmentationSum = Array(repeating: 0, count: bins)
        samples = Array(repeating: 0, count: bins)
    }

    /// Records the state after one arrival.
    /// - Parameters:
    ///   - arrivedGPUMilli: milli-GPU requested by all arrivals so far.
    ///   - allocatedGPUMilli: milli-GPU allocated now.
    ///   - fragmentedGPUMilli: Σ_n F_n now, in milli-GPU.
    public mutating func record(arrivedGPUMilli: Int, allocatedGPUMilli: Int, fragmentedGPUMilli: Double) {
        let arrived = (Double(arrivedGPUMilli) / Double(totalGPUs) / 10).rounded(.toNearestOrEven)
        guard arrived < Double(samples.count) else { return }
        let bin = Int(arrived)
        let allocation = (Double(allocatedGPUMilli) / Double(totalGPUs) / 10 * 100).rounded(.toNearestOrEven) / 100
        allocationSum[bin] += allocation
        fragmentationSum[bin] += fragmentedGPUMilli
        samples[bin] += 1
    }

    /// The points 0…130 that have data.
    public var points: [Point] {
        (0...Self.lastPercent).compactMap { percent in
            var allocation = allocationSum[percent], fragmentation = fragmentationSum[percent]
            var count = samples[percent]
            if count == 0 {
                for neighbour in [percent - 1, percent + 1] where neighbour >= 0 && neighbour < samples.count {
                    allocation += allocationSum[neighbour]
                    fragmentation += fragmentationSum[neighbour]
                    count += samples[neighbour]
                }
            }
            guard count > 0 else { return nil }
            let fragmented = 100 * (fragmentation / Double(count)) / 1000 / Double(totalGPUs)
            return Point(
                arrivedPercent: percent, allocatedPercent: Self.round2(allocation / Double(count)),
                fragmentedPercent: Self.round2(fragmented))
        }
    }

    private static func round2(_ value: Double) -> Double { (value * 100).rounded(.toNearestOrEven) / 100 }
}
