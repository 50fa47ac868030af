import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// The kubelet records its events through the cluster's correlator with the index of its
/// source kept from its first event, and a crash loop's `BackOff` with the message digest kept
/// beside the message (client-go: one `EventRecorder` per kubelet, events_cache.go). Both must
/// reach the same caches as the general path that looks the source up by component and host
/// and digests the message.
@Suite("Kubelet event recorder")
struct KubeletEventRecorderTests {
    final class Events: ClusterRecordSink {
        var all: [KubeEvent] = []
        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            if case .event(let event) = record, event.component == "kubelet" { all.append(event) }
        }
    }

    /// The crash loop of ``EventSpamFilterTests/crashLoop()`` (exit 2 s after each start, 1.34,
    /// Model Z) run to 700 s: the last written event is the `BackOff` at 604; the BackOffs after
    /// it (614 … 696) are dropped.
    static func crashLoop() -> (Cluster, Events, PodID) {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: 34)
        configuration.timing = .ideal
        let cluster = Cluster(configuration: configuration)
        let events = Events()
        cluster.addSink(events)
        cluster.behaviorProvider = { _, _ in ContainerBehavior(runs: [.init(duration: .constant(2), exitCode: 1)]) }
        cluster.addNode(Node(metadata: ObjectMeta(name: "n1")), pool: "n", preloadedImages: ["app:1"])
        var spec = PodSpec(containers: [Container(name: "app", image: "app:1")])
        spec.nodeName = "n1"
        let pod = cluster.createPod(Pod(metadata: ObjectMeta(name: "crash"), spec: spec))!
        cluster.run(until: .time(.zero + .seconds(700)))
        return (cluster, events, pod)
    }

    @Test("the kept source is the one the general path finds by component and host")
    func keptSourceIsTheNamedOne() throws {
        let (cluster, events, pod) = Self.crashLoop()
        let kept = try #require(cluster.kubelets[0].eventSource)
        let named = cluster.eventCorrelator.sourceIndex(.init(component: "kubelet", host: "n1"))
        #expect(kept == named)
        // The general path shares the kubelet's spam-filter bucket: 96 s after the write at 604
        // it holds 96/300 of a token, so a BackOff sent now by name is dropped, while the same
        // event from another node's kubelet (a fresh bucket) is written.
        let backOff = try #require(events.all.last { $0.reason == "BackOff" })
        cluster.recordEvent(
            .warning, "BackOff", backOff.message, pod: pod, fieldPath: backOff.fieldPath, component: "kubelet",
            host: "n1")
        cluster.recordEvent(
            .warning, "BackOff", backOff.message, pod: pod, fieldPath: backOff.fieldPath, component: "kubelet",
            host: "n2")
        let lastTwo = events.all.suffix(2).map(\.isRecorded)
        #expect(lastTwo == [false, true])
    }

    @Test("the kept BackOff digest is the digest of the message sent")
    func keptDigestMatchesMessage() throws {
        let (cluster, events, pod) = Self.crashLoop()
        let backOffs = events.all.filter { $0.reason == "BackOff" }
        // 1 + 2 + 4 + 8 + 16 + 30 blocked syncs before the starts at 14 … 624, 8 after it (626 … 696).
        #expect(backOffs.count == 69)
        let message = "Back-off restarting failed container app in pod crash_default(\(cluster.api[pod].uid))"
        #expect(Set(backOffs.map(\.message)) == [message])
        let kubelet = cluster.kubelets[0]
        let w = try #require(kubelet.workers.index(of: pod))
        let c = try #require(kubelet.workers[w].appContainers.first)
        #expect(kubelet.workers[w][c].backOffEvent?.message == message)
        #expect(kubelet.workers[w][c].backOffEvent?.digest == EventMessageAggregator.digest(message))
    }

    /// Golden G2 (reference kubelet §1.7): the starts at 0, 2, 14, 36, 78, 160, 322 and 624 s
    /// before 700, eight, each with its `Pulled` (image present), `Created` and `Started`. The
    /// restarts send the first start's texts (1.34: `Created container: app`), kept from the
    /// first restart with the digests of those very messages.
    @Test("a restart sends the first start's event texts, kept with their digests")
    func restartTextsMatchFirstStart() throws {
        let (cluster, events, pod) = Self.crashLoop()
        let expected = [
            "Pulled": "Container image \"app:1\" already present on machine",
            "Created": "Created container: app", "Started": "Started container app",
        ]
        for (reason, message) in expected {
            let sent = events.all.filter { $0.reason == reason }.map(\.message)
            #expect(sent == Array(repeating: message, count: 8), "\(reason)")
        }
        let kubelet = cluster.kubelets[0]
        let w = try #require(kubelet.workers.index(of: pod))
        let c = try #require(kubelet.workers[w].appContainers.first)
        let texts = try #require(kubelet.workers[w][c].restartEventTexts?.wrappedValue)
        for text in [texts.pulled, texts.created, texts.started] {
            #expect(expected.values.contains(text.message))
            #expect(text.digest == EventMessageAggregator.digest(text.message))
        }
        #expect(Set([texts.pulled.message, texts.created.message, texts.started.message]).count == 3)
    }
}
