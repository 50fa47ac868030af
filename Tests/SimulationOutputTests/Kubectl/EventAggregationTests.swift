import ClusterComponents
import SimulationCore
import SimulationOutput
import Testing

/// `kubectl describe`'s view of Events after client-go's correlator: every occurrence counts
/// (`eventObserve` before the spam filter), only written occurrences create or update the Event.
@Suite("Event aggregation with the spam filter")
struct EventAggregationTests {
    static func event(_ second: Int, _ reason: String, recorded: Bool) -> KubeEvent {
        var e = KubeEvent(
            time: .zero + .seconds(second), type: .warning, reason: reason, message: reason + " message", kind: "Pod",
            namespace: "default", name: "p", component: "kubelet", host: "n1")
        e.isRecorded = recorded
        return e
    }

    @Test("count is the occurrences up to the last write; first is the first occurrence; unwritten keys are absent")
    func counts() {
        let events = [
            Self.event(0, "A", recorded: false),  // A's first occurrence is dropped…
            Self.event(10, "A", recorded: true),  // …the first write carries count 2, first 0
            Self.event(20, "A", recorded: false),
            Self.event(30, "A", recorded: true),  // count 4, last 30
            Self.event(40, "A", recorded: false),  // observed, but no write after it
            Self.event(50, "B", recorded: false),  // never written: no Event object
        ]
        let aggregated = AggregatedEvent.aggregate(events, now: .zero + .seconds(60))
        #expect(aggregated.count == 1)
        #expect(aggregated.first?.event.reason == "A")
        #expect(aggregated.first?.count == 4)
        #expect(aggregated.first?.firstSeen == .zero)
        #expect(aggregated.first?.lastSeen == .zero + .seconds(30))
    }
}

@Suite("Combined events in kubectl views")
struct CombinedEventViewTests {
    @Test("combined events of one group are one Event: the latest message, every occurrence counted")
    func combinedGroup() {
        func created(_ i: Int, combined: Bool) -> KubeEvent {
            var e = KubeEvent(
                time: .zero + .seconds(i), type: .normal, reason: "SuccessfulCreate",
                message: (combined ? "(combined from similar events): " : "") + "Created pod: web-\(i)",
                kind: "ReplicaSet", namespace: "default", name: "web", component: "replicaset-controller")
            e.isCombined = combined
            return e
        }
        let events = (1...12).map { created($0, combined: $0 >= 10) }
        let aggregated = AggregatedEvent.aggregate(events, now: .zero + .seconds(20))
        // Nine plain events (one object each: their messages differ) and one combined object.
        #expect(aggregated.count == 10)
        let combined = aggregated.last
        #expect(combined?.count == 3)
        #expect(combined?.firstSeen == .zero + .seconds(10))
        #expect(combined?.lastSeen == .zero + .seconds(12))
        #expect(combined?.event.message == "(combined from similar events): Created pod: web-12")
    }
}
