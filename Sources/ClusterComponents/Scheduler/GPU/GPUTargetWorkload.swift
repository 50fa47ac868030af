/// The target workload M of FGD's fragmentation measure: the most popular task shapes and their
/// counts (Weng et al., ATC '23, §3; the artifact's `utils.GetTypicalPods`, pkg/utils/frag.go).
///
/// The one implementation of the rule: the standalone experiment's `TargetWorkload`
/// (Sources/Experiments/GPUSharing/Model/TargetWorkload.swift) is this type, built from trace
/// pods. Shapes are sorted by decreasing count (ties: the artifact's `PodResource.Less`,
/// reversed) and kept from the top until they cover `popularityThreshold` % of the counted pods.
public struct GPUTargetWorkload: Sendable, Hashable {
    /// One kept task type.
    public struct Entry: Sendable, Hashable {
        /// The shape.
        public var shape: GPUTaskShape
        /// How many pods have it.
        public var count: Int
    }

    /// Kept types, most popular first.
    public let entries: [Entry]
    /// Σ kept counts (the denominator of every popularity p_m).
    public let keptCount: Int

    /// Builds M from the shapes of a pod list.
    /// - Parameters:
    ///   - shapes: one shape per pod.
    ///   - popularityThreshold: percentage the kept shapes must cover (artifact default 95).
    ///   - includeCPUTasks: whether CPU-only pods are task types (the artifact's `isInvolvedCpuPods`, default true).
    /// - Complexity: O(n + k log k) for n pods and k distinct shapes.
    public init(shapes: [GPUTaskShape], popularityThreshold: Int = 95, includeCPUTasks: Bool = true) {
        var counts: [GPUTaskShape: Int] = [:]
        var counted = 0
        for shape in shapes where includeCPUTasks || shape.gpuCount > 0 {
            counts[shape, default: 0] += 1
            counted += 1
        }
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
}
