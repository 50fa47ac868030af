import ClusterComponents
import KubeModel
import SimulationCore
import Testing

/// Golden cases G1–G8 of /work/shared/reference/scheduler.md §7, driven through a real Cluster.
/// Expected numbers are the reference's hand computations.
@Suite struct SchedulerGoldenTests {
    // MARK: G1

    func g1(minor: Int) -> (Cluster, PodID) {
        let (cluster, _) = Fixture.cluster(minor: minor)
        for name in ["n1", "n2", "n3"] { Fixture.node(cluster, name, cpu: "4", memory: "8Gi") }
        Fixture.pod(cluster, "e1", cpu: "1000m", memory: "2Gi", on: "n1")
        Fixture.pod(cluster, "e2", cpu: "2000m", memory: "2Gi", on: "n2")
        Fixture.pod(cluster, "e3", cpu: "500m", memory: "6Gi", on: "n3")
        let pod = Fixture.pod(cluster, "p", cpu: "500m", memory: "1Gi")
        Fixture.settle(cluster)
        return (cluster, pod)
    }

    @Test("G1 ≤1.35: LeastAllocated + std BalancedAllocation picks n1 (462/436/411)")
    func g1Std() {
        let (cluster, pod) = g1(minor: 35)
        #expect(Fixture.nodeName(cluster, pod) == "n1")
        #expect(Fixture.score(cluster, pod, "n1", "NodeResourcesFit") == 62)
        #expect(Fixture.score(cluster, pod, "n2", "NodeResourcesFit") == 49)
        #expect(Fixture.score(cluster, pod, "n3", "NodeResourcesFit") == 43)
        #expect(Fixture.score(cluster, pod, "n2", "NodeResourcesBalancedAllocation") == 87)
        #expect(Fixture.score(cluster, pod, "n3", "NodeResourcesBalancedAllocation") == 68)
        #expect(Fixture.total(cluster, pod, "n1") == 462)
        #expect(Fixture.total(cluster, pod, "n2") == 436)
        #expect(Fixture.total(cluster, pod, "n3") == 411)
    }

    @Test("G1 1.36: change-based BalancedAllocation (437/424/418), still n1")
    func g1Change() {
        let (cluster, pod) = g1(minor: 36)
        #expect(Fixture.nodeName(cluster, pod) == "n1")
        #expect(Fixture.total(cluster, pod, "n1") == 437)
        #expect(Fixture.total(cluster, pod, "n2") == 424)
        #expect(Fixture.total(cluster, pod, "n3") == 418)
    }

    // MARK: G2

    @Test("G2: best-effort pod, non-zero defaults, exact tie 385/385 broken uniformly")
    func g2() {
        var chosen: Set<String> = []
        for seed in UInt64(1)...UInt64(16) {
            let (cluster, _) = Fixture.cluster(minor: 35, seed: seed)
            Fixture.node(cluster, "n1", cpu: "2", memory: "4Gi")
            Fixture.node(cluster, "n2", cpu: "2", memory: "4Gi")
            Fixture.pod(cluster, "be1", cpu: nil, memory: nil, on: "n1")
            Fixture.pod(cluster, "be2", cpu: nil, memory: nil, on: "n1")
            Fixture.pod(cluster, "e", cpu: "300m", memory: "128Mi", on: "n2")
            let pod = Fixture.pod(cluster, "p", cpu: nil, memory: nil)
            Fixture.settle(cluster)
            #expect(Fixture.score(cluster, pod, "n1", "NodeResourcesFit") == 85)
            #expect(Fixture.score(cluster, pod, "n2", "NodeResourcesFit") == 85)
            #expect(Fixture.score(cluster, pod, "n1", "NodeResourcesBalancedAllocation") == 0)
            #expect(Fixture.total(cluster, pod, "n1") == 385)
            #expect(Fixture.total(cluster, pod, "n2") == 385)
            if let node = Fixture.nodeName(cluster, pod) { chosen.insert(node) }
        }
        #expect(chosen == ["n1", "n2"])
    }

    @Test("G2 pre-1.33 contrast: BA scores the best-effort pod, n1 485 beats n2 479")
    func g2Old() {
        let (cluster, _) = Fixture.cluster(minor: 32)
        Fixture.node(cluster, "n1", cpu: "2", memory: "4Gi")
        Fixture.node(cluster, "n2", cpu: "2", memory: "4Gi")
        Fixture.pod(cluster, "be1", cpu: nil, memory: nil, on: "n1")
        Fixture.pod(cluster, "be2", cpu: nil, memory: nil, on: "n1")
        Fixture.pod(cluster, "e", cpu: "300m", memory: "128Mi", on: "n2")
        let pod = Fixture.pod(cluster, "p", cpu: nil, memory: nil)
        Fixture.settle(cluster)
        #expect(Fixture.total(cluster, pod, "n1") == 485)
        #expect(Fixture.total(cluster, pod, "n2") == 479)
        #expect(Fixture.nodeName(cluster, pod) == "n1")
    }

