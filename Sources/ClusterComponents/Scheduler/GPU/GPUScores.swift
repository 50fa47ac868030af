/// The FGD artifact's GPU-sharing score formulas (hkust-adsl/kubernetes-scheduler-simulator
/// `pkg/simulator/plugin/*_score.go`), written once: the cluster scheduler's ``GPUBestFit``
/// plugin and the standalone experiment (`kubesim bench fgd`) both call these. FGD's own
/// formula is ``GPUFragmentation/fgdScore(cpuAfter:gpuFree:devices:slot:weightedBefore:share:milli:count:)``.
public enum GPUScores {
    /// `MaxSpecCpu` (pkg/type/open-gpu-share/utils/const.go): millicores.
    public static let maxSpecCPU = 128_000.0
    /// `MaxSpecGpu`: milli-GPU.
    public static let maxSpecGPU = 8_000.0

    /// BestFit before normalisation (best_fit_score.go `getBestFitScore`):
    /// `int(100 × (1 − Σ_i 0.5 · (free_i − request_i) / maxSpec_i))`, i ∈ {CPU, GPU}.
    /// - Parameters: free and requested CPU millicores, idle and requested milli-GPU (all devices).
    @inline(__always)
    public static func bestFit(cpuFree: Int64, cpuRequest: Int64, gpuIdle: Int64, gpuRequest: Int64) -> Int64 {
        let cpu = Double(cpuFree - cpuRequest) / maxSpecCPU * 0.5
        let gpu = Double(gpuIdle - gpuRequest) / maxSpecGPU * 0.5
        return Int64((1.0 - (0 + cpu + gpu)) * 100)
    }

    /// The plugins' `NormalizeScore` (plugin_utils.go): `(s − lowest) × 100 / (highest − lowest)`
    /// in integers, all 0 when every score is equal.
    public static func normalize(_ scores: inout ArraySlice<Int64>) {
        guard let lowest = scores.min(), let highest = scores.max() else { return }
        for i in scores.indices { scores[i] = highest == lowest ? 0 : (scores[i] - lowest) * 100 / (highest - lowest) }
    }

    /// DotProduct with `dimExtMethod: merge`, `normMethod: max` (dot_product_score.go
    /// `calculateDotProductScore`): `int(100 × (1 − (free·request)/2))` over CPU and GPU, each
    /// as a fraction of its `MaxSpec`. (The scheduler's `DotProduct` policy is Tetris's
    /// alignment, the opposite preference.)
    public static func dotProduct(cpuFree: Int64, cpuRequest: Int64, gpuIdle: Int64, gpuRequest: Int64) -> Int64 {
        let dot =
            Double(cpuFree) / maxSpecCPU * (Double(cpuRequest) / maxSpecCPU) + Double(gpuIdle) / maxSpecGPU
            * (Double(gpuRequest) / maxSpecGPU)
        return Int64(100 * (1 - dot / 2))
    }
}
