import KubeModel
import SimulationCore

/// Scale-up (cluster-autoscaler `core/scaleup/orchestrator/orchestrator.go` `ScaleUp`).
extension ClusterAutoscaler {
    /// One way to help: `nodes` new nodes of `group` would take `pods`.
    struct Option {
        var group: Int
        var nodes: [NodeInfo]
        var pods: [PodID]
    }

    /// The pods the scheduler marked unschedulable (`PodScheduled=False`, reason
    /// `Unschedulable`), older than `--new-pod-scale-up-delay`, in creation order.
    func unschedulablePods() -> [PodID] {
        var result: [PodID] = []
        let now = cluster.now
        for index in cluster.api.pods.indices {
            let facts = cluster.api.podFacts[index]
            guard !facts.isBound, facts.isActive, facts.createdAt + options.newPodScaleUpDelay <= now,
                let condition = cluster.api.pods[index].status.condition("PodScheduled"),
                condition.status == .false, condition.reason == "Unschedulable"
            else { continue }
            result.append(PodID(index))
        }
        return result
    }

    /// Places `pods` first-fit on `nodes`, opening template nodes while `limit` allows
    /// (`BinpackingNodeEstimator`). - Returns: the pods placed.
    func binpack(_ pods: [PodID], on nodes: inout [NodeInfo], template: NodeInfo, limit: Int) -> [PodID] {
        var placed: [PodID] = []
        let scheduler = cluster.scheduler!
        for pod in pods {
            guard scheduler.passesFilters(pod, on: template) else { continue }
            if let index = nodes.indices.first(where: { scheduler.passesFilters(pod, on: nodes[$0]) }) {
                scheduler.addSimulated(pod, to: &nodes[index])
                placed.append(pod)
            } else if nodes.count < limit {
                var node = template
                scheduler.addSimulated(pod, to: &node)
                nodes.append(node)
                placed.append(pod)
            }
        }
        return placed
    }

    /// - Returns: whether a group was increased.
    func scaleUp() -> Bool {
        var pending = unschedulablePods()
        guard !pending.isEmpty else { return false }
        let now = cluster.now
        // FilterOutSchedulable (core/podlistprocessor/filter_out_schedulable.go): pods that fit
        // on an existing node (e.g. one that just became Ready) wait for the scheduler.
        let scheduler = cluster.scheduler!
        var existing: [NodeID: NodeInfo] = [:]
        pending.removeAll { pod in
            for node in cluster.api.nodes where !node.isRemoved && node.ready == .true {
                guard var info = existing[node.id] ?? scheduler.simulatedNodeInfo(node.id),
                    scheduler.passesFilters(pod, on: info)
                else { continue }
                scheduler.addSimulated(pod, to: &info)
                existing[node.id] = info
                return true
            }
            return false
        }
        // Upcoming nodes count as if Ready: pods they would take trigger nothing.
        for (index, group) in groups.enumerated() where group.upcoming > 0 {
            var upcoming: [NodeInfo] = []
            let template = cluster.scheduler.simulatedNodeInfo(template: group.template)
            let taken = binpack(pending, on: &upcoming, template: template, limit: groups[index].upcoming)
            pending.removeAll { taken.contains($0) }
        }
        guard !pending.isEmpty else { return false }
        var options: [Option] = []
        var atMax = 0
        for (index, group) in groups.enumerated() {
            guard group.backoffUntil <= now else { continue }
            let room = group.maxSize - group.targetSize
            guard room > 0 else {
                atMax += 1
                continue
            }
            var nodes: [NodeInfo] = []
            let template = cluster.scheduler.simulatedNodeInfo(template: group.template)
            let pods = binpack(pending, on: &nodes, template: template, limit: room)
            if !pods.isEmpty { options.append(Option(group: index, nodes: nodes, pods: pods)) }
        }
        let helped = Set(options.flatMap(\.pods))
        for pod in pending where !helped.contains(pod) {
            // NotTriggerScaleUp, with the reasons of each group ("max node group size reached").
            var reasons: [String] = []
            let cannotFit = groups.count - atMax
            if cannotFit > 0 { reasons.append("\(cannotFit) node(s) didn't match its requirements or had no room") }
            if atMax > 0 { reasons.append("\(atMax) max node group size reached") }
            cluster.recordEvent(
                .normal, "NotTriggerScaleUp", "pod didn't trigger scale-up: " + reasons.joined(separator: ", "),
                pod: pod, component: Self.component)
        }
        guard let best = expand(options) else { return false }
        let group = groups[best.group]
        let from = group.targetSize
        let to = from + best.nodes.count
        for _ in best.nodes { requestNode(best.group) }
        lastScaleUp = now
        scaleUps += 1
        let message = "pod triggered scale-up: [{\(group.name) \(from)->\(to) (max: \(group.maxSize))}]"
        for pod in best.pods {
            if triggeringPods[pod] == nil { triggeringPods[pod] = cluster.api.podFacts[pod.value].createdAt }
            cluster.recordEvent(.normal, "TriggeredScaleUp", message, pod: pod, component: Self.component)
        }
        return true
    }

