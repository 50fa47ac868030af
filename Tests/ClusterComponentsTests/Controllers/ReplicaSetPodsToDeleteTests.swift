import KubeModel
import PropertyBased
import SimulationCore
import Testing

@testable import ClusterComponents

/// The ReplicaSet controller's scale-down selection (`podsToDelete`, ``NodePodCounts``,
/// ``PodDeletionRank/Selection``) against references derived independently: full sorts of the
/// pods' own fields.
@Suite struct ReplicaSetPodsToDeleteTests {
    @Test("property: a Selection keeps the smallest keys, as sorted() does, in any offer order")
    func selectionMatchesSorted() async {
        await propertyCheck(input: Gen.int(in: 0...1000).array(of: 6).array(of: 1...200), Gen.int(in: 1...12)) {
            rows, limit in
            let keys = rows.enumerated().map { PodDeletionRankTests.rank($0.offset, $0.element).key }
            let expected = Array(keys.sorted().prefix(limit))
            // Offered as drawn, then in descending order (each key beats every key kept), then ascending.
            for order in [keys, keys.sorted().reversed(), keys.sorted()] {
                var selection = PodDeletionRank.Selection(limit: limit)
                for key in order { selection.offer(key) }
                #expect(selection.keys == expected)
                #expect(selection.pods == expected.map(\.pod))
            }
        }
    }

    @Test("a key's related-pods bits are replaced: as if it had been ranked with that count")
    func keyWithColocated() {
        let base = PodDeletionRank(
            pod: PodID(3), assigned: true, phase: 2, ready: .zero + .seconds(10), colocated: 0, restarts: 1,
            created: .zero)
        for colocated in [0, 1, 7, 110] {
            var ranked = base
            ranked.colocated = colocated
            #expect(base.key.with(colocated: colocated) == ranked.key)
            #expect(ranked.key.with(colocated: 0) == base.key)
        }
    }

    @Test("NodePodCounts: counts per node, all zero again after each reset, more nodes after a reset")
    func nodePodCounts() {
        var counts = NodePodCounts()
        counts.reset(nodeCount: 3)
        for node: Int32 in [0, 2, 2, 2] { counts.add(node) }
        #expect([counts[0], counts[1], counts[2]] == [1, 0, 3])
        counts.reset(nodeCount: 3)
        #expect([counts[0], counts[1], counts[2]] == [0, 0, 0])
        counts.add(1)
        #expect([counts[0], counts[1], counts[2]] == [0, 1, 0])
        counts.reset(nodeCount: 5)
        counts.add(4)
        counts.add(4)
        #expect([counts[0], counts[1], counts[2], counts[3], counts[4]] == [0, 0, 0, 0, 2])
    }

    /// `ActivePodsWithRanks` of the active pods of `rs`, from the pod objects: related pods are
    /// the active pods of every ReplicaSet of the family on the same node.
    static func expectedRanking(_ cluster: Cluster, rs: Int, family: [Int]) -> [PodID] {
        let uids = Set(family.map { cluster.controllers.workloads.replicaSets[$0].uid })
        let ownUID = cluster.controllers.workloads.replicaSets[rs].uid
        func owner(_ pod: PodObject) -> String? {
            pod.pod.metadata.ownerReferences?.first { $0.controller == true }?.uid
        }
        let active = cluster.api.pods.filter { !$0.isRemoved && !$0.isTerminating && !$0.isTerminal }
        let related = active.filter { owner($0).map(uids.contains) == true }
        let ranks = active.filter { owner($0) == ownUID }.map { pod in
            let ready = pod.status.condition("Ready").flatMap { $0.status == .true ? $0.lastTransitionTime : nil }
            return PodDeletionRank(
                pod: pod.id, assigned: pod.nodeID != nil,
                phase: pod.status.phase == .pending ? 0 : pod.status.phase == .unknown ? 1 : 2, ready: ready,
                colocated: pod.nodeID.map { node in related.count { $0.nodeID == node } } ?? 0,
                restarts: pod.status.containerStatuses.map(\.restartCount).max() ?? 0, created: pod.createdAt)
        }
        return ranks.sorted(by: PodDeletionRankTests.lessByFields).map(\.pod)
    }

    @Test("before and during a rolling update, every count's selection is the first pods of the full ranking")
    func matchesFullRankingDuringRollout() throws {
        let cluster = ControllerFixture.cluster()
        for name in ["n1", "n2", "n3", "n4"] { ControllerFixture.node(cluster, name) }
        // Varied ready delays and a crash for every third pod: ties are broken at every level.
        cluster.behaviorProvider = { pod, _ in
            let crash = pod.id.value % 3 == 0 ? [ContainerBehavior.Run(duration: .constant(2), exitCode: 1)] : []
            var behavior = ContainerBehavior(
                runs: crash + [.init(duration: nil)], readyAfter: .constant(Double(pod.id.value * 7 % 5)))
            behavior.terminationDelay = .constant(3)
            return behavior
        }
        let deployment = cluster.controllers.deployments.apply(
            ControllerFixture.deployment("web", replicas: 30, maxSurge: 4, maxUnavailable: 3))
        var compared = 0
        // From before the rollout (the first rankings build the sets' indexes; the new set then
        // joins the family) to its end, comparing after every second of pod writes.
        for second in 55...90 {
            ControllerFixture.run(cluster, toSecond: second)
            if second == 60 {
                try cluster.patchTemplate(kind: "Deployment", namespace: nil, name: "web") {
                    $0.spec.containers[0].image = "nginx:1.28"
                }
            }
            let family = cluster.controllers.workloads.deployments[deployment].replicaSets
            for rs in family {
                let expected = Self.expectedRanking(cluster, rs: rs, family: family)
                let active = cluster.controllers.workloads.replicaSets[rs].tally.active
                try #require(expected.count == active)
                for count in 1..<max(1, active) {
                    let selected = cluster.controllers.replicaSets.podsToDelete(count, of: rs, activeCount: active)
                    #expect(selected == Array(expected.prefix(count)), "t=\(second) s, set \(rs), count \(count)")
                    compared += 1
                }
            }
        }
        // Both sets had pods to rank for most of the window (36 seconds, 1 then 2 sets, up to 33 pods).
        #expect(compared > 500)
    }
}
