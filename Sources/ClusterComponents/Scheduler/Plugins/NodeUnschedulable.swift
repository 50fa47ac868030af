import KubeModel

/// NodeUnschedulable filter (k/k `plugins/nodeunschedulable/node_unschedulable.go`): a node
/// with `spec.unschedulable` rejects pods that do not tolerate
/// `node.kubernetes.io/unschedulable:NoSchedule` (UnschedulableAndUnresolvable).
struct NodeUnschedulable: FilterPlugin {
    static let name = "NodeUnschedulable"
    static let taint = Taint(key: Taint.unschedulableKey, effect: "NoSchedule")

    init(_ configuration: inout PluginConfiguration) {}

    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard node.unschedulable, !state.tolerations.tolerates(Self.taint) else { return .success }
        return FilterStatus(code: .unschedulableAndUnresolvable, reason: scheduler.builtin.unschedulable)
    }

    /// A plain node is not unschedulable.
    func passesOnPlainNodes(_ state: CycleState) -> Bool { true }
}
