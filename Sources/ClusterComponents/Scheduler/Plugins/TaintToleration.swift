import KubeModel

/// TaintToleration (k/k `plugins/tainttoleration/taint_toleration.go`).
///
/// Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects the node
/// (UnschedulableAndUnresolvable). Wording: "node(s) had untolerated taint {key: value}" up to
/// v1.34, "node(s) had untolerated taint(s)" from v1.35 (PR kubernetes/kubernetes#134740).
/// Score: the number of PreferNoSchedule taints not tolerated by the pod's PreferNoSchedule (or
/// empty-effect) tolerations, normalized with `DefaultNormalizeScore(100, reverse: true)`.
struct TaintToleration: FilterPlugin, ScorePlugin {
    static let name = "TaintToleration"

    init(_ configuration: inout PluginConfiguration) {}

    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard !node.filterTaints.isEmpty else { return .success }
        for taint in node.filterTaints where !state.tolerations.tolerates(taint) {
            let reason: UInt32
            if scheduler.builtin.perTaintWording {
                reason = scheduler.reasons.untoleratedTaint(taint)
            } else {
                reason = scheduler.builtin.untoleratedTaints
            }
            return FilterStatus(code: .unschedulableAndUnresolvable, reason: reason)
        }
        return .success
    }

    /// A plain node has no NoSchedule/NoExecute taints.
    func passesOnPlainNodes(_ state: CycleState) -> Bool { true }

    /// PreScore (the pod's PreferNoSchedule tolerations), Score on the nodes with
    /// PreferNoSchedule taints (0 elsewhere, read from the hot records), NormalizeScore reversed.
    /// Without such a taint on any feasible node every raw score is 0 and every normalized one
    /// 100: a uniform pass, found without a walk when no node of the cache has one.
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        if scheduler.cache.preferTaintedNodes == 0 { return .uniform(100) }
        let tolerations = Self.preferTolerations(state.tolerations)
        let hot = scheduler.cache.hot
        let nodes = scheduler.cache.nodes
        return scheduler.withFeasibleScores(count: count) { feasible, scores in
            var anyTaint = false
            for j in feasible.indices {
                let node = Int(feasible[j])
                if hot[node].hasPreferTaints {
                    scores[j] = Self.score(tolerations, nodes[node])
                    anyTaint = true
                } else {
                    scores[j] = 0
                }
            }
            guard anyTaint else { return .uniform(100) }
            DefaultNormalizeScore.apply(scores, reverse: true)
            return .scored
        }
    }

    /// Raw score: count of intolerable PreferNoSchedule taints.
    @inline(__always)
    static func score(_ preferTolerations: [Toleration], _ node: NodeInfo) -> Int64 {
        guard !node.preferTaints.isEmpty else { return 0 }
        var count: Int64 = 0
        for taint in node.preferTaints where !preferTolerations.tolerates(taint) { count += 1 }
        return count
    }

    /// The tolerations PreScore keeps: effect PreferNoSchedule or empty.
    static func preferTolerations(_ tolerations: [Toleration]) -> [Toleration] {
        tolerations.filter { ($0.effect?.rawValue ?? "").isEmpty || $0.effect?.rawValue == "PreferNoSchedule" }
    }
}

/// `helper.DefaultNormalizeScore` (k/k `plugins/helper/normalize_score.go`).
enum DefaultNormalizeScore {
    /// Scales to 0…100 by the maximum (`100 × s / max`); `reverse` gives `100 − that`; all
    /// scores become 100 (reverse) or stay 0 when the maximum is 0.
    static func apply(_ scores: inout ArraySlice<Int64>, reverse: Bool) {
        scores.withUnsafeMutableBufferPointer { apply($0, reverse: reverse) }
    }

    /// The same on a raw buffer (the Score plugins' per-node loops).
    static func apply(_ scores: UnsafeMutableBufferPointer<Int64>, reverse: Bool) {
        var maxCount: Int64 = 0
        for s in scores where s > maxCount { maxCount = s }
        if maxCount == 0 {
            if reverse { for i in scores.indices { scores[i] = 100 } }
            return
        }
        for i in scores.indices {
            var s = 100 * scores[i] / maxCount
            if reverse { s = 100 - s }
            scores[i] = s
        }
    }
}