    // MARK: G3

    @Test("G3: PreferNoSchedule taints", arguments: [(35, [325, 175, 475]), (36, [300, 150, 450])])
    func g3(minor: Int, totals: [Int64]) {
        let (cluster, _) = Fixture.cluster(minor: minor)
        Fixture.node(
            cluster, "n1", cpu: "4", memory: "8Gi", taints: [Taint(key: "a", value: "x", effect: "PreferNoSchedule")])
        Fixture.node(
            cluster, "n2", cpu: "4", memory: "8Gi",
            taints: [
                Taint(key: "a", value: "x", effect: "PreferNoSchedule"),
                Taint(key: "b", value: "y", effect: "PreferNoSchedule"),
            ])
        Fixture.node(cluster, "n3", cpu: "4", memory: "8Gi")
        let pod = Fixture.pod(cluster, "p", cpu: "1000m", memory: "2Gi")
        Fixture.settle(cluster)
        #expect(Fixture.score(cluster, pod, "n1", "TaintToleration") == 50)
        #expect(Fixture.score(cluster, pod, "n2", "TaintToleration") == 0)
        #expect(Fixture.score(cluster, pod, "n3", "TaintToleration") == 100)
        #expect(Fixture.total(cluster, pod, "n1") == totals[0])
        #expect(Fixture.total(cluster, pod, "n2") == totals[1])
        #expect(Fixture.total(cluster, pod, "n3") == totals[2])
        #expect(Fixture.nodeName(cluster, pod) == "n3")
    }

    // MARK: G4

    static let g4Messages: [(Int, String)] = [
        (
            33,
            "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
        ),
        (
            34,
            "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
        ),
        (
            35,
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
        ),
    ]

    @Test("G4: infeasible pod, exact FailedScheduling message per version", arguments: g4Messages)
    func g4(minor: Int, message: String) throws {
        let (cluster, events) = Fixture.cluster(minor: minor)
        Fixture.node(
            cluster, "n1", cpu: "4", memory: "8Gi", taints: [Taint(key: "gpu", value: "true", effect: "NoSchedule")])
        Fixture.node(cluster, "n2", cpu: "2", memory: "8Gi")
        Fixture.node(cluster, "n3", cpu: "500m", memory: "8Gi")
        Fixture.pod(cluster, "e", cpu: "1500m", memory: nil, on: "n2", priority: 0)
        let pod = Fixture.pod(cluster, "p", cpu: "1000m", memory: nil, priority: 0)
        Fixture.settle(cluster)
        #expect(events.messages("FailedScheduling", pod: "p") == [message])
        let condition = try #require(cluster.api[pod].status.condition("PodScheduled"))
        #expect(condition.status == .false)
        #expect(condition.reason == "Unschedulable")
        #expect(condition.message == message)
        #expect(cluster.api[pod].nodeID == nil)
        #expect(cluster.scheduler.pendingCounts.unschedulable == 1)
        // n3 is unresolvable (1000m > 500m allocatable), n2 merely unschedulable.
        let verdicts = try #require(cluster.scheduler.explanation(for: pod)).nodes
        #expect(verdicts.first { $0.node == "n2" }?.reasons == ["Insufficient cpu"])
        #expect(verdicts.first { $0.node == "n1" }?.plugin == "TaintToleration")
    }

    // MARK: G5

    @Test("G5: preemption picks n2 (lowest highest-victim priority) and victim c")
    func g5() throws {
        let (cluster, events) = Fixture.cluster(minor: 35)
        Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi")
        Fixture.node(cluster, "n2", cpu: "4", memory: "8Gi")
        let a = Fixture.pod(cluster, "a", cpu: "2", memory: "1Gi", on: "n1", priority: 10)
        let b = Fixture.pod(cluster, "b", cpu: "2", memory: "1Gi", on: "n1", priority: 20)
        let c = Fixture.pod(cluster, "c", cpu: "3", memory: "1Gi", on: "n2", priority: 5)
        let d = Fixture.pod(cluster, "d", cpu: "1", memory: "1Gi", on: "n2", priority: 500)
        let p = Fixture.pod(cluster, "p", cpu: "2", memory: "1Gi", priority: 1000)
        cluster.run(until: .time(.zero + .milliseconds(1)))
        #expect(events.messages("FailedScheduling", pod: "p") == ["0/2 nodes are available: 2 Insufficient cpu."])
        #expect(cluster.api[p].status.nominatedNodeName == "n2")
        #expect(cluster.api[c].isTerminating || cluster.api[c].isRemoved)
        #expect(!cluster.api[a].isTerminating && !cluster.api[b].isTerminating && !cluster.api[d].isTerminating)
        #expect(cluster.api[c].status.condition("DisruptionTarget")?.reason == "PreemptionByScheduler")
        #expect(events.messages("Preempted", pod: "c") == ["Preempted by pod \(cluster.api[p].uid) on node n2"])
        // After c is gone the nominated node is tried first and taken.
        cluster.run(until: .time(.zero + .seconds(120)))
        #expect(Fixture.nodeName(cluster, p) == "n2")
        #expect(events.messages("Scheduled", pod: "p") == ["Successfully assigned default/p to n2"])
    }

