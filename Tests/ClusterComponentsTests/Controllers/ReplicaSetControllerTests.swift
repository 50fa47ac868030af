import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

@Suite struct ReplicaSetControllerTests {
    func replicaSet(_ name: String, replicas: Int) -> ReplicaSet {
        ReplicaSet(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: ReplicaSetSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]),
                template: ControllerFixture.template(app: name)))
    }

    @Test("creates replicas named <rs>-<5 chars> with a controller owner reference and Created pod events")
    func createsPods() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let log = ControllerFixture.events(cluster)
        let index = try #require(cluster.controllers.replicaSets.apply(replicaSet("web", replicas: 3)))
        let ready = ControllerFixture.run(cluster, untilSeconds: 60) { cluster in
            ControllerFixture.activePods(cluster).filter(ControllerFixture.isReady).count == 3
        }
        #expect(ready)
        let rs = cluster.controllers.workloads.replicaSets[index]
        let pods = ControllerFixture.activePods(cluster)
        #expect(pods.count == 3)
        for pod in pods {
            #expect(pod.name.hasPrefix("web-"))
            let suffix = pod.name.dropFirst(4)
            #expect(suffix.count == 5)
            #expect(suffix.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
            let owner = try #require(pod.pod.metadata.ownerReferences?.first)
            #expect(
                owner.kind == "ReplicaSet" && owner.name == "web" && owner.controller == true && owner.uid == rs.uid)
            // Admission ran on the created pods: the two default 300-s NoExecute tolerations.
            #expect(pod.pod.spec.tolerations?.filter { $0.tolerationSeconds == 300 }.count == 2)
        }
        let created = log.with(reason: "SuccessfulCreate")
        #expect(created.count == 3)
        #expect(
            created.allSatisfy {
                $0.component == "replicaset-controller" && $0.kind == "ReplicaSet" && $0.name == "web"
            })
        #expect(Set(created.map(\.message)) == Set(pods.map { "Created pod: \($0.name)" }))
        #expect(rs.status.readyReplicas == 3 && rs.status.availableReplicas == 3)
    }

    @Test("replaces a deleted pod at once, keeping three active pods")
    func replacesDeletedPod() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let log = ControllerFixture.events(cluster)
        cluster.controllers.replicaSets.apply(replicaSet("web", replicas: 3))
        ControllerFixture.run(cluster, untilSeconds: 60) {
            ControllerFixture.activePods($0).filter(ControllerFixture.isReady).count == 3
        }
        let victim = try #require(ControllerFixture.activePods(cluster).first)
        let deletedAt = cluster.now
        cluster.deletePod(victim.id)
        // The replacement is created in the same instant (a terminating pod is not active).
        cluster.run(until: .time(deletedAt))
        #expect(ControllerFixture.activePods(cluster).count == 3)
        let replacement = try #require(log.with(reason: "SuccessfulCreate").last)
        #expect(replacement.time == deletedAt)
        #expect(log.with(reason: "SuccessfulCreate").count == 4)
        ControllerFixture.run(cluster, untilSeconds: Int(deletedAt.seconds) + 60) { cluster in
            cluster.api[victim.id].isRemoved
                && ControllerFixture.activePods(cluster).filter(ControllerFixture.isReady).count == 3
        }
        #expect(cluster.api[victim.id].isRemoved)
        #expect(ControllerFixture.activePods(cluster).filter(ControllerFixture.isReady).count == 3)
    }

    @Test("scaling down deletes the newer (not ready, or ready for less time) pods first")
    func scaleDownPrefersNotReady() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        cluster.controllers.replicaSets.apply(replicaSet("web", replicas: 2))
        ControllerFixture.run(cluster, untilSeconds: 60) {
            ControllerFixture.activePods($0).filter(ControllerFixture.isReady).count == 2
        }
        let ready = Set(ControllerFixture.activePods(cluster).filter(ControllerFixture.isReady).map(\.id))
        #expect(ready.count == 2)
        // Two more replicas, created later: not ready yet, or ready for less time than the first two.
        #expect((try? cluster.scale(kind: "ReplicaSet", namespace: nil, name: "web", replicas: 4)) != nil)
        ControllerFixture.run(cluster, toSecond: Int(cluster.now.seconds) + 1)
        #expect(ControllerFixture.activePods(cluster).count == 4)
        #expect((try? cluster.scale(kind: "ReplicaSet", namespace: nil, name: "web", replicas: 2)) != nil)
        ControllerFixture.run(cluster, toSecond: Int(cluster.now.seconds) + 1)
        let survivors = Set(ControllerFixture.activePods(cluster).map(\.id))
        #expect(survivors == ready)
    }
}
