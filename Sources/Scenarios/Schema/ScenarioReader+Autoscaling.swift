import ClusterComponents
import SimulationCore
import Yams

extension ScenarioReader {
    /// `spec.nodes[i].autoscaling`.
    static let nodeGroupKeys = ["min", "max", "provisionTime", "pricePerHour"]
    /// `spec.clusterAutoscaler`: the flags by their names.
    static let clusterAutoscalerKeys = [
        "scanInterval", "scaleDownUnneededTime", "scaleDownDelayAfterAdd", "scaleDownDelayAfterDelete",
        "scaleDownDelayAfterFailure", "scaleDownUtilizationThreshold", "maxNodeProvisionTime", "expander",
        "maxEmptyBulkDelete", "skipNodesWithLocalStorage", "skipNodesWithSystemPods", "newPodScaleUpDelay",
        "maxGracefulTerminationSec",
    ]

    mutating func nodeGroupAutoscaling(_ node: Yams.Node, _ path: FieldPath, count: Int) -> NodeGroupAutoscaling? {
        guard let map = mapping(node, path, known: Self.nodeGroupKeys) else { return nil }
        var result = NodeGroupAutoscaling(max: 0)
        if let node = map["min"], let value = int(node, path.key("min"), minimum: 0) { result.min = value }
        guard let maxNode = map["max"] else {
            required(path.key("max"))
            return nil
        }
        guard let max = int(maxNode, path.key("max"), minimum: 0) else { return nil }
        result.max = max
        if result.min > result.max {
            invalid(path.key("max"), "\(max)", "must be greater than or equal to min (\(result.min))")
            return nil
        }
        if count < result.min || count > result.max {
            invalid(
                path, "count \(count)",
                "the pool's count (its initial size) must lie in [min, max] = [\(result.min), \(result.max)]")
        }
        if let node = map["provisionTime"],
            let time = distribution(node, path.key("provisionTime"), unit: .seconds)
        {
            result.provisionTime = time
        }
        if let node = map["pricePerHour"], let price = value(node, path.key("pricePerHour"), unit: .number) {
            if price < 0 {
                invalid(path.key("pricePerHour"), node: node, "must be non-negative")
            } else {
                result.pricePerHour = price
            }
        }
        return result
    }

    mutating func clusterAutoscaler(_ node: Yams.Node, _ path: FieldPath) -> ClusterAutoscalerOptions? {
        guard let map = mapping(node, path, known: Self.clusterAutoscalerKeys) else { return nil }
        var options = ClusterAutoscalerOptions()
        func positive(_ key: String, _ set: (inout ClusterAutoscalerOptions, SimulationDuration) -> Void) {
            guard let node = map[key], let value = duration(node, path.key(key)) else { return }
            if value <= .zero && key != "newPodScaleUpDelay" && key != "scaleDownDelayAfterAdd"
                && key != "scaleDownDelayAfterDelete" && key != "scaleDownDelayAfterFailure"
                && key != "scaleDownUnneededTime"
            {
                invalid(path.key(key), node: node, "must be positive")
            } else if value < .zero {
                invalid(path.key(key), node: node, "must be non-negative")
            } else {
                set(&options, value)
            }
        }
        positive("scanInterval") { $0.scanInterval = $1 }
        positive("scaleDownUnneededTime") { $0.scaleDownUnneededTime = $1 }
        positive("scaleDownDelayAfterAdd") { $0.scaleDownDelayAfterAdd = $1 }
        positive("scaleDownDelayAfterDelete") { $0.scaleDownDelayAfterDelete = $1 }
        positive("scaleDownDelayAfterFailure") { $0.scaleDownDelayAfterFailure = $1 }
        positive("maxNodeProvisionTime") { $0.maxNodeProvisionTime = $1 }
        positive("newPodScaleUpDelay") { $0.newPodScaleUpDelay = $1 }
        if let node = map["maxGracefulTerminationSec"],
            let seconds = int(node, path.key("maxGracefulTerminationSec"), minimum: 0)
        {
            // Plus the 30 s PodEvictionHeadroom (core/scaledown/actuation/drain.go).
            options.maxGracefulTermination = .seconds(seconds + 30)
        }
        if let node = map["scaleDownUtilizationThreshold"],
            let value = value(node, path.key("scaleDownUtilizationThreshold"), unit: .number)
        {
            if value < 0 || value > 1 {
                invalid(path.key("scaleDownUtilizationThreshold"), node: node, "must be between 0 and 1")
            } else {
                options.scaleDownUtilizationThreshold = value
            }
        }
        if let text = optionalString(map, "expander", path) {
            if let expander = ClusterAutoscalerOptions.Expander(rawValue: text) {
                options.expander = expander
            } else {
                error(
                    .notSupported(
                        path.key("expander").text, text, ClusterAutoscalerOptions.Expander.allCases.map(\.rawValue)),
                    at: path.key("expander"))
            }
        }
        if let node = map["maxEmptyBulkDelete"], let value = int(node, path.key("maxEmptyBulkDelete"), minimum: 1) {
            options.maxEmptyBulkDelete = value
        }
        if let node = map["skipNodesWithLocalStorage"], let value = bool(node, path.key("skipNodesWithLocalStorage")) {
            options.skipNodesWithLocalStorage = value
        }
        if let node = map["skipNodesWithSystemPods"], let value = bool(node, path.key("skipNodesWithSystemPods")) {
            options.skipNodesWithSystemPods = value
        }
        return options
    }
}
