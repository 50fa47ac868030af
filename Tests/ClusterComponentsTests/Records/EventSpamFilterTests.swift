import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// client-go's event spam filter (tools/record/events_cache.go: burst 25 per source and object,
/// refilled at one per 300 s as a float32 rate; an LRU of 4,096 objects per source).
@Suite("Event spam filter")
struct EventSpamFilterTests {
    static func object(_ name: String) -> Int64 { Int64(name.unicodeScalars.first!.value) }

    @Test("25 events pass at once, then one per 300 s of refill")
    func burstThenRefill() {
        var bucket = TokenBucketLRU(capacity: 8)
        let a = Self.object("a")
        var burst: [Bool] = []
        for _ in 0..<26 { burst.append(bucket.tryAccept(a, at: .zero)) }
        #expect(burst == [Bool](repeating: true, count: 25) + [false])
        // 299 s refill 0.9967 tokens; 300 s refill 300 × float32(1/300) = 1.00000003.
        var later: [Bool] = []
        for second in [299, 300, 450, 600] { later.append(bucket.tryAccept(a, at: .zero + .seconds(second))) }
        #expect(later == [false, true, false, true])
        // Another object has its own bucket.
        let other = bucket.tryAccept(Self.object("b"), at: .zero + .seconds(600))
        #expect(other)
    }

    @Test("an object pushed out of the LRU starts again with a full burst")
    func lruEviction() {
        var bucket = TokenBucketLRU(capacity: 2)
        let (a, b, c) = (Self.object("a"), Self.object("b"), Self.object("c"))
        for _ in 0..<25 { _ = bucket.tryAccept(a, at: .zero) }
        var outcomes: [Bool] = []
        outcomes.append(bucket.tryAccept(a, at: .zero))  // empty
        _ = bucket.tryAccept(b, at: .zero)
        outcomes.append(bucket.tryAccept(a, at: .zero))  // still empty; a newest, b oldest
        _ = bucket.tryAccept(c, at: .zero)  // evicts b
        outcomes.append(bucket.tryAccept(a, at: .zero))  // still empty; c oldest
        _ = bucket.tryAccept(b, at: .zero)  // evicts c
        _ = bucket.tryAccept(c, at: .zero)  // evicts a
        outcomes.append(bucket.tryAccept(a, at: .zero))  // a fresh bucket
        #expect(outcomes == [false, false, false, true])
    }

    /// Exit 2 s after every start, restartPolicy Always, Kubernetes 1.34, Model Z (reference
    /// §1.6–1.7): starts at 0, 2, 14, 36, 78, 160, 322, 624; each start writes Pulled, Created,
    /// Started; each blocked sync (at the exit, then every 10 s until the back-off expires)
    /// writes BackOff. Kubelet events in order: 3 at 0, 3 at 2, BackOff 4, 3 at 14, BackOff 16,
    /// 26, 3 at 36, BackOff 38, 48, 58, 68, 3 at 78, BackOff 80, 90, 100 — the 25th — then
    /// BackOff 110 is dropped. The bucket was full at 0 and refilled 100/300 by 100 s, so it
    /// holds one token again at 300 s: the next written event is the BackOff at 302
    /// (162 + 14 × 10), and the one after it the BackOff at 604 (324 + 28 × 10).
    @Test("a crash-looping pod's kubelet events: the burst, then one every 5 minutes")
    func crashLoop() {
        let events = Events(dropped: nil)
        _ = Self.runCrashLoop(700, sinks: [events])

        let burstRecorded = events.all.prefix(25).allSatisfy { $0.isRecorded }
        #expect(burstRecorded)
        #expect(events.all[24].time == .zero + .seconds(100) && events.all[24].reason == "BackOff")
        #expect(events.all[25].time == .zero + .seconds(110) && !events.all[25].isRecorded)
        let later = events.all.dropFirst(25).filter(\.isRecorded)
        #expect(later.map(\.time) == [.zero + .seconds(302), .zero + .seconds(604)])
        #expect(later.map(\.reason) == ["BackOff", "BackOff"])
    }

