import KubeModel
import SimulationCore
import Stochastics
import Testing

@testable import ClusterComponents

@Suite struct DeploymentControllerTests {
    /// Pods of every ReplicaSet of the Deployment `name`.
    static func owned(_ cluster: Cluster, _ name: String) -> (PodObject) -> Bool {
        { pod in pod.pod.metadata.ownerReferences?.first?.name.hasPrefix(name + "-") == true }
    }

    /// Rolls out a new image and checks, on every record, the RollingUpdate bounds.
    func rollout(replicas: Int, maxSurge: IntOrString, maxUnavailable: IntOrString, surge: Int, unavailable: Int) throws
    {
        let cluster = ControllerFixture.cluster()
        for name in ["n1", "n2", "n3"] { ControllerFixture.node(cluster, name) }
        // Ready 5 s after start, so the rollout has to wait for readiness at each step.
        cluster.behaviorProvider = { _, _ in
            var behavior = ContainerBehavior(runs: [.init(duration: nil)], readyAfter: .constant(5))
            behavior.terminationDelay = .constant(1)
            return behavior
        }
        let log = ControllerFixture.events(cluster)
        let index = cluster.controllers.deployments.apply(
            ControllerFixture.deployment(
                "web", replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable))
        let belongs = Self.owned(cluster, "web")
        let settled = ControllerFixture.run(cluster, untilSeconds: 120) { cluster in
            ControllerFixture.activePods(cluster, where: belongs).filter(ControllerFixture.isReady).count == replicas
                && cluster.controllers.workloads.deployments[index].status.availableReplicas == replicas
        }
        try #require(settled)
        let oldRS = try #require(cluster.controllers.workloads.deployments[index].replicaSets.first)
        let oldHash = try #require(cluster.controllers.workloads.replicaSets[oldRS].templateHash)
        #expect(cluster.controllers.workloads.replicaSets[oldRS].name == "web-\(oldHash)")

        var maxActive = 0
        var minAvailable = Int.max
        var violations: [String] = []
        cluster.addSink(
            InvariantSink { cluster in
                let active = ControllerFixture.activePods(cluster, where: belongs)
                let available = active.filter(ControllerFixture.isReady).count
                maxActive = max(maxActive, active.count)
                minAvailable = min(minAvailable, available)
                if active.count > replicas + surge {
                    violations.append("t=\(cluster.now.seconds): \(active.count) pods")
                }
                if available < replicas - unavailable {
                    violations.append("t=\(cluster.now.seconds): \(available) available")
                }
            })
        let start = cluster.now
        let eventsBefore = log.events.count
        #expect(
            (try? cluster.patchTemplate(kind: "Deployment", namespace: nil, name: "web") {
                $0.spec.containers[0].image = "nginx:1.28"
            }) != nil)
        let done = ControllerFixture.run(cluster, untilSeconds: Int(start.seconds) + 600) { cluster in
            let active = ControllerFixture.activePods(cluster, where: belongs)
            return active.count == replicas
                && active.allSatisfy {
                    $0.pod.spec.containers[0].image == "nginx:1.28" && ControllerFixture.isReady($0)
                }
                && cluster.api.pods.allSatisfy {
                    !belongs($0) || $0.isRemoved || $0.pod.spec.containers[0].image == "nginx:1.28"
                }
        }
        #expect(done)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        // The controller uses the whole budget: the first step surges to replicas + maxSurge pods
        // (NewRSNewReplicas) and scales the old set down to replicas − maxUnavailable available.
        #expect(maxActive == replicas + surge)
        #expect(minAvailable == replicas - unavailable)

