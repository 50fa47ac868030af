import ClusterComponents
import Foundation
import KubeModel
import Scenarios
import SimulationCore
import Stochastics
import Testing

@Suite struct ScenarioDecodingTests {
    let result = ScenarioDecoder.decode(
        text: FormatPageExample.yaml, fileName: "crashloop.yaml", baseDirectory: "/nonexistent")
    var scenario: Scenario { result.scenario }

    @Test func formatPageExampleHasNoProblems() {
        #expect(result.diagnostics.map(\.description) == [])
    }

    @Test func topLevelFields() {
        #expect(scenario.name == "crashloop")
        #expect(scenario.seed == 42)
        #expect(scenario.runLength.duration == .seconds(1200))
        #expect(scenario.runLength.untilQuiescent == false)
        // 2026-01-01T00:00:00Z is 1,767,225,600 s after the epoch (56 years incl. 14 leap days).
        #expect(scenario.startTimeUnixSeconds == 1_767_225_600)
        #expect(scenario.kubernetesVersion == KubernetesVersion(minor: 34))
        #expect(scenario.timing == .ideal)
        #expect(scenario.outputs.sampleInterval == .seconds(10))
    }

    @Test func nodePool() throws {
        let pools = try #require(scenario.nodePools)
        #expect(pools.count == 1)
        let pool = pools[0]
        #expect(pool.name == "worker")
        #expect(pool.count == 3)
        #expect(pool.nodeNames == ["worker-0", "worker-1", "worker-2"])
        #expect(pool.capacity["cpu"]?.milliValue == 4000)
        #expect(pool.capacity["memory"]?.value == 17_179_869_184)  // 16 × 2^30
        #expect(pool.capacity["pods"]?.value == 110)
        #expect(pool.capacity["ephemeral-storage"]?.value == 107_374_182_400)  // 100 × 2^30
        #expect(pool.labels == ["topology.kubernetes.io/zone": "zone-a"])
        #expect(pool.taints.isEmpty)
        #expect(pool.images == ["nginx:1.27"])
        #expect(pool.kubelet.serializeImagePulls == true)
        #expect(pool.kubelet.maxParallelImagePulls == 1)
        #expect(pool.kubelet.pullBandwidth == 104_857_600)  // 100 × 2^20 B/s
    }

    @Test func images() {
        #expect(scenario.images.map(\.name) == ["nginx:*", "ghcr.io/acme/broken:1.0", "default"])
        #expect(scenario.images[0].size == 196_083_712)  // 187 × 2^20
        #expect(scenario.images[0].pull == nil)
        #expect(scenario.images[1].pull == PullSpec(failures: .forever, error: "manifest unknown"))
        #expect(scenario.images[1].size == nil)
        #expect(scenario.images[2].isDefault)
        #expect(scenario.images[2].size == 104_857_600)
    }

    @Test func behaviors() {
        let b = scenario.behaviors
        #expect(b.count == 3)
        #expect(b[0].match == BehaviorMatch(pod: "crash-*", container: "app"))
        #expect(b[0].runs == [Behavior.Run(duration: .constant(2), exitCode: 1)])
        #expect(b[0].ready == .after(.constant(5)))
        #expect(b[1].match == BehaviorMatch(image: "debian*"))
        #expect(b[1].runs == [Behavior.Run(duration: nil, exitCode: 0)])
        #expect(b[1].writes == [Behavior.Write(volume: "html", rate: .constant(29))])
        #expect(b[1].ready == nil)
        #expect(b[2].match == BehaviorMatch(labels: ["app": "leaky"]))
        #expect(b[2].memory == Behavior.Memory(start: .constant(52_428_800), growth: .constant(2_097_152)))
        #expect(b[2].runs.isEmpty)
    }

    @Test func workload() throws {
        let workload = try #require(scenario.workloads.first)
        #expect(workload.template == .file("web-pod.yaml"))
        guard case .poisson(let rate) = workload.arrivals else {
            Issue.record("expected Poisson arrivals, got \(workload.arrivals)")
            return
        }
        #expect(abs(rate - 1.0 / 3.0) < 1e-12)  // 20 per minute
        #expect(workload.count == 10_000)
        #expect(workload.until == nil)
        guard case .lognormal(let mu, let sigma) = workload.lifetime else {
            Issue.record("expected a lognormal lifetime")
            return
        }
        #expect(abs(mu - log(1800.0)) < 1e-12)  // median 30m = 1800 s
        #expect(sigma == 1.0)
        #expect(workload.name == "web-pod")
    }

