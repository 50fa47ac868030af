import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// A pod's Event carries its pod's id, as `involvedObject.uid` names the object, whichever way it
/// was recorded; the outputs read it instead of looking the pod up by name.
@Suite("Event involved pod")
struct InvolvedPodTests {
    final class Events: ClusterRecordSink {
        var involved: [String: PodID?] = [:]
        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            if case .event(let event) = record { involved[event.reason] = event.involvedPod }
        }
    }

    @Test("recorded by id or by name, a pod event names its pod; other kinds and unknown names none")
    func eventsNameTheirPod() throws {
        let cluster = Cluster(configuration: ClusterConfiguration())
        let events = Events()
        cluster.addSink(events)
        cluster.addNode(Node(metadata: ObjectMeta(name: "n1")), pool: "n")
        let spec = PodSpec(containers: [Container(name: "app", image: "app:1")])
        _ = try #require(cluster.createPod(Pod(metadata: ObjectMeta(name: "other"), spec: spec)))
        let pod = try #require(cluster.createPod(Pod(metadata: ObjectMeta(name: "web"), spec: spec)))
        cluster.recordEvent(.normal, "ById", "m", pod: pod, component: "test")
        cluster.recordEvent(.normal, "ByName", "m", kind: "Pod", namespace: "default", name: "web", component: "test")
        cluster.recordEvent(
            .normal, "Unknown", "m", kind: "Pod", namespace: "default", name: "nobody", component: "test")
        cluster.recordEvent(.normal, "OfNode", "m", kind: "Node", namespace: "", name: "n1", component: "test")
        #expect(pod.value == 1)
        #expect(events.involved["ById"] == .some(pod))
        #expect(events.involved["ByName"] == .some(pod))
        #expect(events.involved["Unknown"] == .some(nil))
        #expect(events.involved["OfNode"] == .some(nil))
        // The kubelet's own events (Scheduled, Pulled, Created, Started…) name the pod too.
        cluster.run(until: .time(.zero + .seconds(30)))
        #expect(events.involved["Scheduled"] == .some(PodID(0)) || events.involved["Scheduled"] == .some(pod))
        #expect(events.involved["Started"] != nil && events.involved["Started"]! != nil)
    }
}
