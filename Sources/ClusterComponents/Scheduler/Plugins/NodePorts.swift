/// NodePorts filter (k/k `plugins/nodeports/node_ports.go`): every requested host port must be
/// free on the node (Unschedulable).
struct NodePorts: FilterPlugin {
    static let name = "NodePorts"
    static var helpedByPodRemoval: Bool { true }

    init(_ configuration: inout PluginConfiguration) {}

    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard state.hasPorts, !node.usedPorts.isEmpty else { return .success }
        for wanted in state.info.ports {
            for used in node.usedPorts where wanted.conflicts(with: used) {
                return FilterStatus(code: .unschedulable, reason: scheduler.builtin.nodePorts)
            }
        }
        return .success
    }

    func passesOnPlainNodes(_ state: CycleState) -> Bool { !state.hasPorts }
}
