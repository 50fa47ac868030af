import KubeModel

@testable import ClusterComponents

/// A test plugin with Reserve, Unreserve and Permit: Permit rejects a pod on nodes labelled
/// `example.kubesim.io/deny-permit`; Reserve and Unreserve leave their trace in the pod's
/// annotations (`example.kubesim.io/calls`: `reserve:<node>`, `unreserve:<node>`, in call order), so
/// a test sees which points ran and in which order.
struct PermitGate: ReservePlugin, PermitPlugin {
    static let name = "PermitGate"
    static let denyLabel = "example.kubesim.io/deny-permit"
    static let callsAnnotation = "example.kubesim.io/calls"

    init(_ configuration: inout PluginConfiguration) {}

    func reserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus {
        Self.note("reserve:" + scheduler.cache.nodes[node].name, pod, scheduler)
        return .success
    }

    func unreserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) {
        Self.note("unreserve:" + scheduler.cache.nodes[node].name, pod, scheduler)
    }

    func permit(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus {
        // The cache counts the pod when Permit runs (assumed before Permit, as upstream).
        precondition(scheduler.cache.pods[pod.value]?.countedOn == Int32(node))
        guard scheduler.cache.nodes[node].labels[Self.denyLabel] != nil else { return .success }
        return PluginStatus(code: .unschedulable, reasons: ["node(s) were denied by PermitGate"])
    }

    private static func note(_ call: String, _ pod: PodID, _ scheduler: Scheduler) {
        var annotations = scheduler.cluster.api.pods[pod.value].pod.metadata.annotations ?? [:]
        annotations[callsAnnotation] = [annotations[callsAnnotation], call].compactMap { $0 }.joined(separator: ",")
        scheduler.cluster.api.pods[pod.value].pod.metadata.annotations = annotations
    }
}
