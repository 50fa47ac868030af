import KubeModel

/// NodeUnschedulable filter (k/k `plugins/nodeunschedulable/node_unschedulable.go`): a node
/// with `spec.unschedulable` rejects pods that do not tolerate
/// `node.kubernetes.io/unschedulable:NoSchedule` (UnschedulableAndUnresolvable).
enum NodeUnschedulable {
    static let taint = Taint(key: Taint.unschedulableKey, effect: "NoSchedule")

    @inline(__always)
    static func filter(_ state: CycleState, _ node: NodeInfo, _ reasons: BuiltinReasons) -> FilterStatus {
        guard node.unschedulable, !state.tolerations.tolerates(taint) else { return .success }
        return FilterStatus(code: .unschedulableAndUnresolvable, reason: reasons.unschedulable)
    }
}

/// NodeName filter (k/k `plugins/nodename/node_name.go`): `spec.nodeName`, when set, must
/// name the node (UnschedulableAndUnresolvable).
enum NodeName {
    @inline(__always)
    static func filter(_ state: CycleState, _ node: NodeInfo, _ reasons: BuiltinReasons) -> FilterStatus {
        guard let name = state.spec.nodeName, !name.isEmpty, name != node.name else { return .success }
        return FilterStatus(code: .unschedulableAndUnresolvable, reason: reasons.nodeName)
    }
}

/// NodePorts filter (k/k `plugins/nodeports/node_ports.go`): every requested host port must be
/// free on the node (Unschedulable).
enum NodePorts {
    @inline(__always)
    static func filter(_ state: CycleState, _ node: NodeInfo, _ reasons: BuiltinReasons) -> FilterStatus {
        guard state.hasPorts, !node.usedPorts.isEmpty else { return .success }
        for wanted in state.info.ports {
            for used in node.usedPorts where wanted.conflicts(with: used) {
                return FilterStatus(code: .unschedulable, reason: reasons.nodePorts)
            }
        }
        return .success
    }
}