        let deployment = cluster.controllers.workloads.deployments[index]
        let newHash = deployment.templateHash
        #expect(newHash != oldHash)
        let newRS = try #require(
            deployment.replicaSets.first { cluster.controllers.workloads.replicaSets[$0].templateHash == newHash })
        #expect(cluster.controllers.workloads.replicaSets[newRS].name == "web-\(newHash)")
        #expect(cluster.controllers.workloads.replicaSets[newRS].replicas == replicas)
        #expect(cluster.controllers.workloads.replicaSets[oldRS].replicas == 0)
        #expect(
            cluster.controllers.workloads.replicaSets[newRS].replicaSet.metadata.annotations?[
                "deployment.kubernetes.io/revision"] == "2")
        for pod in ControllerFixture.activePods(cluster, where: belongs) {
            #expect(pod.pod.metadata.labels?["pod-template-hash"] == newHash)
            #expect(pod.name.hasPrefix("web-\(newHash)-"))
        }
        let progressing = try #require(deployment.status.conditions.first { $0.type == "Progressing" })
        #expect(progressing.reason == "NewReplicaSetAvailable")
        #expect(progressing.message == "ReplicaSet \"web-\(newHash)\" has successfully progressed.")
        #expect(deployment.status.conditions.first { $0.type == "Available" }?.status == .true)
        let scaling = log.events[eventsBefore...].filter { $0.reason == "ScalingReplicaSet" }
        #expect(scaling.allSatisfy { $0.component == "deployment-controller" && $0.kind == "Deployment" })
        return
    }

    @Test("RollingUpdate maxSurge 1 / maxUnavailable 1 of 4: ≤ 5 pods and ≥ 3 available at every record")
    func rollingInts() throws {
        try rollout(replicas: 4, maxSurge: 1, maxUnavailable: 1, surge: 1, unavailable: 1)
    }

    @Test("RollingUpdate 25%/25% of 10: surge rounds up to 3, unavailable down to 2")
    func rollingPercent() throws {
        // ceil(2.5) = 3 extra pods, floor(2.5) = 2 unavailable (intstr.GetScaledValueFromIntOrPercent).
        try rollout(replicas: 10, maxSurge: "25%", maxUnavailable: "25%", surge: 3, unavailable: 2)
    }

    @Test("RollingUpdate maxSurge 0 / maxUnavailable 1 of 3 never exceeds 3 pods")
    func rollingNoSurge() throws {
        try rollout(replicas: 3, maxSurge: 0, maxUnavailable: 1, surge: 0, unavailable: 1)
    }

    @Test("the first two steps of a 4-replica rollout (surge 1, unavailable 1): new 0→1, then old 4→3")
    func firstSteps() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let log = ControllerFixture.events(cluster)
        let index = cluster.controllers.deployments.apply(
            ControllerFixture.deployment("web", replicas: 4, maxSurge: 1, maxUnavailable: 1))
        ControllerFixture.run(cluster, untilSeconds: 120) {
            $0.controllers.workloads.deployments[index].status.availableReplicas == 4
        }
        let first = try #require(log.with(reason: "ScalingReplicaSet").first)
        let oldName = "web-\(cluster.controllers.workloads.deployments[index].templateHash)"
        // 1.34 wording (sync.go scaleReplicaSetAndRecordEvent): "Scaled up replica set <rs> from 0 to 4".
        #expect(first.message == "Scaled up replica set \(oldName) from 0 to 4")
        let before = log.events.count
        try cluster.patchTemplate(kind: "Deployment", namespace: nil, name: "web") {
            $0.spec.containers[0].image = "nginx:1.28"
        }
        cluster.run(until: .time(cluster.now))
        let newName = "web-\(cluster.controllers.workloads.deployments[index].templateHash)"
        let steps = log.events[before...].filter { $0.reason == "ScalingReplicaSet" }.map(\.message)
        // NewRSNewReplicas: min(4 + 1 − 4, 4 − 0) = 1; then maxScaledDown = 5 − 3 − 1 = 1 and
        // 4 available − 3 = 1 old pod may go.
        #expect(
            Array(steps.prefix(2)) == [
                "Scaled up replica set \(newName) from 0 to 1", "Scaled down replica set \(oldName) from 4 to 3",
            ])
    }

    @Test("Recreate scales the old set to 0 and starts new pods only after the old ones are gone")
    func recreate() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let index = cluster.controllers.deployments.apply(
            ControllerFixture.deployment("web", replicas: 3, strategy: "Recreate"))
        let belongs = Self.owned(cluster, "web")
        ControllerFixture.run(cluster, untilSeconds: 120) {
            $0.controllers.workloads.deployments[index].status.availableReplicas == 3
        }
        var overlap = false
        cluster.addSink(
            InvariantSink { cluster in
                let live = cluster.api.pods.filter { belongs($0) && !$0.isRemoved && !$0.isTerminal }
                let images = Set(live.map { $0.pod.spec.containers[0].image ?? "" })
                if images.count > 1 { overlap = true }
            })
        try cluster.patchTemplate(kind: "Deployment", namespace: nil, name: "web") {
            $0.spec.containers[0].image = "nginx:1.28"
        }
        let done = ControllerFixture.run(cluster, untilSeconds: Int(cluster.now.seconds) + 300) { cluster in
            let active = ControllerFixture.activePods(cluster, where: belongs)
            return active.count == 3 && active.allSatisfy { $0.pod.spec.containers[0].image == "nginx:1.28" }
        }
        #expect(done)
        #expect(!overlap)
    }

    @Test("scaling a Deployment scales its ReplicaSet")
    func scale() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let index = cluster.controllers.deployments.apply(ControllerFixture.deployment("web", replicas: 2))
        ControllerFixture.run(cluster, untilSeconds: 60) {
            $0.controllers.workloads.deployments[index].status.availableReplicas == 2
        }
        #expect((try? cluster.scale(kind: "Deployment", namespace: nil, name: "web", replicas: 5)) != nil)
        let scaled = ControllerFixture.run(cluster, untilSeconds: Int(cluster.now.seconds) + 60) {
            $0.controllers.workloads.deployments[index].status.availableReplicas == 5
        }
        #expect(scaled)
        #expect(ControllerFixture.activePods(cluster, where: Self.owned(cluster, "web")).count == 5)
    }
}
