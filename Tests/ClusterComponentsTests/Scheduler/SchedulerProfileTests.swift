import ClusterComponents
import KubeModel
import SimulationCore
import Testing

/// Profiles, policies, queue behaviour and cache accounting, checked against hand-computed
/// expectations.
@Suite struct SchedulerProfileTests {
    @Test("a pod naming an unknown scheduler stays Pending without events")
    func unknownScheduler() {
        let (cluster, events) = Fixture.cluster()
        Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi")
        let pod = Fixture.pod(cluster, "p", cpu: "100m", memory: "100Mi", schedulerName: "my-scheduler")
        Fixture.settle(cluster, seconds: 10)
        #expect(cluster.api[pod].nodeID == nil)
        #expect(events.events.filter { $0.name == "p" }.isEmpty)
    }

    @Test("MostAllocated from NodeResourcesFitArgs packs onto the fuller node")
    func mostAllocated() {
        let args = NodeResourcesFitArgs(scoringStrategy: ScoringStrategy(type: "MostAllocated"))
        let profile = KubeSchedulerProfile(pluginConfig: [
            PluginConfig(name: "NodeResourcesFit", args: PluginArgs(args))
        ])
        let (cluster, _) = Fixture.cluster {
            $0.schedulerConfiguration = KubeSchedulerConfiguration(profiles: [profile])
        }
        Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi")
        Fixture.node(cluster, "n2", cpu: "4", memory: "8Gi")
        Fixture.pod(cluster, "e", cpu: "2", memory: "4Gi", on: "n2")
        let pod = Fixture.pod(cluster, "p", cpu: "1", memory: "2Gi")
        Fixture.settle(cluster)
        // MostAllocated: n1 (1000m/4000m → 25, 2/8 Gi → 25) = 25; n2 (3/4 → 75, 6/8 → 75) = 75.
        #expect(Fixture.score(cluster, pod, "n1", "NodeResourcesFit") == 25)
        #expect(Fixture.score(cluster, pod, "n2", "NodeResourcesFit") == 75)
        #expect(Fixture.nodeName(cluster, pod) == "n2")
    }

    @Test("two profiles: the event component is the profile's schedulerName")
    func twoProfiles() {
        let config = KubeSchedulerConfiguration(profiles: [
            KubeSchedulerProfile(), KubeSchedulerProfile(schedulerName: "packer"),
        ])
        let (cluster, events) = Fixture.cluster { $0.schedulerConfiguration = config }
        Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi")
        Fixture.pod(cluster, "p", cpu: "100m", memory: "100Mi", schedulerName: "packer")
        Fixture.settle(cluster)
        #expect(events.events.first { $0.reason == "Scheduled" }?.component == "packer")
    }

    @Test("--policy names come from the plugin registry: placement policies only, aliases included")
    func policyNamesFromRegistry() throws {
        // The list `bench policies --help` shows, in registry order.
        #expect(
            SchedulerPolicy.allNames == [
                "default", "firstfit", "bestfit", "worstfit", "random", "dotproduct", "gpubestfit", "fgd",
            ])
        #expect(try #require(SchedulerPolicy.named("Tetris")).name == "dotproduct")
        #expect(try #require(SchedulerPolicy.named("FGDScore")).name == "fgd")
        #expect(try #require(SchedulerPolicy.named("kube-scheduler")).name == "default")
        // Registered plugins that are not placement policies are no `--policy`.
        #expect(SchedulerPolicy.named("NodeResourcesFit") == nil)
        #expect(SchedulerPolicy.named("GPUShare") == nil)
        let profile = try #require(SchedulerPolicy.named("random")).profile()
        #expect(profile.plugins?.score?.enabled?.map(\.name) == ["Random"])
    }

    @Test("policies are found by name; bestfit packs, worstfit spreads")
    func policies() {
        #expect(SchedulerPolicy.named("nope") == nil)
        for name in SchedulerPolicy.allNames { #expect(SchedulerPolicy.named(name) != nil) }
        for (name, expected) in [("bestfit", "n2"), ("worstfit", "n1"), ("firstfit", "n1")] {
            let (cluster, _) = Fixture.cluster()
            cluster.scheduler.usePolicy(SchedulerPolicy.named(name)!)
            Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi")
            Fixture.node(cluster, "n2", cpu: "4", memory: "8Gi")
            Fixture.pod(cluster, "e", cpu: "2", memory: "4Gi", on: "n2")
            let pod = Fixture.pod(cluster, "p", cpu: "1", memory: "1Gi")
            Fixture.settle(cluster)
            #expect(Fixture.nodeName(cluster, pod) == expected, "\(name)")
        }
    }

    @Test("Too many pods; extended resources are filtered by name")
    func tooManyPodsAndExtended() {
        let (cluster, events) = Fixture.cluster()
        let node = Node(
            metadata: ObjectMeta(name: "g1", labels: ["kubernetes.io/hostname": "g1"]),
            status: NodeStatus(capacity: ["cpu": "4", "memory": "8Gi", "pods": "1", "nvidia.com/gpu": "1"]))
        cluster.addNode(node, pool: "gpu")
        Fixture.pod(cluster, "p1", cpu: "100m", memory: "100Mi", extra: ["nvidia.com/gpu": "1"])
        Fixture.pod(cluster, "p2", cpu: "100m", memory: "100Mi", extra: ["nvidia.com/gpu": "1"])
        Fixture.settle(cluster)
        #expect(
            events.messages("FailedScheduling", pod: "p2").first?.hasPrefix(
                "0/1 nodes are available: 1 Insufficient nvidia.com/gpu, 1 Too many pods.") == true)
    }
}
