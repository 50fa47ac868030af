import ClusterComponents
import KubeModel
import SimulationCore

/// `kubectl get nodes` (printers.go `printNode`): NAME, STATUS, ROLES, AGE, VERSION.
public enum NodePrinter {
    /// One row's cells.
    public static func row(_ node: NodeObject, now: SimulationTime, version: String) -> [String] {
        var status: String
        switch node.ready {
        case .true: status = "Ready"
        case .false: status = "NotReady"
        case .unknown: status = "NotReady"
        }
        if node.node.spec.unschedulable ?? false { status += ",SchedulingDisabled" }
        let prefix = "node-role.kubernetes.io/"
        var roles = (node.node.metadata.labels ?? [:]).keys.filter { $0.hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)) }.filter { !$0.isEmpty }
        if let role = node.node.metadata.labels?["kubernetes.io/role"], !role.isEmpty { roles.append(role) }
        roles.sort()
        return [
            node.name, status, roles.isEmpty ? "<none>" : roles.joined(separator: ","),
            KubectlTime.since(node.createdAt, now: now), version,
        ]
    }

    /// `status.nodeInfo.osImage` of every simulated node.
    public static let osImage = "Debian GNU/Linux 12 (bookworm)"
    /// `status.nodeInfo.kernelVersion` of every simulated node.
    public static let kernelVersion = "6.1.0-kubesim"
    /// `status.nodeInfo.containerRuntimeVersion` of every simulated node.
    public static let containerRuntimeVersion = "containerd://1.7.24"

    /// The wide columns: INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME.
    public static func wideCells(_ node: NodeObject) -> [String] {
        [node.id.internalIP, "<none>", osImage, kernelVersion, containerRuntimeVersion]
    }

    /// The aligned table; `version` is the kubelet version (`v1.34.0`).
    public static func table(_ nodes: [NodeObject], now: SimulationTime, version: String) -> String {
        var writer = TabWriter.forGet()
        writer.write("NAME\tSTATUS\tROLES\tAGE\tVERSION\n")
        for node in nodes where !node.isRemoved {
            writer.write(row(node, now: now, version: version).joined(separator: "\t") + "\n")
        }
        return writer.render()
    }
}
