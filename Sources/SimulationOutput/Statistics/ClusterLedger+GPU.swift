import ClusterComponents
import KubeModel

extension ClusterLedger {
    /// GPU-sharing requests carried as annotations (``GPUShareKeys``), as requests of the
    /// node resources `alibabacloud.com/gpu-milli` (milli-GPU) and `alibabacloud.com/gpu-count`
    /// (GPUs, fractional for shares), so utilisation shows allocated GPU / total GPU like any
    /// other resource. In milli-units, as every ledger request.
    /// `total` is the pod's ``GPURequest/totalMilli(annotations:)``.
    static func gpuRequests(totalMilli total: Int64) -> [(name: String, milli: Int64)] {
        guard total > 0 else { return [] }
        return [(GPUShareKeys.milli, total * 1000), (GPUShareKeys.count, total)]
    }
}
