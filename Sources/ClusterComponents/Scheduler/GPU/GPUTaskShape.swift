/// A task shape of the FGD target workload: the artifact's `simontype.PodResource` (CPU milli,
/// milli-GPU per GPU, GPU count, GPU model constraint); memory is not part of it.
public struct GPUTaskShape: Sendable, Hashable {
    /// CPU request in millicores.
    public var cpuMilli: Int64
    /// Milli-GPU per GPU (0 for CPU-only tasks).
    public var gpuMilli: Int32
    /// Number of GPUs (0 for CPU-only tasks).
    public var gpuCount: Int32
    /// Allowed GPU models, `|`-separated; empty for any.
    public var gpuSpec: String

    /// Creates a shape.
    public init(cpuMilli: Int64, gpuMilli: Int32, gpuCount: Int32, gpuSpec: String = "") {
        self.cpuMilli = cpuMilli
        self.gpuMilli = gpuCount == 0 ? 0 : gpuMilli
        self.gpuCount = gpuMilli == 0 ? 0 : gpuCount
        self.gpuSpec = gpuSpec
    }

    /// The artifact's `PodResource.Less` (pkg/type/resource.go): CPU, then GPU milli, then GPU
    /// count, then model string.
    public static func artifactLess(_ a: Self, _ b: Self) -> Bool {
        if a.cpuMilli != b.cpuMilli { return a.cpuMilli < b.cpuMilli }
        if a.gpuMilli != b.gpuMilli { return a.gpuMilli < b.gpuMilli }
        if a.gpuCount != b.gpuCount { return a.gpuCount < b.gpuCount }
        return Array(a.gpuSpec.utf8).lexicographicallyPrecedes(b.gpuSpec.utf8)
    }
}
