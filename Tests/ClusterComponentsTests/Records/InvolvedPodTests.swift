import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// A pod's Event carries its pod's id, as `involvedObject.uid` names the object, whichever way it
/// was recorded; the outputs read it instead of looking the pod up by name, and the correlator
/// keys its caches by it.
@Suite("Event involved pod")
struct InvolvedPodTests {
    final class Events: ClusterRecordSink {
        var all: [KubeEvent] = []
        /// Pod events whose involved pod is not the live pod of the event's names.
        var mismatched: [KubeEvent] = []
        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            guard case .event(let event) = record else { return }
            all.append(event)
            let byName = event.kind == "Pod" ? cluster.api.podID(namespace: event.namespace, name: event.name) : nil
            if event.involvedPod != byName { mismatched.append(event) }
        }
    }

    static func cluster() -> (Cluster, Events) {
        let cluster = Cluster(configuration: ClusterConfiguration())
        let events = Events()
        cluster.addSink(events)
        cluster.addNode(Node(metadata: ObjectMeta(name: "n1")), pool: "n")
        return (cluster, events)
    }

    static let spec = PodSpec(containers: [Container(name: "app", image: "app:1")])

    @Test("every pod event names the live pod of its names: recorded by id, by name, by the scheduler and kubelet")
    func eventsNameTheirPod() throws {
        let (cluster, events) = Self.cluster()
        _ = try #require(cluster.createPod(Pod(metadata: ObjectMeta(name: "other"), spec: Self.spec)))
        let pod = try #require(cluster.createPod(Pod(metadata: ObjectMeta(name: "web"), spec: Self.spec)))
        cluster.recordEvent(.normal, "ById", "m", pod: pod, component: "test")
        cluster.recordEvent(.normal, "ByName", "m", kind: "Pod", namespace: "default", name: "web", component: "test")
        cluster.recordEvent(
            .normal, "Unknown", "m", kind: "Pod", namespace: "default", name: "nobody", component: "test")
        cluster.recordEvent(.normal, "OfNode", "m", kind: "Node", namespace: "", name: "n1", component: "test")
        cluster.run(until: .time(.zero + .seconds(30)))
        #expect(events.all.first { $0.reason == "ById" }?.involvedPod == pod)
        #expect(events.all.first { $0.reason == "ByName" }?.involvedPod == pod)
        #expect(events.all.first { $0.reason == "Unknown" }.map { $0.involvedPod == nil } == true)
        #expect(events.all.first { $0.reason == "OfNode" }.map { $0.involvedPod == nil } == true)
        // Both pods were scheduled and their containers pulled and started by the kubelet.
        let reasons = Set(events.all.filter { $0.involvedPod != nil }.map(\.reason))
        #expect(reasons.isSuperset(of: ["Scheduled", "Pulling", "Started"]))
        #expect(events.mismatched.isEmpty, "\(events.mismatched.map { "\($0.reason) \($0.name)" })")
    }

    @Test("a pod event recorded by name shares the spam filter's bucket of the events recorded by id")
    func byNameSharesTheBucket() throws {
        let (cluster, events) = Self.cluster()
        let pod = try #require(cluster.createPod(Pod(metadata: ObjectMeta(name: "web"), spec: Self.spec)))
        // client-go's spam filter: a burst of EventSpamFilter.burst per object and source.
        let burst = Int(EventSpamFilter.burst)
        for _ in 0..<burst {
            cluster.recordEvent(.normal, "Note", "m", pod: pod, component: "test")
        }
        cluster.recordEvent(.normal, "Note", "m", kind: "Pod", namespace: "default", name: "web", component: "test")
        cluster.recordEvent(.normal, "Note", "m", kind: "Pod", namespace: "default", name: "other", component: "test")
        let notes = events.all.filter { $0.reason == "Note" }
        #expect(notes.count == burst + 2)
        #expect(notes.prefix(burst).allSatisfy { $0.isRecorded })
        // The same pod by name: the bucket is empty. A name with no pod: an object of its own.
        #expect(notes.map(\.isRecorded).suffix(2) == [false, true])
    }
}
