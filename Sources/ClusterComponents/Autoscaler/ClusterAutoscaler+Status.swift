import KubeModel
import SimulationCore

/// The `cluster-autoscaler-status` ConfigMap in `kube-system` (cluster-autoscaler
/// `clusterstate/api/types.go` and `utils/status_configmap.go`): its `status` key holds the
/// YAML summary of the cluster and of each node group. Upstream rewrites it every loop; here it
/// is written when its content (all but `time`) changes, so that a quiet cluster does not spend
/// a resourceVersion every 10 s.
extension ClusterAutoscaler {
    /// Writes the status ConfigMap if anything but the time changed.
    func writeStatus(scaledUp: Bool, unschedulable: Int) {
        var body = "autoscalerStatus: Running\nclusterWide:\n"
        body += statusSection(
            nodes: groups.reduce(0) { $0 + $1.nodes.count }, upcoming: groups.reduce(0) { $0 + $1.upcoming },
            scaleUp: scaledUp || groups.contains { $0.upcoming > 0 } ? "InProgress" : "NoActivity",
            scaleDown: unneededSince.isEmpty && draining.isEmpty ? "NoCandidates" : "CandidatesPresent", indent: "  ")
        body += "nodeGroups:\n"
        for group in groups {
            body += "- name: \(group.name)\n"
            body += statusSection(
                nodes: group.nodes.count, upcoming: group.upcoming,
                scaleUp: group.upcoming > 0
                    ? "InProgress" : (group.backoffUntil > cluster.now ? "Backoff" : "NoActivity"),
                scaleDown: group.nodes.contains { unneededSince[$0] != nil || draining[$0] != nil }
                    ? "CandidatesPresent" : "NoCandidates", indent: "  ",
                bounds: (group.minSize, group.maxSize))
        }
        body += "unschedulablePods: \(unschedulable)\n"
        guard body != lastStatus else { return }
        lastStatus = body
        let time = UTCDateTime.rfc3339(
            unixSeconds: cluster.configuration.startTimeUnixSeconds, nanoseconds: cluster.now.nanoseconds,
            fractionDigits: 0)
        var metadata = ObjectMeta(name: "cluster-autoscaler-status", namespace: "kube-system")
        metadata.annotations = ["cluster-autoscaler.kubernetes.io/last-updated": time]
        cluster.store(
            .configMap(ConfigMap(metadata: metadata, data: ["status": "time: \(time)\n" + body])),
            namespace: "kube-system")
    }

    private func statusSection(
        nodes: Int, upcoming: Int, scaleUp: String, scaleDown: String, indent: String,
        bounds: (min: Int, max: Int)? = nil
    ) -> String {
        var text = "\(indent)health:\n\(indent)  status: Healthy\n"
        text += "\(indent)  nodeCounts:\n\(indent)    registered: {total: \(nodes), ready: \(nodes)}\n"
        text += "\(indent)    longUnregistered: 0\n\(indent)    unregistered: \(upcoming)\n"
        if let bounds {
            text += "\(indent)  cloudProviderTarget: \(nodes + upcoming)\n"
            text += "\(indent)  minSize: \(bounds.min)\n\(indent)  maxSize: \(bounds.max)\n"
        }
        text += "\(indent)scaleUp:\n\(indent)  status: \(scaleUp)\n"
        text += "\(indent)scaleDown:\n\(indent)  status: \(scaleDown)\n"
        return text
    }
}
