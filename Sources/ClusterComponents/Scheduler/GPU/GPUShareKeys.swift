/// The names through which pods and nodes carry GPU-sharing requests and capacity, as the FGD
/// artifact's Open-GPU-Share plugin defines them (hkust-adsl/kubernetes-scheduler-simulator,
/// `pkg/type/open-gpu-share/utils/const.go`; the same keys as alibaba/open-gpu-share).
///
/// - Pods: annotations ``milli`` (milli-GPU per GPU, 1000 = a whole GPU), ``count`` (number of
///   GPUs) and ``model`` (allowed GPU models separated by `|`; absent or empty means any).
/// - Nodes: capacity ``count`` (number of GPUs) and ``milli`` (their total milli-GPU), and label
///   ``model`` (the node's GPU model).
/// - Assigned devices: pod annotation ``index`` (`"1"` or `"0-1-2-3"`), written at bind time.
public enum GPUShareKeys {
    /// `alibabacloud.com/gpu-milli`.
    public static let milli = "alibabacloud.com/gpu-milli"
    /// `alibabacloud.com/gpu-count`.
    public static let count = "alibabacloud.com/gpu-count"
    /// `alibabacloud.com/gpu-card-model`.
    public static let model = "alibabacloud.com/gpu-card-model"
    /// `alibabacloud.com/gpu-index` (the artifact's `DeviceIndex`).
    public static let index = "alibabacloud.com/gpu-index"
    /// Milli-GPU of one whole GPU (`MILLI`).
    public static let milliPerGPU: Int32 = 1000
    /// Devices tracked per node: the artifact's largest node (`MaxSpecGpu` = 8000 milli-GPU).
    public static let maxDevices = 8
}
