import SimulationCore
import Yams

extension ScenarioReader {
    /// `spec.traffic[i]`.
    static let trafficKeys = ["name", "namespace", "selector", "rate", "from", "until"]
    /// `spec.traffic[i].rate` when it is a mapping.
    static let trafficRateKinds = ["diurnal"]
    /// `spec.behaviors[i].cpu`.
    static let cpuKeys = ["base", "perRequest"]

    mutating func traffic(_ node: Yams.Node, _ path: FieldPath) -> [Traffic] {
        guard let items = sequence(node, path) else { return [] }
        var result: [Traffic] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let map = mapping(item, itemPath, known: Self.trafficKeys) else { continue }
            let name = requiredString(map, "name", itemPath)
            if let name, !names.insert(name).inserted {
                error(.duplicate(itemPath.key("name").text, .string(name)), at: itemPath.key("name"))
            }
            var selector: [String: String]?
            if let node = map["selector"] {
                selector = stringMap(node, itemPath.key("selector"))
                if selector?.isEmpty == true {
                    invalid(itemPath.key("selector"), node: node, "must name at least one label")
                    selector = nil
                }
            } else {
                required(itemPath.key("selector"))
            }
            var rate: Traffic.Rate?
            if let node = map["rate"] {
                rate = trafficRate(node, itemPath.key("rate"))
            } else {
                required(itemPath.key("rate"))
            }
            var from = SimulationDuration.zero
            if let node = map["from"], let value = duration(node, itemPath.key("from")) { from = value }
            var until: SimulationDuration?
            if let node = map["until"], let value = duration(node, itemPath.key("until")) {
                if value <= from {
                    invalid(itemPath.key("until"), node: node, "must be later than from")
                } else {
                    until = value
                }
            }
            let namespace = optionalString(map, "namespace", itemPath)
            if let name, let selector, let rate {
                result.append(
                    Traffic(name: name, namespace: namespace, selector: selector, rate: rate, from: from, until: until))
            }
        }
        return result
    }

    /// `rate: 120` (per second; `120/s`, `7200/m` …) or `rate: {diurnal: {…}}`.
    mutating func trafficRate(_ node: Yams.Node, _ path: FieldPath) -> Traffic.Rate? {
        if case .scalar = node {
            guard let value = value(node, path, unit: .perSecond) else { return nil }
            guard value >= 0 else {
                invalid(path, node: node, "must be non-negative")
                return nil
            }
            return .constant(value)
        }
        guard let map = mapping(node, path, known: Self.trafficRateKinds) else { return nil }
        guard let body = map["diurnal"] else {
            invalid(path, node: node, "expected a rate per second or {diurnal: …}")
            return nil
        }
        return diurnal(body, path.key("diurnal")).map(Traffic.Rate.diurnal)
    }
}