    // MARK: G6

    @Test(
        "G6: system-default topology spreading beats LeastAllocated",
        arguments: [(35, [561, 569, 630]), (36, [536, 557, 612])])
    func g6(minor: Int, totals: [Int64]) {
        let (cluster, _) = Fixture.cluster(minor: minor)
        for name in ["n1", "n2", "n3"] { Fixture.node(cluster, name, cpu: "8", memory: "16Gi") }
        let owner = OwnerReference(
            apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "rs-web-uid", controller: true)
        let labels = ["app": "web"]
        Fixture.pod(cluster, "web-1", cpu: "500m", memory: "1Gi", on: "n1", labels: labels, owner: owner)
        Fixture.pod(cluster, "web-2", cpu: "500m", memory: "1Gi", on: "n1", labels: labels, owner: owner)
        Fixture.pod(cluster, "web-3", cpu: "500m", memory: "1Gi", on: "n2", labels: labels, owner: owner)
        Fixture.pod(cluster, "load-2", cpu: "3000m", memory: "2Gi", on: "n2")
        Fixture.pod(cluster, "load-3", cpu: "4000m", memory: "10Gi", on: "n3")
        let pod = Fixture.pod(cluster, "web-4", cpu: "500m", memory: "1Gi", labels: labels, owner: owner)
        Fixture.settle(cluster)
        #expect(Fixture.score(cluster, pod, "n1", "PodTopologySpread") == 40)
        #expect(Fixture.score(cluster, pod, "n2", "PodTopologySpread") == 60)
        #expect(Fixture.score(cluster, pod, "n3", "PodTopologySpread") == 100)
        #expect(Fixture.score(cluster, pod, "n1", "NodeResourcesFit") == 81)
        #expect(Fixture.score(cluster, pod, "n2", "NodeResourcesFit") == 62)
        #expect(Fixture.score(cluster, pod, "n3", "NodeResourcesFit") == 37)
        #expect(Fixture.total(cluster, pod, "n1") == totals[0])
        #expect(Fixture.total(cluster, pod, "n2") == totals[1])
        #expect(Fixture.total(cluster, pod, "n3") == totals[2])
        #expect(Fixture.nodeName(cluster, pod) == "n3")
    }

    // MARK: G7

    @Test("G7: BalancedAllocation switches on version", arguments: [(35, [455, 449], "n1"), (36, [438, 441], "n2")])
    func g7(minor: Int, totals: [Int64], expected: String) {
        let (cluster, _) = Fixture.cluster(minor: minor)
        Fixture.node(cluster, "n1", cpu: "4", memory: "16Gi")
        Fixture.node(cluster, "n2", cpu: "4", memory: "16Gi")
        Fixture.pod(cluster, "e1", cpu: "500m", memory: "6Gi", on: "n1")
        Fixture.pod(cluster, "e2", cpu: "1000m", memory: "0", on: "n2")
        let pod = Fixture.pod(cluster, "p", cpu: "1000m", memory: "1Gi")
        Fixture.settle(cluster)
        #expect(Fixture.total(cluster, pod, "n1") == totals[0])
        #expect(Fixture.total(cluster, pod, "n2") == totals[1])
        #expect(Fixture.nodeName(cluster, pod) == expected)
    }

    // MARK: G8

    @Test("G8: ImageLocality tips the balance", arguments: [(35, [485, 475]), (36, [460, 450])])
    func g8(minor: Int, totals: [Int64]) {
        let (cluster, _) = Fixture.cluster(minor: minor)
        let image = "registry.example/big:2.0"
        Fixture.node(
            cluster, "n1", cpu: "4", memory: "8Gi",
            images: [ContainerImage(names: [image], sizeBytes: 500 * 1024 * 1024)])
        Fixture.node(cluster, "n2", cpu: "4", memory: "8Gi")
        Fixture.pod(cluster, "e1", cpu: "1000m", memory: "2Gi", on: "n1")
        Fixture.pod(cluster, "e2", cpu: "500m", memory: "1Gi", on: "n2")
        let pod = Fixture.pod(cluster, "p", cpu: "500m", memory: "1Gi", image: image)
        Fixture.settle(cluster)
        #expect(Fixture.score(cluster, pod, "n1", "ImageLocality") == 23)
        #expect(Fixture.score(cluster, pod, "n2", "ImageLocality") == 0)
        #expect(Fixture.total(cluster, pod, "n1") == totals[0])
        #expect(Fixture.total(cluster, pod, "n2") == totals[1])
        #expect(Fixture.nodeName(cluster, pod) == "n1")
    }
}