    /// A sink keeping the kubelet's events it is handed, reading the dropped ones of `dropped`.
    final class Events: ClusterRecordSink {
        var all: [KubeEvent] = []
        let droppedEventReasons: [String]?
        init(dropped: [String]?) { droppedEventReasons = dropped }
        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            if case .event(let event) = record, event.component == "kubelet" { all.append(event) }
        }
    }

    /// Runs the crash loop above for `seconds` with `sinks` attached; returns the cluster.
    static func runCrashLoop(_ seconds: Int, sinks: [any ClusterRecordSink]) -> Cluster {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: 34)
        configuration.timing = .ideal  // exact timings: the tests state ideal timing
        let cluster = Cluster(configuration: configuration)
        for sink in sinks { cluster.addSink(sink) }
        cluster.behaviorProvider = { _, _ in ContainerBehavior(runs: [.init(duration: .constant(2), exitCode: 1)]) }
        cluster.addNode(Node(metadata: ObjectMeta(name: "n1")), pool: "n", preloadedImages: ["app:1"])
        var spec = PodSpec(containers: [Container(name: "app", image: "app:1")])
        spec.nodeName = "n1"
        _ = cluster.createPod(Pod(metadata: ObjectMeta(name: "crash"), spec: spec))!
        cluster.run(until: .time(.zero + .seconds(seconds)))
        return cluster
    }

    /// The schedule above to 700 s, from the 26th event on: the blocked syncs' BackOff at 110
    /// to 150 (5), 162 to 312 but 302 (15), 324 to 614 but 604 (29) and 626 to 696 (8) are
    /// dropped, and so are the three events of the starts at 160, 322 and 624 (9): 66.
    @Test("a dropped event no sink reads is counted, not emitted; one whose reason a sink names is emitted")
    func unreadDroppedEvents() {
        let all = Events(dropped: nil)
        let everything = Self.runCrashLoop(700, sinks: [all])
        let droppedSeen = all.all.filter { !$0.isRecorded }.count
        #expect(droppedSeen == 66)
        #expect(everything.droppedEvents == 66)
        let recorded = all.all.filter(\.isRecorded).map { "\($0.time) \($0.reason)" }

        let none = Events(dropped: [])
        let quiet = Self.runCrashLoop(700, sinks: [none])
        #expect(quiet.droppedEvents == 66)
        #expect(none.all.map { "\($0.time) \($0.reason)" } == recorded)

        // The dropped Created and Started of the three starts are the only ones no sink reads.
        let backOff = Events(dropped: ["Pulled", "BackOff"])
        let some = Self.runCrashLoop(700, sinks: [backOff])
        #expect(some.droppedEvents == 66)
        #expect(backOff.all.count == all.all.count - 6)
        let namedOnly = backOff.all.filter { !$0.isRecorded }.allSatisfy {
            $0.reason == "Pulled" || $0.reason == "BackOff"
        }
        #expect(namedOnly)
        // An unread dropped event is still a change for a run that waits for quiescence.
        #expect(quiet.lastRecordAt == everything.lastRecordAt)
        #expect(quiet.lastRecordAt == .zero + .seconds(696))
    }

    /// The readers' first-byte filter rules out reasons without comparing them, and never a
    /// reason a sink named: one of the same length and initial (`Pulling`, `Pulled`), one whose
    /// initial shares the filter's bit (`C` and `c`, 64 apart), and the empty reason.
    @Test("dropped-event readers answer by the reasons named, whatever their first bytes")
    func droppedEventReadersFilter() {
        var readers = DroppedEventReaders()
        #expect(!readers.read("BackOff"))
        readers.add(["Pulling", "Created", ""])
        readers.add([])
        for reason in ["Pulling", "Created", ""] { #expect(readers.read(reason)) }
        for reason in ["BackOff", "Pulled", "created", "Createe", "Pull", "Evicted"] { #expect(!readers.read(reason)) }
        readers.add(nil)
        #expect(readers.read("BackOff") && readers.read("anything"))
    }
}
