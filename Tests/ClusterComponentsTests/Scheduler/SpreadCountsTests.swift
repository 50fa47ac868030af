import ClusterComponents
import KubeModel
import SimulationCore
import Testing

/// System-default PodTopologySpread scoring from the incrementally kept counts: terminating
/// pods leave the counts, and a node that changes zone takes its pods' counts along.
///
/// Setup: n1, n2 in zone-a; n3, n4 in zone-b (8 CPU, 16 GiB); pods of ReplicaSet web on n1 (2)
/// and n3 (1). Four feasible nodes: hostname weight ln(4+2) = 1.791759, zone weight ln(2+2) =
/// 1.386294; raw(n) = host·1.791759 + (3−1) + zone·1.386294 + (5−1), rounded; normalized
/// 100·(max+min−raw)/max (k/k plugins/podtopologyspread/scoring.go).
@Suite("PodTopologySpread incremental counts")
struct SpreadCountsTests {
    static let owner = OwnerReference(
        apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "rs-web-uid", controller: true)
    static let labels = ["app": "web"]

    static func zonedCluster() -> Cluster {
        let (cluster, _) = Fixture.cluster(minor: 35)
        for (name, zone) in [("n1", "zone-a"), ("n2", "zone-a"), ("n3", "zone-b"), ("n4", "zone-b")] {
            Fixture.node(cluster, name, cpu: "8", memory: "16Gi", labels: ["topology.kubernetes.io/zone": zone])
        }
        for (name, node) in [("web-1", "n1"), ("web-2", "n1"), ("web-3", "n3")] {
            Fixture.pod(cluster, name, cpu: "500m", memory: "1Gi", on: node, labels: labels, owner: owner)
        }
        return cluster
    }

    static func spreadScores(_ cluster: Cluster, _ pod: PodID) -> [Int64?] {
        ["n1", "n2", "n3", "n4"].map { Fixture.score(cluster, pod, $0, "PodTopologySpread") }
    }

    @Test("a terminating pod of the owner is not counted")
    func terminatingPodNotCounted() {
        let cluster = Self.zonedCluster()
        let leaving = Fixture.pod(
            cluster, "web-5", cpu: "500m", memory: "1Gi", on: "n2", labels: Self.labels, owner: Self.owner)
        Fixture.settle(cluster, seconds: 5)
        cluster.deletePod(leaving, gracePeriodSeconds: 30)
        let pod = Fixture.pod(cluster, "web-4", cpu: "500m", memory: "1Gi", labels: Self.labels, owner: Self.owner)
        Fixture.settle(cluster)
        #expect(cluster.api.podFacts[leaving.value].isTerminating)
        // Counts host n1 2, n2 0, n3 1, n4 0; zone-a 2, zone-b 1.
        // raw: n1 12.356 → 12, n2 8.773 → 9, n3 9.178 → 9, n4 7.386 → 7; max 12, min 7:
        // n1 100·7/12 = 58, n2 and n3 100·10/12 = 83, n4 100.
        // (Counting web-5 would give raw 14, 12, 9, 7 and scores 50, 64, 85, 100.)
        #expect(Self.spreadScores(cluster, pod) == [58, 83, 83, 100])
    }

    @Test("a node moving to another zone takes its pods' counts along")
    func relabelledNodeMovesCounts() {
        let cluster = Self.zonedCluster()
        Fixture.settle(cluster, seconds: 5)
        let n3 = cluster.api.nodeID(named: "n3")!
        cluster.updateNode(n3) { $0.node.metadata.labels?["topology.kubernetes.io/zone"] = "zone-a" }
        let pod = Fixture.pod(cluster, "web-4", cpu: "500m", memory: "1Gi", labels: Self.labels, owner: Self.owner)
        Fixture.settle(cluster)
        // zone-a now n1, n2, n3 with 3 pods; zone-b only n4 with none; still two zones.
        // raw: n1 3.584+2+4.159+4 = 13.742 → 14, n2 10.159 → 10, n3 11.951 → 12, n4 6;
        // max 14, min 6: n1 100·6/14 = 42, n2 100·10/14 = 71, n3 100·8/14 = 57, n4 100.
        #expect(Self.spreadScores(cluster, pod) == [42, 71, 57, 100])
    }

    @Test("pods leaving the cache stop counting; the last one frees the owner")
    func removedPodsStopCounting() {
        let cluster = Self.zonedCluster()
        Fixture.settle(cluster, seconds: 5)
        for name in ["web-1", "web-2", "web-3"] {
            cluster.removePod(cluster.api.podID(namespace: "default", name: name)!)
        }
        let pod = Fixture.pod(cluster, "web-4", cpu: "500m", memory: "1Gi", labels: Self.labels, owner: Self.owner)
        Fixture.settle(cluster)
        // No counted pods: raw 2 + 4 = 6 everywhere; max = min = 6 → 100·6/6 = 100.
        #expect(Self.spreadScores(cluster, pod) == [100, 100, 100, 100])
    }
}
