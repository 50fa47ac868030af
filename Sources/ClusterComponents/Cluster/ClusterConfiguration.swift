import KubeModel
import SimulationCore

/// A Kubernetes minor version, selecting version-dependent behaviour (back-off knobs,
/// scheduler formulas, messages, node-monitor grace period).
public struct KubernetesVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Major version (1).
    public var major: Int
    /// Minor version (34 for 1.34).
    public var minor: Int

    /// Creates a version.
    public init(major: Int = 1, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.34"`, `"v1.34"` or `"1.34.2"`.
    public init?(parsing text: String) {
        let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
        let parts = trimmed.split(separator: ".")
        guard parts.count >= 2, parts.count <= 3, let major = Int(parts[0]), let minor = Int(parts[1]),
            parts.count < 3 || Int(parts[2]) != nil
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// The default when a scenario does not say.
    public static let `default` = KubernetesVersion(minor: 34)
    /// Versions whose behaviour kubesim knows.
    public static let supported = (25...36).map { KubernetesVersion(minor: $0) }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }
    public var description: String { "\(major).\(minor)" }
}

/// How much latency the components add (kubelet reference §1.6; docs/calibration.md).
public enum TimingMode: String, Sendable, Hashable {
    /// Model Z: zero PLEG/sync latency, no jitter, no API latency or client rate limits;
    /// kubelet ordering kept. The exact curves of the golden cases.
    case ideal
    /// Model R: PLEG relist 1 s, sync ticker 1 s, error requeue U[10, 15) s, plus the costs of
    /// ``RealisticTiming`` (API latency, watch delivery, sandbox, container create and start,
    /// scheduling cycle) and every component's API client rate limiter
    /// (``APIClientRateLimiter``). The default.
    case realistic
}

/// Settings of one run that every component reads.
public struct ClusterConfiguration: Sendable {
    /// Version-dependent behaviour.
    public var kubernetesVersion: KubernetesVersion = .default
    /// Kubelet latency model.
    public var timing: TimingMode = .realistic
    /// The costs of realistic timing (ignored under ``TimingMode/ideal``).
    public var realisticTiming = RealisticTiming()
    /// kube-scheduler `clientConnection.qps` / `burst` (realistic timing only).
    public var schedulerClientQPS = APIClientDefaults.schedulerQPS
    /// See ``schedulerClientQPS``.
    public var schedulerClientBurst = APIClientDefaults.schedulerBurst
    /// kube-controller-manager `kubeAPIQPS` / `kubeAPIBurst` (realistic timing only).
    public var controllerManagerQPS = APIClientDefaults.controllerManagerQPS
    /// See ``controllerManagerQPS``.
    public var controllerManagerBurst = APIClientDefaults.controllerManagerBurst
    /// Master seed of the random streams.
    public var seed: UInt64 = 1
    /// Wall-clock origin of the run, seconds since the Unix epoch (for RFC 3339 timestamps).
    public var startTimeUnixSeconds: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z
    /// The scheduler configuration (profiles), if the user gave one.
    public var schedulerConfiguration: KubeSchedulerConfiguration?
    /// Delay between the scheduler's decision and the binding being visible.
    public var bindLatency: SimulationDuration = .zero
    /// How the scheduler chooses among nodes with the same best score.
    public var tieBreak: TieBreak = .uniform

    /// Creates the defaults.
    public init() {}
}

/// How `selectHost` chooses among the nodes with the best total score.
public enum TieBreak: String, Sendable, CaseIterable {
    /// Uniformly at random, as kube-scheduler does (k/k pkg/scheduler/schedule_one.go
    /// `selectHost`, reservoir sampling).
    case uniform
    /// The first node in a random order fixed per seed: the rule of the kube-scheduler fork the
    /// FGD paper's simulator runs (hkust-adsl/kubernetes-scheduler-simulator, `selectHost` takes
    /// the smallest node name; its nodes are renamed with a per-seed random prefix), so that
    /// `kubesim run` can reproduce that paper's packing.
    case nodeOrder
}
