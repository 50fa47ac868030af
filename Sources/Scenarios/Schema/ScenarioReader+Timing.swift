import ClusterComponents
import Stochastics
import Yams

extension ScenarioReader {
    /// `spec.scheduler.clientConnection` (KubeSchedulerConfiguration's names).
    static let clientConnectionKeys = ["qps", "burst"]
    /// `spec.controllerManager` (kube-controller-manager's `--kube-api-qps`/`--kube-api-burst`).
    static let controllerManagerKeys = ["kubeAPIQPS", "kubeAPIBurst"]
    /// `spec.realisticTiming`: the costs of ``RealisticTiming``, each a distribution of seconds.
    static let realisticTimingKeys = [
        "apiRequestLatency", "watchDelay", "podWorkerStartDelay", "podSandboxSetup", "containerCreate",
        "containerStart", "schedulingCycle",
    ]

    /// A client QPS: a positive number, or a negative one for "no rate limit" (client-go: QPS < 0
    /// disables the limiter); 0 is refused (client-go would replace it with its default of 5,
    /// a surprise in a scenario).
    mutating func clientQPS(_ node: Yams.Node, _ path: FieldPath) -> Double? {
        guard let value = value(node, path, unit: .number) else { return nil }
        if value == 0 {
            invalid(path, node: node, "must be positive, or negative for no rate limit")
            return nil
        }
        return value
    }

    /// `spec.realisticTiming`: overrides of the calibrated costs.
    mutating func realisticTiming(_ node: Yams.Node, _ path: FieldPath) -> RealisticTiming {
        var timing = RealisticTiming()
        guard let map = mapping(node, path, known: Self.realisticTimingKeys) else { return timing }
        let fields: [(String, WritableKeyPath<RealisticTiming, Distribution>)] = [
            ("apiRequestLatency", \.apiRequestLatency), ("watchDelay", \.watchDelay),
            ("podWorkerStartDelay", \.podWorkerStartDelay), ("podSandboxSetup", \.podSandboxSetup),
            ("containerCreate", \.containerCreate), ("containerStart", \.containerStart),
            ("schedulingCycle", \.schedulingCycle),
        ]
        for (key, field) in fields {
            if let node = map[key], let distribution = distribution(node, path.key(key), unit: .seconds) {
                timing[keyPath: field] = distribution
            }
        }
        return timing
    }
}
