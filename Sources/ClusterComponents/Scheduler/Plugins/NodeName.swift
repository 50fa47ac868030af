/// NodeName filter (k/k `plugins/nodename/node_name.go`): `spec.nodeName`, when set, must
/// name the node (UnschedulableAndUnresolvable).
struct NodeName: FilterPlugin {
    static let name = "NodeName"

    init(_ configuration: inout PluginConfiguration) {}

    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard let name = state.spec.nodeName, !name.isEmpty, name != node.name else { return .success }
        return FilterStatus(code: .unschedulableAndUnresolvable, reason: scheduler.builtin.nodeName)
    }

    func passesOnPlainNodes(_ state: CycleState) -> Bool { (state.spec.nodeName ?? "").isEmpty }
}
