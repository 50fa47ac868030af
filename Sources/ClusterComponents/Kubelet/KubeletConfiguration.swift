/// The KubeletConfiguration fields that matter to the simulation (kubelet reference §2, §1.1).
public struct KubeletConfiguration: Sendable, Hashable {
    /// Pull one image at a time (default true when maxParallelImagePulls is unset or < 2).
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
    public var imageGCLowThresholdPercent = 80

    /// The defaults.
    public init() {}
}