    @Test func actionsAreSortedByTime() {
        let actions = scenario.actions
        #expect(actions.map(\.at.seconds) == [0, 30, 300, 480, 600, 720, 1500])
        #expect(actions.map(\.index) == [0, 1, 2, 3, 4, 6, 5])
        guard case .apply(.file("pods03.yaml")) = actions[0].operation else {
            Issue.record("actions[0]: \(actions[0].operation)")
            return
        }
        guard case .apply(.inline(let objects)) = actions[1].operation, case .pod(let pod)? = objects.first else {
            Issue.record("actions[1]: \(actions[1].operation)")
            return
        }
        #expect(objects.count == 1)
        #expect(pod.metadata.name == "late")
        #expect(pod.spec.containers.map(\.image) == ["nginx:1.27"])
        guard case .delete(let deleted) = actions[2].operation else {
            Issue.record("actions[2]")
            return
        }
        #expect(deleted == ObjectReference(kind: "Pod", name: "mc1"))
        guard case .scale(let scaled, let replicas) = actions[3].operation else {
            Issue.record("actions[3]")
            return
        }
        #expect(scaled == ObjectReference(kind: "Deployment", name: "web"))
        #expect(replicas == 20)
        guard case .node(.fail(node: "worker-1", failed: true)) = actions[4].operation else {
            Issue.record("actions[4]")
            return
        }
        guard case .kubeletRestart(node: "worker-0") = actions[5].operation else {
            Issue.record("actions[5]")
            return
        }
        guard case .node(.fail(node: "worker-1", failed: false)) = actions[6].operation else {
            Issue.record("actions[6]")
            return
        }
    }

    @Test func fileReferencesAreResolvedAgainstTheBaseDirectory() {
        #expect(
            scenario.fileReferences.map(\.resolvedPath) == ["/nonexistent/web-pod.yaml", "/nonexistent/pods03.yaml"])
        #expect(
            scenario.fileReferences.map(\.fieldPath)
                == ["spec.workloads[0].template.file", "spec.actions[0].apply.file"])
    }

    @Test func decodesFromTheManifestLoader() throws {
        let loaded = ManifestLoader().load(text: FormatPageExample.yaml, fileName: "dir/crashloop.yaml")
        let object = try #require(loaded.objects.first)
        let decoded = try #require(ScenarioDecoder.decode(object))
        #expect(decoded.scenario.name == "crashloop")
        #expect(decoded.scenario.baseDirectory == "dir")
        #expect(decoded.scenario.location?.line == 1)
    }

    @Test func defaultScenario() {
        let scenario = Scenario.default(name: "pods03")
        #expect(scenario.poolNodeNames == ["worker-0", "worker-1", "worker-2"])
        let pool = scenario.effectiveNodePools[0]
        #expect(pool.capacity["cpu"]?.milliValue == 4000)
        #expect(pool.capacity["memory"]?.value == 16 << 30)
        #expect(pool.capacity["pods"]?.value == 110)
        #expect(pool.capacity["ephemeral-storage"]?.value == 100 << 30)
        #expect(scenario.runLength == RunLength(duration: nil, untilQuiescent: true, quiescencePeriod: .minutes(10)))
        #expect(scenario.seed == 1)
        #expect(scenario.behaviors.isEmpty)
        #expect(scenario.kubernetesVersion == KubernetesVersion(minor: 34))
        #expect(scenario.timing == .realistic)  // issue 15: realistic is the default
        #expect(scenario.tieBreak == .uniform)
    }

    @Test func minimalDocumentRunsUntilQuiescent() {
        let result = ScenarioDecoder.decode(
            text: "apiVersion: kubesim/v1alpha1\nkind: Scenario\nmetadata: {name: m}\nspec: {}\n", fileName: "m.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.scenario.runLength.untilQuiescent)
        #expect(result.scenario.runLength.duration == nil)
        #expect(result.scenario.nodePools == nil)
        #expect(result.scenario.effectiveNodePools == Scenario.defaultNodePools)
    }
}
