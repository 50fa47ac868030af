import ClusterComponents

/// A pod of the experiment reduced to what placement reads, with dense ids for its shape and model mask.
public struct GPUTask: Sendable, Hashable {
    /// CPU request in millicores.
    public var cpuMilli: Int32
    /// Memory request in MiB.
    public var memoryMiB: Int32
    /// Number of GPUs (0 for CPU-only tasks).
    public var gpuCount: Int32
    /// Milli-GPU per GPU (0 for CPU-only tasks; below 1000 only for single-GPU sharing tasks).
    public var gpuMilli: Int32
    /// Allowed GPU models as a ``GPUModelTable`` mask; 0 means any.
    public var modelMask: UInt64
    /// Index of the task's shape (CPU, GPU milli, GPU count, model spec), the artifact's `PodResource`.
    public var shape: Int32

    /// Creates a task.
    public init(
        cpuMilli: Int32, memoryMiB: Int32, gpuCount: Int32, gpuMilli: Int32, modelMask: UInt64, shape: Int32
    ) {
        self.cpuMilli = cpuMilli
        self.memoryMiB = memoryMiB
        self.gpuCount = gpuCount
        self.gpuMilli = gpuMilli
        self.modelMask = modelMask
        self.shape = shape
    }

    /// The task's GPUs as the scheduler's GPUShare plugin reads a pod's (``GPURequest``).
    @inline(__always) public var request: GPURequest {
        GPURequest(count: gpuCount, milli: gpuMilli, modelMask: modelMask)
    }

    /// Total milli-GPU requested.
    @inline(__always) public var totalGPUMilli: Int { Int(gpuMilli) * Int(gpuCount) }

    /// Whether the task takes a fraction of one GPU.
    @inline(__always) public var isGPUShare: Bool { gpuCount == 1 && gpuMilli < 1000 }

    /// The GpuClustering class: -1 for CPU-only tasks, 0 for "share-gpu", k for "k-gpu" — the artifact's
    /// `GetGpuAffinityFromPodAnnotation` (pkg/type/open-gpu-share/utils/pod.go).
    @inline(__always) public var gpuClass: Int {
        if gpuCount == 0 { return -1 }
        return isGPUShare ? 0 : Int(gpuCount)
    }
}
