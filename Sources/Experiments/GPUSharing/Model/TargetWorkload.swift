/// The target workload M of the fragmentation measure: the most popular task shapes of a pod list and their
/// popularity p_m (Weng et al., ATC '23, §3; the artifact's `utils.GetTypicalPods`, pkg/utils/frag.go).
///
/// Shapes are counted over the pods (CPU-only ones only with `includeCPUTasks`, the artifact's
/// `isInvolvedCpuPods`), sorted by decreasing
/// count (ties: the artifact's `PodResource.Less`, reversed), and kept from the top until they cover
/// `popularityThreshold`% of the pods (the experiments use 95 with increase step 1,
/// scripts/generate_config_and_run.py); p_m is then the count over the kept total.
public struct TargetWorkload: Sendable, Hashable {
    /// One task type of the target workload.
    public struct Entry: Sendable, Hashable {
        /// The task shape.
        public var shape: GPUTaskShape
        /// How many pods of the list have this shape.
        public var count: Int
    }

    /// The kept task types, most popular first.
    public let entries: [Entry]
    /// The sum of the kept counts (the denominator of every p_m).
    public let keptCount: Int

    /// Builds the target workload of `pods`.
    /// - Parameters:
    ///   - popularityThreshold: percentage of pods the kept shapes must cover (artifact default 95).
    ///   - includeCPUTasks: whether CPU-only pods are task types of M (the artifact's `isInvolvedCpuPods`).
    /// - Complexity: O(n + k log k) for n pods and k distinct shapes.
    public init(pods: [GPUTracePod], popularityThreshold: Int = 95, includeCPUTasks: Bool = true) {
        var counts: [GPUTaskShape: Int] = [:]
        var counted = 0
        for pod in pods where includeCPUTasks || pod.gpuCount > 0 {
            counts[GPUTaskShape(pod), default: 0] += 1
            counted += 1
        }
        // sort.Sort(sort.Reverse(TargetPodList)): decreasing count, then decreasing PodResource.Less.
        let sorted = counts.map { Entry(shape: $0.key, count: $0.value) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            return GPUTaskShape.artifactLess(b.shape, a.shape)
        }
        let expected = Double(popularityThreshold) * Double(counted) / 100
        var kept = 0
        var cumulative = 0
        while Double(cumulative) < expected, kept < sorted.count {
            cumulative += sorted[kept].count
            kept += 1
        }
        entries = Array(sorted.prefix(kept))
        keptCount = cumulative
    }

    /// The popularity p_m of an entry (0…1).
    public func popularity(of entry: Entry) -> Double { Double(entry.count) / Double(keptCount) }
}
