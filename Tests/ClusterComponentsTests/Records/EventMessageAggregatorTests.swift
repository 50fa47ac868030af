import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// client-go's EventAggregator (events_cache.go: 10 distinct messages of one source, object,
/// type and reason within 600 s ⇒ `(combined from similar events): …`).
@Suite("Event message aggregation")
struct EventMessageAggregatorTests {
    static func digest(_ i: Int) -> UInt64 { EventMessageAggregator.digest("Created pod: web-\(i)") }

    @Test("the 10th distinct message within 10 minutes is combined; a quiet group starts afresh")
    func group() {
        var group = MessageGroup(at: .zero)
        var combined: [Bool] = []
        for i in 1...10 { combined.append(group.observe(Self.digest(i), at: .zero + .seconds(i - 1))) }
        #expect(combined == [Bool](repeating: false, count: 9) + [true])
        // The group dropped its oldest (1) and holds 2…10: a new 11 makes 10 again.
        let eleventh = group.observe(Self.digest(11), at: .zero + .seconds(10))
        // …and drops 2: 3…11 are 9, and 3 is among them.
        let repeated = group.observe(Self.digest(3), at: .zero + .seconds(11))
        // More than 600 s after the group's last event it starts afresh.
        let afterQuiet = group.observe(Self.digest(12), at: .zero + .seconds(11 + 601))
        #expect([eleventh, repeated, afterQuiet] == [true, false, false])
    }

    @Test("a ReplicaSet creating 12 pods at once: Created pod events 10 to 12 are combined")
    func replicaSetCreations() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let log = ControllerFixture.events(cluster)
        let replicaSet = ReplicaSet(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: ReplicaSetSpec(
                replicas: 12, selector: LabelSelector(matchLabels: ["app": "web"]),
                template: ControllerFixture.template(app: "web")))
        _ = try #require(cluster.controllers.replicaSets.apply(replicaSet))
        ControllerFixture.run(cluster, toSecond: 1)
        let created = log.with(reason: "SuccessfulCreate")
        #expect(created.count == 12)
        let plain = created.prefix(9).allSatisfy { !$0.isCombined && $0.message.hasPrefix("Created pod: web-") }
        let combined = created.dropFirst(9).allSatisfy {
            $0.isCombined && $0.message.hasPrefix("(combined from similar events): Created pod: web-")
        }
        // Under the burst of 25: all written.
        let written = created.allSatisfy { $0.isRecorded }
        #expect(plain)
        #expect(combined)
        #expect(written)
    }
}
