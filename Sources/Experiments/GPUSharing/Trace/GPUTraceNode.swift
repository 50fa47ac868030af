/// One row of an openb node list (`openb_node_list_*.csv`: `sn, cpu_milli, memory_mib, gpu, model`) of the
/// Alibaba GPU cluster trace v2023 (Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing Workloads
/// with Fragmentation Gradient Descent", USENIX ATC '23).
public struct GPUTraceNode: Sendable, Hashable {
    /// `sn`: the node name.
    public var name: String
    /// `cpu_milli`: allocatable CPU in millicores.
    public var cpuMilli: Int
    /// `memory_mib`: allocatable memory in MiB.
    public var memoryMiB: Int
    /// `gpu`: number of GPUs (0–8), each worth 1000 milli-GPU.
    public var gpuCount: Int
    /// `model`: the GPU model (P100, T4, …); empty on CPU-only nodes.
    public var model: String

    /// Creates a node row.
    public init(name: String, cpuMilli: Int, memoryMiB: Int, gpuCount: Int, model: String) {
        self.name = name
        self.cpuMilli = cpuMilli
        self.memoryMiB = memoryMiB
        self.gpuCount = gpuCount
        self.model = model
    }
}
