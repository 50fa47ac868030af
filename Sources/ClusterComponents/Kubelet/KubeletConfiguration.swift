import KubeModel

/// The KubeletConfiguration fields that matter to the simulation (kubelet reference §2, §1.1).
public struct KubeletConfiguration: Sendable, Hashable {
    /// Pull one image at a time (default true when maxParallelImagePulls is unset or < 2;
    /// pkg/kubelet/apis/config/v1beta1/defaults.go).
    public var serializeImagePulls = true
    /// Concurrent pulls when not serialized.
    public var maxParallelImagePulls = 1
    /// Bytes per second shared by concurrent pulls on the node.
    public var pullBandwidthBytesPerSecond: Double = 100 * 1024 * 1024
    /// `crashLoopBackOff.maxContainerRestartPeriod` in seconds (KubeletCrashLoopBackOffMax).
    public var maxContainerRestartPeriodSeconds: Int?
    /// Feature gate ReduceDefaultCrashLoopBackOffDecay.
    public var reduceDefaultCrashLoopBackOffDecay = false
    /// `imageGCHighThresholdPercent` / `imageGCLowThresholdPercent`.
    public var imageGCHighThresholdPercent = 85
    /// `imageGCLowThresholdPercent`.
    public var imageGCLowThresholdPercent = 80
    /// `imageMinimumGCAge` in seconds (2 m default).
    public var imageMinimumGCAgeSeconds = 120
    /// `nodeStatusMaxImages` (50 default; −1 = unlimited).
    public var nodeStatusMaxImages = 50
    /// Image filesystem capacity in bytes; `nil` uses the node's ephemeral-storage capacity.
    public var imageFilesystemCapacityBytes: Int64?
    /// `kubeReserved`: resources set aside for Kubernetes daemons (none by default).
    public var kubeReserved = ResourceList()
    /// `systemReserved`: resources set aside for the OS (none by default).
    public var systemReserved = ResourceList()
    /// `evictionHard`, by signal (the kubelet's defaults unless the configuration says).
    public var evictionHard = KubeletConfiguration.defaultEvictionHard

    /// `kubeAPIQPS`: the kubelet's API client rate limit; `nil` takes the version's default
    /// (``APIClientDefaults/kubeletQPS(_:)``: 50 since 1.27, 5 before). Realistic timing only.
    public var kubeAPIQPS: Double?
    /// `kubeAPIBurst`; `nil` takes the version's default (100 since 1.27, 10 before).
    public var kubeAPIBurst: Int?

    /// The defaults.
    public init() {}
}
