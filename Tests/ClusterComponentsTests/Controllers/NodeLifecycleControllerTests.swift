import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

@Suite struct NodeLifecycleControllerTests {
    func deployment(_ cluster: Cluster, replicas: Int) -> Int {
        cluster.controllers.deployments.apply(ControllerFixture.deployment("web", replicas: replicas))
    }

    /// Fails the node of the first pod at t = 100 s and checks the upstream timeline:
    /// Unknown + taints at the first 5-s monitor pass after 100 + grace, pods Ready=False then,
    /// deletion 300 s later (default toleration), replacements on other nodes, the evicted pods
    /// stuck Terminating until the node returns.
    func nodeFailure(minor: Int, grace: Int) throws {
        let cluster = ControllerFixture.cluster(minor: minor)
        for name in ["n1", "n2", "n3"] { ControllerFixture.node(cluster, name) }
        let log = ControllerFixture.events(cluster)
        let index = deployment(cluster, replicas: 3)
        ControllerFixture.run(cluster, toSecond: 100)
        try #require(cluster.controllers.workloads.deployments[index].status.availableReplicas == 3)
        let failedNode = try #require(ControllerFixture.activePods(cluster).first?.nodeID)
        let victims = ControllerFixture.activePods(cluster).filter { $0.nodeID == failedNode }.map(\.id)
        cluster.failNode(failedNode)

        // node-monitor-grace-period, then the next 5-s monitor pass (strictly after, `After`).
        let unknownAt = ((100 + grace) / 5 + 1) * 5
        ControllerFixture.run(cluster, toSecond: unknownAt - 1)
        #expect(cluster.api[failedNode].ready == .true)
        ControllerFixture.run(cluster, toSecond: unknownAt)
        #expect(cluster.api[failedNode].ready == .unknown)
        let taints = cluster.api[failedNode].node.spec.taints ?? []
        #expect(taints.contains { $0.key == Taint.unreachableKey && $0.effect == .noExecute })
        // timeAdded in RFC 3339 from the run's origin 2026-01-01T00:00:00Z.
        let added = try #require(taints.first { $0.effect == .noExecute }?.timeAdded)
        #expect(added == "2026-01-01T00:0\(unknownAt / 60):\(unknownAt % 60 < 10 ? "0" : "")\(unknownAt % 60)Z")
        #expect(taints.contains { $0.key == Taint.unreachableKey && $0.effect == .noSchedule })
        for pod in victims { #expect(cluster.api[pod].status.condition("Ready")?.status == .false) }
        let notReady = try #require(log.with(reason: "NodeNotReady").first { $0.kind == "Node" })
        #expect(notReady.time == .seconds(unknownAt) && notReady.component == "node-controller")

        // Default toleration: 300 s after the taint (within the 5-s monitor granularity of the failure).
        let evictAt = unknownAt + 300
        ControllerFixture.run(cluster, toSecond: evictAt - 1)
        for pod in victims { #expect(!cluster.api[pod].isTerminating) }
        ControllerFixture.run(cluster, toSecond: evictAt)
        for pod in victims {
            #expect(cluster.api[pod].isTerminating)
            #expect(cluster.api[pod].status.condition("DisruptionTarget")?.reason == "DeletionByTaintManager")
        }
        let evictions = log.with(reason: "TaintManagerEviction")
        #expect(evictions.count == victims.count)
        #expect(evictions.allSatisfy { $0.time == .seconds(evictAt) && $0.component == "taint-eviction-controller" })
        #expect(evictAt >= 100 + grace + 300 && evictAt <= 100 + grace + 300 + 5)

        // Replacements land on the other nodes; the evicted pods stay Terminating.
        ControllerFixture.run(cluster, toSecond: evictAt + 120)
        let active = ControllerFixture.activePods(cluster)
        #expect(active.count == 3)
        #expect(active.allSatisfy { $0.nodeID != nil && $0.nodeID != failedNode && ControllerFixture.isReady($0) })
        for pod in victims { #expect(cluster.api[pod].isTerminating && !cluster.api[pod].isRemoved) }

        // Recovery: taints removed at the next monitor pass, the kubelet finishes the deletions.
        cluster.recoverNode(failedNode)
        ControllerFixture.run(cluster, toSecond: evictAt + 120 + 5)
        #expect(cluster.api[failedNode].ready == .true)
        #expect(!(cluster.api[failedNode].node.spec.taints ?? []).contains { $0.key == Taint.unreachableKey })
        ControllerFixture.run(cluster, toSecond: evictAt + 120 + 60)
        for pod in victims { #expect(cluster.api[pod].isRemoved) }
        #expect(ControllerFixture.activePods(cluster).count == 3)
    }

    @Test("1.34: unreachable at the first monitor pass after 50 s, pods deleted 300 s later, replaced elsewhere")
    func nodeFailure134() throws { try nodeFailure(minor: 34, grace: 50) }

    @Test("1.31: the grace period is 40 s")
    func nodeFailure131() throws { try nodeFailure(minor: 31, grace: 40) }

    @Test("a node that recovers within the toleration keeps its pods")
    func shortOutage() throws {
        let cluster = ControllerFixture.cluster()
        for name in ["n1", "n2"] { ControllerFixture.node(cluster, name) }
        _ = deployment(cluster, replicas: 2)
        ControllerFixture.run(cluster, toSecond: 20)
        let node = try #require(ControllerFixture.activePods(cluster).first?.nodeID)
        let pods = ControllerFixture.activePods(cluster).filter { $0.nodeID == node }.map(\.id)
        cluster.failNode(node)
        ControllerFixture.run(cluster, toSecond: 200)
        #expect(cluster.api[node].ready == .unknown)
        cluster.recoverNode(node)
        ControllerFixture.run(cluster, toSecond: 800)
        #expect(cluster.api[node].ready == .true)
        for pod in pods { #expect(!cluster.api[pod].isTerminating && !cluster.api[pod].isRemoved) }
    }

    @Test("cordon adds spec.unschedulable and the unschedulable taint; uncordon removes them")
    func cordon() throws {
        let cluster = ControllerFixture.cluster()
        let node = ControllerFixture.node(cluster, "n1")
        cluster.cordon(node)
        #expect(cluster.api[node].node.spec.unschedulable == true)
        #expect(
            cluster.api[node].node.spec.taints?.contains {
                $0.key == Taint.unschedulableKey && $0.effect == .noSchedule
            } == true)
        cluster.uncordon(node)
        #expect(cluster.api[node].node.spec.unschedulable != true)
        #expect(!(cluster.api[node].node.spec.taints ?? []).contains { $0.key == Taint.unschedulableKey })
    }

    @Test("drain evicts pods one at a time under a PDB (minAvailable 2 of 3), retrying every 5 s")
    func drainWithBudget() throws {
        let cluster = ControllerFixture.cluster()
        let nodes = ["n1", "n2", "n3", "n4"].map { ControllerFixture.node(cluster, $0) }
        // All three pods on n1: the other nodes are cordoned while they start.
        for node in nodes.dropFirst() { cluster.cordon(node) }
        let index = deployment(cluster, replicas: 3)
        ControllerFixture.run(cluster, toSecond: 30)
        try #require(cluster.controllers.workloads.deployments[index].status.availableReplicas == 3)
        for node in nodes.dropFirst() { cluster.uncordon(node) }
        cluster.controllers.disruption.apply(
            PodDisruptionBudget(
                metadata: ObjectMeta(name: "web", namespace: "default"),
                spec: PodDisruptionBudgetSpec(minAvailable: 2, selector: LabelSelector(matchLabels: ["app": "web"]))))
        var minReady = Int.max
        cluster.addSink(
            InvariantSink { cluster in
                minReady = min(minReady, ControllerFixture.activePods(cluster).filter(ControllerFixture.isReady).count)
            })
        cluster.drain(nodes[0])
        let drained = ControllerFixture.run(cluster, untilSeconds: 200) { cluster in
            ControllerFixture.activePods(cluster).filter { ControllerFixture.isReady($0) && $0.nodeID != nodes[0] }
                .count == 3
        }
        #expect(drained)
        #expect(minReady >= 2)
        #expect(cluster.api[nodes[0]].node.spec.unschedulable == true)
    }
}
