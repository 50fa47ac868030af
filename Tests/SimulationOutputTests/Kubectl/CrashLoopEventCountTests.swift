import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// What `kubectl get events` shows of a crash loop on 1.34, whose every blocked sync sends a
/// `BackOff` through the kubelet's recorder (kept source, kept message digest) and whose spam
/// filter drops most of them: the Event's `count` is every occurrence up to its last write,
/// `firstTimestamp` the first occurrence, `lastTimestamp` the last write.
@Suite("Crash-loop Events as kubectl sees them")
struct CrashLoopEventCountTests {
    /// Exit 2 s after every start, restartPolicy Always, Model Z (kubelet reference §1.6–1.7:
    /// back-off 10 s doubling to 300 s, a blocked sync requeued every 10 s on ≤ 1.34). Starts at
    /// 0, 2, 14, 36, 78, 160, 322, 624; BackOff at each exit from the second on and every 10 s
    /// until the back-off expires: 4; 16, 26; 38 … 68 (4); 80 … 150 (8); 162 … 312 (16);
    /// 324 … 614 (30); 626 … 696 (8). The pod's bucket (burst 25, one token per 300 s) writes
    /// every event up to the BackOff at 100, then the BackOffs at 302 and 604 only.
    /// At 700 s: BackOff count = occurrences up to 604 = 1 + 2 + 4 + 8 + 16 + 29 = 60, first 4,
    /// last 604; Started count = the starts up to its last write at 78 = 5, first 0, last 78.
    @Test("BackOff count 60 from 4 s to 604 s, Started count 5 from 0 s to 78 s, at 700 s")
    func countsAt700() throws {
        var harness = KubeletHarness(version: KubernetesVersion(minor: 34)) { _, _ in
            .exits(after: 2, code: 1)
        }
        harness.create(PodSpec(containers: [app()]))
        harness.run(to: 700)
        let kubelet = harness.recorder.events.filter { $0.component == "kubelet" }
        #expect(kubelet.filter { $0.reason == "BackOff" }.count == 69)
        #expect(kubelet.filter(\.isRecorded).count == 27)
        let objects = AggregatedEvent.aggregate(kubelet, now: .zero + .seconds(700))
        let backOff = try #require(objects.first { $0.event.reason == "BackOff" })
        #expect(backOff.count == 60)
        #expect(backOff.firstSeen == .zero + .seconds(4))
        #expect(backOff.lastSeen == .zero + .seconds(604))
        let started = try #require(objects.first { $0.event.reason == "Started" })
        #expect(started.count == 5)
        #expect(started.firstSeen == .zero)
        #expect(started.lastSeen == .zero + .seconds(78))
    }
}
