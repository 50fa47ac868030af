/// One row of an openb pod list (`openb_pod_list_*.csv`): the columns the placement experiment uses.
///
/// `gpu_milli` is the share of *each* requested GPU: a pod with `gpuCount == 1, gpuMilli < 1000` shares one
/// device, a pod with `gpuMilli == 1000` takes `gpuCount` whole devices. As in the artifact's CSV-to-YAML
/// conversion (`data/pod_csv_to_yaml.py`), a CPU-only pod (`num_gpu == 0`) carries no GPU share and no model
/// constraint, whatever its other columns say.
public struct GPUTracePod: Sendable, Hashable {
    /// `name`.
    public var name: String
    /// `cpu_milli`: CPU request in millicores.
    public var cpuMilli: Int
    /// `memory_mib`: memory request in MiB.
    public var memoryMiB: Int
    /// `num_gpu` (0–8).
    public var gpuCount: Int
    /// `gpu_milli`: milli-GPU per requested GPU (0 for CPU-only pods, else 1…1000).
    public var gpuMilli: Int
    /// `gpu_spec`: the allowed GPU models (`|`-separated in the file, empty parts dropped); empty means any.
    public var gpuSpec: [String]

    /// Creates a pod row.
    public init(name: String, cpuMilli: Int, memoryMiB: Int, gpuCount: Int, gpuMilli: Int, gpuSpec: [String] = []) {
        self.name = name
        self.cpuMilli = cpuMilli
        self.memoryMiB = memoryMiB
        self.gpuCount = gpuCount
        self.gpuMilli = gpuCount == 0 ? 0 : gpuMilli
        self.gpuSpec = gpuCount == 0 ? [] : gpuSpec
    }

    /// Total milli-GPU requested (`gpuMilli × gpuCount`), the artifact's `PodResource.TotalMilliGpu`.
    public var totalGPUMilli: Int { gpuMilli * gpuCount }

    /// Whether the pod takes a fraction of a single GPU (the artifact's `PodResource.IsGpuShare`).
    public var isGPUShare: Bool { gpuCount == 1 && gpuMilli < 1000 }
}
