import Foundation
import KubeModel

/// Which pods a spreading constraint counts.
enum SpreadSelector {
    /// Pods with the same controlling owner (the system-default constraints: the selector of
    /// the owning ReplicaSet/StatefulSet/RC, approximated by ownership).
    case owner(Int32)
    /// Pods whose labels match, in the incoming pod's namespace.
    case labels(LabelSelector)
    /// Matches nothing (a nil selector).
    case nothing
}

/// One topology spread constraint after defaulting (k/k `plugins/podtopologyspread/common.go`
/// `topologySpreadConstraint`).
struct SpreadConstraint {
    var maxSkew: Int
    var topologyKey: String
    var selector: SpreadSelector
    var minDomains: Int
    var honorNodeAffinity: Bool
    var honorNodeTaints: Bool
}

/// Precomputed state of the hard (DoNotSchedule) constraints (PreFilter `preFilterState`).
struct TopologySpreadFilterState {
    var constraints: [SpreadConstraint]
    /// Per constraint: matching pods per domain value.
    var counts: [[String: Int]]
    /// Per constraint: global minimum over eligible domains.
    var minimum: [Int]
    /// Per constraint: 1 when the incoming pod matches its own selector.
    var selfMatch: [Int]
}

/// PodTopologySpread (k/k `plugins/podtopologyspread/{plugin,filtering,scoring}.go`).
///
/// System default constraints (`defaultingType: System`): hostname maxSkew 3 and zone maxSkew 5,
/// both ScheduleAnyway, selecting the pods of the same Service/RC/RS/StatefulSet; here the
/// selector is "same controlling owner" (see ``SpreadSelector/owner(_:)``).
struct PodTopologySpread: PreFilterPlugin, FilterPlugin, ScorePlugin {
    static let name = "PodTopologySpread"
    typealias Args = PodTopologySpreadArgs
    static var helpedByPodRemoval: Bool { true }
    /// The PreFilter state's key.
    static let preFilterStateKey = CycleStateKey<TopologySpreadFilterState>(Self.self)
    /// `PodTopologySpreadArgs`.
    let args: PodTopologySpreadArgs?

    init(_ configuration: inout PluginConfiguration) {
        args = configuration.args(of: Self.self)
    }

    /// PreFilter (filtering.go calPreFilterState): the hard constraints' counts, if any.
    func preFilter(_ state: inout CycleState, _ scheduler: Scheduler) {
        let constraints = Self.constraints(
            spec: state.spec, labels: state.labels, ownerKey: state.info.ownerKey, args: args)
        if !constraints.hard.isEmpty {
            state.write(Self.preFilterStateKey, scheduler.spreadFilterState(state, constraints.hard))
        }
    }

    /// A pod without hard constraints passes everywhere.
    func passesOnPlainNodes(_ state: CycleState) -> Bool { state.read(Self.preFilterStateKey) == nil }

    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        scheduler.spreadScore(state, args: args, count: count)
    }

    static let hostnameKey = "kubernetes.io/hostname"
    static let zoneKey = "topology.kubernetes.io/zone"

    /// `systemDefaultConstraints` (k/k `plugins/podtopologyspread/plugin.go`), built once.
    static let systemDefaultConstraints = [
        TopologySpreadConstraint(maxSkew: 3, topologyKey: hostnameKey, whenUnsatisfiable: "ScheduleAnyway"),
        TopologySpreadConstraint(maxSkew: 5, topologyKey: zoneKey, whenUnsatisfiable: "ScheduleAnyway"),
    ]

    /// The constraints that apply to a pod: its own, else the profile defaults.
    /// - Returns: (hard, soft, systemDefaulted).
    static func constraints(
        spec: PodSpec, labels: [String: String], ownerKey: Int32, args: PodTopologySpreadArgs?
    ) -> (hard: [SpreadConstraint], soft: [SpreadConstraint], systemDefaulted: Bool) {
        var hard: [SpreadConstraint] = []
        var soft: [SpreadConstraint] = []
        if let own = spec.topologySpreadConstraints, !own.isEmpty {
            for c in own {
                var selector: SpreadSelector = .nothing
                if var s = c.labelSelector {
                    for key in c.matchLabelKeys ?? [] {
                        if let value = labels[key] {
                            var m = s.matchLabels ?? [:]
                            m[key] = value
                            s.matchLabels = m
                        }
                    }
                    selector = .labels(s)
                }
                let constraint = SpreadConstraint(
                    maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: selector, minDomains: c.minDomains ?? 1,
                    honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") == "Honor",
                    honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") == "Honor")
                if c.whenUnsatisfiable == "DoNotSchedule" { hard.append(constraint) } else { soft.append(constraint) }
            }
            return (hard, soft, false)
        }
        guard ownerKey >= 0 else { return ([], [], false) }
        let defaulting = args?.defaultingType ?? "System"
        let defaults: [TopologySpreadConstraint]
        if defaulting == "List" {
            defaults = args?.defaultConstraints ?? []
        } else {
            defaults = systemDefaultConstraints
        }
        for c in defaults {
            let constraint = SpreadConstraint(
                maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: .owner(ownerKey), minDomains: 1,
                honorNodeAffinity: true, honorNodeTaints: false)
            if c.whenUnsatisfiable == "DoNotSchedule" { hard.append(constraint) } else { soft.append(constraint) }
        }
        return (hard, soft, defaulting != "List")
    }

    /// Filter (filtering.go Filter): skew = matches in the node's domain + selfMatch − global
    /// minimum must not exceed maxSkew; a node without the key is UnschedulableAndUnresolvable.
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard let s = state.read(Self.preFilterStateKey) else { return .success }
        let reasons = scheduler.builtin
        for (i, c) in s.constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else {
                return FilterStatus(code: .unschedulableAndUnresolvable, reason: reasons.spreadMissingLabel)
            }
            let matched = s.counts[i][value] ?? 0
            if matched + s.selfMatch[i] - s.minimum[i] > c.maxSkew {
                return FilterStatus(code: .unschedulable, reason: reasons.spreadNotMatch)
            }
        }
        return .success
    }

    /// `scoreForCount`: `cnt × weight + (maxSkew − 1)`.
    @inline(__always)
    static func scoreForCount(_ count: Int, maxSkew: Int, weight: Double) -> Double {
        Double(count) * weight + Double(maxSkew - 1)
    }

    /// `topologyNormalizingWeight`: `ln(size + 2)`.
    static func normalizingWeight(_ size: Int) -> Double { log(Double(size + 2)) }
}
