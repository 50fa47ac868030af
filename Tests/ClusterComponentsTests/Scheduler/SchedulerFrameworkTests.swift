import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// The plugin framework: the registry, profiles as data, a plugin added through the registry,
/// and NodeResourcesFit's fast path against its general filter.
@Suite struct SchedulerFrameworkTests {
    @Test("the default profile is default_plugins.go's MultiPoint list, expanded per extension point")
    func defaultProfile() {
        var resources = ResourceIndex()
        let profile = Profile(KubeSchedulerProfile(), version: KubernetesVersion(minor: 35), resources: &resources)
        // k/k pkg/scheduler/apis/config/v1/default_plugins.go (volume plugins omitted) + GPUShare.
        #expect(
            profile.filterNames == [
                "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit",
                "PodTopologySpread", "InterPodAffinity", "GPUShare",
            ])
        #expect(profile.preFilters.map(\.name) == ["PodTopologySpread", "InterPodAffinity"])
        #expect(
            profile.scorers.map { "\($0.name)×\($0.weight)" } == [
                "TaintToleration×3", "NodeAffinity×2", "NodeResourcesFit×1", "PodTopologySpread×2",
                "InterPodAffinity×2", "NodeResourcesBalancedAllocation×1", "ImageLocality×1",
            ])
        #expect(profile.postFilters.map(\.name) == ["DefaultPreemption"])
        #expect(profile.reservers.isEmpty)
        #expect(profile.preBinders.map(\.name) == ["GPUShare"])
        // Queueing hints: only the filters a pod's removal can help.
        #expect(profile.filterHelpedByPodRemoval == [false, false, false, false, true, true, true, true, true])
    }

    @Test("a policy profile replaces the scores and keeps the filters; FGD brings its Reserve")
    func policyProfile() throws {
        var resources = ResourceIndex()
        let fgd = try #require(SchedulerPolicy.named("fgd"))
        let profile = Profile(fgd.profile(), version: KubernetesVersion(minor: 35), resources: &resources)
        #expect(profile.scorers.map(\.name) == ["FGD"])
        #expect(profile.filterNames.count == 9)
        #expect(profile.reservers.map(\.name) == ["FGD"])
        // Aliases and case-insensitive names resolve to the same plugins.
        var configuration = PluginConfiguration(
            profile: KubeSchedulerProfile(), version: KubernetesVersion(minor: 35), resources: resources)
        #expect(BuiltinPlugin.make(named: "FGDScore", &configuration)?.name == "FGD")
        #expect(BuiltinPlugin.make(named: "tetris", &configuration)?.name == "DotProduct")
        #expect(BuiltinPlugin.make(named: "BestFitScore", &configuration)?.name == "GPUBestFit")
        #expect(BuiltinPlugin.make(named: "NoSuchPlugin", &configuration) == nil)
    }

    @Test("the registry is one list: unique names and aliases, and validation accepts exactly them")
    func registryIsOneList() throws {
        let entries = PluginRegistry.entries
        // k/k's MultiPoint defaults (default_plugins.go, volume plugins omitted) are all registered.
        for (name, _) in Profile.defaultPlugins { #expect(PluginRegistry.id(named: name) != nil, "\(name)") }
        let names = entries.flatMap { [$0.name] + $0.aliases }.map { $0.lowercased() }
        #expect(Set(names).count == names.count)
        // Ids are what the switch gives them: dense from 0, and the entry of an id is its type's.
        #expect(entries.map(\.id) == Array(0..<entries.count))
        #expect(PluginRegistry.id(named: "NodeResourcesFit").map { entries[$0].name } == "NodeResourcesFit")
        // Validation reads the same list: every name and alias, kubesim's own in any case.
        let known = Scheduler.pluginNames
        for entry in entries {
            for name in [entry.name] + entry.aliases {
                #expect(known.contains(name), "\(name)")
                #expect(known.contains(name.lowercased()) == entry.ignoresNameCase, "\(name)")
            }
        }
        #expect(known.contains("VolumeBinding") && !known.contains("NoSuchPlugin"))
        #expect(known.names == known.names.sorted())
        #expect(known.names.count == names.count + PluginRegistry.acceptedWithoutModel.count)
    }

    @Test("a plugin added through a registry filters and scores (ExampleNodeLabel, weight 2)")
    func examplePlugin() throws {
        let profile = KubeSchedulerProfile(
            plugins: Plugins(multiPoint: PluginSet(enabled: [Plugin(name: "ExampleNodeLabel", weight: 2)])))
        let configuration = KubeSchedulerConfiguration(profiles: [profile])
        let (cluster, _) = Fixture.cluster { $0.schedulerConfiguration = configuration }
        // Without the registry that has it, the profile does not know the name.
        #expect(!cluster.scheduler.profiles[0].scorers.contains { $0.name == "ExampleNodeLabel" })
        cluster.scheduler.configure(configuration, outOfTree: OutOfTreeRegistry(types: [ExampleNodeLabel.self]))
        Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi", labels: [ExampleNodeLabel.scoreLabel: "10"])
        Fixture.node(cluster, "n2", cpu: "4", memory: "8Gi", labels: [ExampleNodeLabel.scoreLabel: "30"])
        Fixture.node(
            cluster, "n3", cpu: "4", memory: "8Gi",
            labels: [ExampleNodeLabel.scoreLabel: "50", ExampleNodeLabel.rejectLabel: ""])
        let pod = Fixture.pod(cluster, "p", cpu: "1", memory: "1Gi")
        Fixture.settle(cluster)
        let explanation = try #require(cluster.scheduler.explanation(for: pod))
        let n3 = try #require(explanation.nodes.first { $0.node == "n3" })
        #expect(!n3.feasible)
        #expect(n3.plugin == "ExampleNodeLabel")
        #expect(n3.reasons == ["node(s) had the example reject label"])
        // DefaultNormalizeScore over {10, 30}: 100 × 10 / 30 = 33 and 100; every default plugin
        // scores the two empty, identical nodes alike, so the weight-2 example decides.
        #expect(Fixture.score(cluster, pod, "n1", "ExampleNodeLabel") == 33)
        #expect(Fixture.score(cluster, pod, "n2", "ExampleNodeLabel") == 100)
        let n1 = try #require(Fixture.total(cluster, pod, "n1"))
        let n2 = try #require(Fixture.total(cluster, pod, "n2"))
        #expect(n2 - n1 == 2 * (100 - 33))
        #expect(Fixture.nodeName(cluster, pod) == "n2")
    }

    /// A cluster whose default profile also runs ``PermitGate`` (from an out-of-tree registry).
    private static func permitCluster() -> (Cluster, EventCollector) {
        let profile = KubeSchedulerProfile(
            plugins: Plugins(multiPoint: PluginSet(enabled: [Plugin(name: PermitGate.name)])))
        let configuration = KubeSchedulerConfiguration(profiles: [profile])
        let (cluster, events) = Fixture.cluster { $0.schedulerConfiguration = configuration }
        cluster.scheduler.configure(configuration, outOfTree: OutOfTreeRegistry(types: [PermitGate.self]))
        return (cluster, events)
    }

    @Test("a Permit rejection runs Unreserve, forgets the assumed pod and fails the attempt (schedule_one.go)")
    func permitRejects() throws {
        let (cluster, events) = Self.permitCluster()
        #expect(cluster.scheduler.profiles[0].reservers.map(\.name) == ["PermitGate"])
        #expect(cluster.scheduler.profiles[0].permits.map(\.name) == ["PermitGate"])
        let node = Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi", labels: [PermitGate.denyLabel: ""])
        let pod = Fixture.pod(cluster, "p", cpu: "1", memory: "1Gi")
        Fixture.settle(cluster)
        // Reserve, then (Permit rejects) Unreserve, once per attempt; never bound.
        let calls = try #require(cluster.api[pod].pod.metadata.annotations?[PermitGate.callsAnnotation])
        #expect(calls == "reserve:n1,unreserve:n1")
        #expect(Fixture.nodeName(cluster, pod) == nil)
        // k/k: FitError{NumAllNodes: 1} over the chosen node's Permit status.
        #expect(
            events.messages("FailedScheduling", pod: "p") == [
                "0/1 nodes are available: 1 node(s) were denied by PermitGate."
            ])
        // ForgetPod: the node no longer counts the pod's 1 CPU, and the pod waits as unschedulable.
        let info = try #require(cluster.scheduler.nodeInfo(node))
        #expect(info.requested(ResourceIndex.cpu) == 0)
        #expect(cluster.scheduler.cache.pods[pod.value]?.countedOn == -1)
        #expect(cluster.scheduler.pendingCounts.unschedulable == 1)
        #expect(cluster.scheduler.scheduledCount == 0)
    }

    @Test("a permitted pod is reserved once and bound, without Unreserve")
    func permitAllows() throws {
        let (cluster, events) = Self.permitCluster()
        _ = Fixture.node(cluster, "n1", cpu: "4", memory: "8Gi")
        let pod = Fixture.pod(cluster, "p", cpu: "1", memory: "1Gi")
        Fixture.settle(cluster)
        #expect(cluster.api[pod].pod.metadata.annotations?[PermitGate.callsAnnotation] == "reserve:n1")
        #expect(Fixture.nodeName(cluster, pod) == "n1")
        #expect(events.messages("FailedScheduling", pod: "p").isEmpty)
    }

    @Test("NodeResourcesFit.FastPath agrees with the general filter on 60 nodes × 200 requests")
    func fastPathEqualsFilter() {
        // A small linear congruential generator (Knuth's MMIX constants): a fixed, seedless
        // sequence of node shapes, placed pods and requests, with many near-full nodes.
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let (cluster, _) = Fixture.cluster()
        for n in 0..<60 {
            let node = Node(
                metadata: ObjectMeta(name: "n\(n)", labels: ["kubernetes.io/hostname": "n\(n)"]),
                status: NodeStatus(capacity: [
                    "cpu": Quantity(milliValue: Int64(1000 + 500 * next(8))),
                    "memory": Quantity(Int64(1 + next(8)) << 30), "ephemeral-storage": Quantity(Int64(next(3)) << 30),
                    "pods": Quantity(Int64(1 + next(4))),
                ]))
            cluster.addNode(node, pool: "p")
            for k in 0..<next(4) {
                Fixture.pod(
                    cluster, "e\(n)-\(k)", cpu: "\(100 * next(20))m", memory: "\(128 * next(16))Mi", on: "n\(n)")
            }
        }
        Fixture.settle(cluster)
        let scheduler: Scheduler = cluster.scheduler!
        let fit = NodeResourcesFit()
        var agreed = 0
        var passed = 0
        for _ in 0..<200 {
            let ephemeral = next(3) == 0 ? ["ephemeral-storage": "\(next(3) * 512)Mi"] : [:]
            let spec = Fixture.podSpec(cpu: "\(100 * next(30))m", memory: "\(256 * next(20))Mi", extra: ephemeral)
            let request = PodRequest(pod: spec, index: &scheduler.cache.resources)
            guard let fast = NodeResourcesFit.FastPath(request) else {
                Issue.record("a request without scalar resources has a fast path")
                continue
            }
            for node in scheduler.cache.tree.order.map(Int.init) {
                let general = fit.filter(request, scheduler.cache.nodes[node], names: scheduler.cache.resources.names)
                #expect(fast.fits(scheduler.cache.hot[node]) == general.isSuccess, "node \(node)")
                agreed += 1
                if general.isSuccess { passed += 1 }
            }
        }
        #expect(agreed == 200 * 60)
        // Both outcomes occur often enough for the comparison to mean something.
        #expect(passed > 1000 && passed < 11_000)
        // A scalar request has no fast path.
        let gpu = PodRequest(
            pod: Fixture.podSpec(cpu: "1", memory: "1Gi", extra: ["nvidia.com/gpu": "1"]),
            index: &scheduler.cache.resources)
        #expect(NodeResourcesFit.FastPath(gpu) == nil)
    }
}
