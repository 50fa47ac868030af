import KubeModel

/// NodeAffinity (k/k `plugins/nodeaffinity/node_affinity.go`).
///
/// Filter: nodeSelector and required node affinity (plus the profile's `addedAffinity`, which
/// ``CycleState`` folds into the pod's required terms) (UnschedulableAndUnresolvable). Score: sum
/// of weights of matching preferred terms, normalized by `DefaultNormalizeScore(100, reverse:
/// false)`; PreScore skips pods without preferred terms.
struct NodeAffinityPlugin: FilterPlugin, ScorePlugin {
    static let name = "NodeAffinity"
    typealias Args = NodeAffinityArgs
    /// `NodeAffinityArgs.addedAffinity`.
    let addedAffinity: KubeModel.NodeAffinity?

    init(_ configuration: inout PluginConfiguration) {
        addedAffinity = configuration.args(of: Self.self)?.addedAffinity
    }

    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        if state.nodeSelector.isEmpty && state.requiredAffinity.isEmpty { return .success }
        return state.matchesNodeAffinity(node)
            ? .success : FilterStatus(code: .unschedulableAndUnresolvable, reason: scheduler.builtin.nodeAffinity)
    }

    func passesOnPlainNodes(_ state: CycleState) -> Bool {
        state.nodeSelector.isEmpty && state.requiredAffinity.isEmpty
    }

    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        let terms = Self.preferredTerms(state.spec, added: addedAffinity)
        if terms.isEmpty { return .skipped }
        var scores = scheduler.takeScores()
        for j in 0..<count { scores[j] = Self.score(terms, scheduler.cache.nodes[Int(scheduler.scratch.feasible[j])]) }
        var slice = scores[0..<count]
        DefaultNormalizeScore.apply(&slice, reverse: false)
        scores.replaceSubrange(0..<count, with: slice)
        scheduler.scratch.scores = scores
        return .scored
    }

    /// Preferred terms of the pod and the profile.
    static func preferredTerms(_ spec: PodSpec, added: KubeModel.NodeAffinity?) -> [PreferredSchedulingTerm] {
        (spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
            + (added?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    }

    static func score(_ terms: [PreferredSchedulingTerm], _ node: NodeInfo) -> Int64 {
        var total: Int64 = 0
        for term in terms where term.preference.matches(labels: node.labels, nodeName: node.name) {
            total += Int64(term.weight)
        }
        return total
    }
}
