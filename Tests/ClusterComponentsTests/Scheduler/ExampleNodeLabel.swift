@testable import ClusterComponents

/// The worked example of a new plugin (docs/architecture.md, "Adding a built-in plugin"),
/// compiled into the tests only: they register it through an ``OutOfTreeRegistry``, as
/// kube-scheduler's `app.WithPlugin` adds a plugin, where a built-in plugin would take one line in
/// ``PluginRegistry/withType(_:_:)``. In the spirit of the NodeLabel plugin kube-scheduler had
/// until v1.24: Filter rejects nodes labelled `example.kubesim.io/reject`; Score is the integer
/// value of the node's label `example.kubesim.io/score` (0 when absent), scaled by
/// `DefaultNormalizeScore`.
struct ExampleNodeLabel: FilterPlugin, ScorePlugin {
    static let name = "ExampleNodeLabel"
    static let rejectLabel = "example.kubesim.io/reject"
    static let scoreLabel = "example.kubesim.io/score"

    init(_ configuration: inout PluginConfiguration) {}

    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard node.labels[Self.rejectLabel] != nil else { return .success }
        return FilterStatus(
            code: .unschedulableAndUnresolvable, reason: scheduler.reasons.id("node(s) had the example reject label"))
    }

    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 {
        Int64(scheduler.cache.nodes[node].labels[Self.scoreLabel] ?? "") ?? 0
    }

    func normalizeScore(_ scores: inout ArraySlice<Int64>) { DefaultNormalizeScore.apply(&scores, reverse: false) }
}
