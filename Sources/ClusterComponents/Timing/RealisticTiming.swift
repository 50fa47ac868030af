import SimulationCore
import Stochastics

/// The parameters of `timing: realistic` (Model R) that no Kubernetes configuration file holds:
/// how long the API server, the watch, the container runtime and the scheduling algorithm
/// take. Client rate limits, which real configuration files do hold, live with their
/// components (``KubeletConfiguration/kubeAPIQPS``, ``ClusterConfiguration/schedulerClientQPS``,
/// ``ClusterConfiguration/controllerManagerQPS``). Every duration is a distribution in seconds,
/// drawn from the random stream of the component that pays it.
///
/// The defaults are calibrated against published measurements (docs/calibration.md,
/// shared/reference/realistic-timing.md); each names its source.
public struct RealisticTiming: Sendable, Hashable {
    /// One mutating API request (POST binding, GET/PATCH pod status, TokenRequest), server side.
    /// Lognormal, median 10 ms, σ 0.7: p99 ≈ 51 ms. scheduler_perf measured binding p50 10.8 ms,
    /// p99 50 ms on an idle control plane (k/k PR 85455); the SLO bounds p99 by 1 s
    /// (community sig-scalability/slos/api_call_latency.md).
    public var apiRequestLatency: Distribution = .lognormal(median: 0.010, sigma: 0.7)
    /// From an API write to an informer's handler (watch delivery), for the scheduler seeing a new
    /// pod and for observers seeing a status. Lognormal, median 2 ms (kind: created → scheduled
    /// 5 ms in total, k/k PR 137362).
    public var watchDelay: Distribution = .lognormal(median: 0.002, sigma: 0.5)
    /// From a binding to the kubelet's first sync of the pod (watch, syncLoop dispatch, admission).
    /// Lognormal, median 13 ms, σ 0.35 (mean ≈ 14 ms, sd ≈ 5 ms: "Scheduled → First Sync:
    /// Avg=0.014, StdDev=0.005", k/k PR 137362).
    public var podWorkerStartDelay: Distribution = .lognormal(median: 0.013, sigma: 0.35)
    /// `RunPodSandbox` including CNI network setup. Lognormal, median 0.6 s, σ 0.35 (typically
    /// 0.3–1.5 s: containerd #6111, k/k #66672; fitted so that an idle pod starts in the
    /// 1.80 s mean of k/k PR 137362 together with the costs below).
    public var podSandboxSetup: Distribution = .lognormal(median: 0.6, sigma: 0.35)
    /// `CreateContainer` of one container. Lognormal, median 0.25 s, σ 0.3 (≈0.36–0.40 s with
    /// docker in 2016, k/k #22585).
    public var containerCreate: Distribution = .lognormal(median: 0.25, sigma: 0.3)
    /// `StartContainer` of one container. Lognormal, median 0.2 s, σ 0.3.
    public var containerStart: Distribution = .lognormal(median: 0.2, sigma: 0.3)
    /// One scheduling cycle (filter and score). Lognormal, median 1.5 ms, σ 0.3: ≈ 650 pods/s,
    /// scheduler_perf SchedulingBasic on 5,000 nodes measured 600–690 pods/s (k/k PR 131345).
    public var schedulingCycle: Distribution = .lognormal(median: 0.0015, sigma: 0.3)

    /// The calibrated defaults.
    public init() {}

    /// Draws one duration (negative draws clamp to zero).
    @inline(__always)
    public static func draw(_ distribution: Distribution, _ random: inout RandomSource) -> SimulationDuration {
        .seconds(max(0, distribution.sample(using: &random)))
    }
}

/// The client rate limits whose defaults depend on the component and the version.
public enum APIClientDefaults {
    /// The kubelet's `kubeAPIQPS`: 50 since 1.27, 5 before (k/k PR 116121;
    /// pkg/kubelet/apis/config/v1beta1/defaults.go `SetDefaults_KubeletConfiguration`).
    public static func kubeletQPS(_ version: KubernetesVersion) -> Double {
        version >= KubernetesVersion(minor: 27) ? 50 : 5
    }
    /// The kubelet's `kubeAPIBurst`: 100 since 1.27, 10 before (same file).
    public static func kubeletBurst(_ version: KubernetesVersion) -> Int {
        version >= KubernetesVersion(minor: 27) ? 100 : 10
    }
    /// kube-scheduler `clientConnection.qps`/`burst`: 50/100
    /// (pkg/scheduler/apis/config/v1/defaults.go `SetDefaults_KubeSchedulerConfiguration`).
    public static let schedulerQPS = 50.0
    /// See ``schedulerQPS``.
    public static let schedulerBurst = 100
    /// kube-controller-manager `--kube-api-qps` 20, `--kube-api-burst` 30
    /// (k8s.io/controller-manager/config/v1alpha1/defaults.go `RecommendedDefaultGenericControllerManagerConfiguration`).
    public static let controllerManagerQPS = 20.0
    /// See ``controllerManagerQPS``.
    public static let controllerManagerBurst = 30
    /// The first release with the kubelet's on-demand per-pod PLEG relist after a `SyncPod`
    /// that acted (k/k PR 137362, merged March 2026 behind the `PLEGOnDemandRelist` gate "added
    /// … with the new code path in v1.36", k/k PR 140805).
    public static let onDemandRelist = KubernetesVersion(minor: 36)
}