    /// Asks the cloud for one node of `group`: Ready after a draw of its provision time, or
    /// given up at `--max-node-provision-time`.
    func requestNode(_ group: Int) {
        groups[group].upcoming += 1
        pendingRequests.append((group, cluster.now))
        let seconds = max(0, groups[group].provisionTime.sample(using: &random))
        let delay = SimulationDuration.seconds(seconds)
        if delay > options.maxNodeProvisionTime {
            schedule(
                .clusterAutoscaler(.nodeProvisioned(group: group, failed: true)), after: options.maxNodeProvisionTime)
        } else {
            schedule(.clusterAutoscaler(.nodeProvisioned(group: group, failed: false)), after: delay)
        }
    }

    /// The expander's choice (`expander/{random,mostpods,waste,price}`); ties are broken at random.
    func expand(_ options: [Option]) -> Option? {
        guard !options.isEmpty else { return nil }
        var best: [Option]
        switch self.options.expander {
        case .random:
            best = options
        case .mostPods:
            let most = options.map(\.pods.count).max()!
            best = options.filter { $0.pods.count == most }
        case .leastWaste:
            let scores = options.map(waste)
            let least = scores.min()!
            best = zip(options, scores).filter { $0.1 == least }.map(\.0)
        case .priority:
            best = byPriority(options)
        case .price:
            let costs = options.map { Double($0.nodes.count) * groups[$0.group].pricePerHour / Double($0.pods.count) }
            let cheapest = costs.min()!
            best = zip(options, costs).filter { $0.1 == cheapest }.map(\.0)
        }
        return best.count == 1 ? best[0] : best[random.integer(below: best.count)]
    }

    /// `expander/waste`: (unused CPU / CPU + unused memory / memory) / 2 over the new nodes.
    func waste(_ option: Option) -> Double {
        var allocatable = [Int64](repeating: 0, count: 2)
        var requested = [Int64](repeating: 0, count: 2)
        for node in option.nodes {
            for slot in 0..<2 {
                allocatable[slot] += node.allocatable(slot)
                requested[slot] += node.requested(slot)
            }
        }
        var total = 0.0
        for slot in 0..<2 where allocatable[slot] > 0 {
            total += Double(allocatable[slot] - requested[slot]) / Double(allocatable[slot])
        }
        return total / 2
    }
}

extension ClusterAutoscaler {
    /// `expander/priority/priority.go` `BestOptions`: each option takes the highest priority
    /// whose regexes match its group's name; the options at the highest of those win; with no
    /// ConfigMap, or no option matched, every option stays (the random fallback).
    func byPriority(_ options: [Option]) -> [Option] {
        guard
            let stored = cluster.api.object(
                kind: "ConfigMap", namespace: "kube-system", name: "cluster-autoscaler-priority-expander"),
            stored.deletedAt == nil, case .configMap(let map) = stored.object,
            let text = map.data?["priorities"]
        else { return options }
        let priorities = Self.parsePriorities(text)
        var best: [Option] = []
        var top = Int.min
        for option in options {
            let name = groups[option.group].name
            let matched = priorities.filter { entry in
                entry.patterns.contains { pattern in
                    (try? Regex(pattern)).map { name.firstMatch(of: $0) != nil } ?? false
                }
            }.map(\.priority).max()
            guard let matched else { continue }
            if matched > top {
                top = matched
                best = [option]
            } else if matched == top {
                best.append(option)
            }
        }
        return best.isEmpty ? options : best
    }

    /// The `priorities` value: `N:` lines, each followed by `- regex` lines.
    static func parsePriorities(_ text: String) -> [(priority: Int, patterns: [String])] {
        var result: [(priority: Int, patterns: [String])] = []
        for raw in text.split(separator: "\n") {
            let line = trimmed(raw)
            if line.hasPrefix("-") {
                guard !result.isEmpty else { continue }
                var pattern = trimmed(line.dropFirst())
                if pattern.count >= 2, let first = pattern.first, first == "\"" || first == "'",
                    pattern.last == first
                {
                    pattern = String(pattern.dropFirst().dropLast())
                }
                result[result.count - 1].patterns.append(pattern)
            } else if line.hasSuffix(":"), let priority = Int(trimmed(line.dropLast())) {
                result.append((priority, []))
            }
        }
        return result
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        String(
            text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
