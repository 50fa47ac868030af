import ClusterComponents

/// A record sink that notes, for every Event, the uid of the object it is about at the moment
/// it was recorded (`involvedObject.uid`, on which `kubectl describe` filters events): a pod
/// that replaced another of the same name has its own uid, and its predecessor's events keep
/// the old one.
public final class InvolvedObjectRecorder: ClusterRecordSink {
    /// The events in record order.
    public private(set) var events: [KubeEvent] = []
    /// The uid for each distinct event.
    public private(set) var uids: [KubeEvent: String] = [:]

    /// An empty recorder; add it with `Cluster.addSink` before the run.
    public init() {}

    /// Keeps events and their objects' uids.
    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        guard case .event(let event) = record else { return }
        events.append(event)
        guard uids[event] == nil else { return }
        uids[event] = Self.uid(of: event, in: cluster)
    }

    static func uid(of event: KubeEvent, in cluster: ClusterView) -> String {
        let workloads = cluster.workloads
        switch event.kind {
        case "Pod":
            return cluster.api.podID(namespace: event.namespace, name: event.name).map {
                cluster.api.pods[$0.value].uid
            }
                ?? ""
        case "Node":
            // The kubelet's events name the node as uid (kubectl describe node asks for both).
            return event.name
        case "Deployment":
            return workloads.deployment(namespace: event.namespace, name: event.name).map {
                workloads.deployments[$0].uid
            } ?? ""
        case "ReplicaSet":
            return workloads.replicaSet(namespace: event.namespace, name: event.name).map {
                workloads.replicaSets[$0].uid
            } ?? ""
        case "Job":
            return workloads.job(namespace: event.namespace, name: event.name).map { workloads.jobs[$0].uid } ?? ""
        case "DaemonSet":
            return workloads.daemonSet(namespace: event.namespace, name: event.name).map {
                workloads.daemonSets[$0].uid
            } ?? ""
        case "StatefulSet":
            return workloads.statefulSet(namespace: event.namespace, name: event.name).map {
                workloads.statefulSets[$0].uid
            } ?? ""
        default:
            return cluster.api.object(
                kind: event.kind, namespace: event.namespace.isEmpty ? nil : event.namespace, name: event.name)?.uid
                ?? ""
        }
    }
}
