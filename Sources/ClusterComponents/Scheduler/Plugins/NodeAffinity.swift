import KubeModel

/// NodeAffinity (k/k `plugins/nodeaffinity/node_affinity.go`).
///
/// Filter: nodeSelector and required node affinity (plus the profile's `addedAffinity`)
/// (UnschedulableAndUnresolvable). Score: sum of weights of matching preferred terms,
/// normalized by `DefaultNormalizeScore(100, reverse: false)`; PreScore skips pods without
/// preferred terms.
enum NodeAffinityPlugin {
    @inline(__always)
    static func filter(_ state: CycleState, _ node: NodeInfo, _ reasons: BuiltinReasons) -> FilterStatus {
        if state.nodeSelector.isEmpty && state.requiredAffinity.isEmpty { return .success }
        return state.matchesNodeAffinity(node)
            ? .success : FilterStatus(code: .unschedulableAndUnresolvable, reason: reasons.nodeAffinity)
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
