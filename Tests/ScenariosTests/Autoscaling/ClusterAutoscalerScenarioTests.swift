import ClusterComponents
import Foundation
import KubeModel
import SimulationOutput
import Testing

@testable import Scenarios

/// The Cluster Autoscaler end to end on hand-computed cases (cluster-autoscaler 1.31 defaults:
/// scan every 10 s, 10 min unneeded time, threshold 0.5).
@Suite struct ClusterAutoscalerScenarioTests {
    static func write(_ text: String, name: String) throws -> String {
        try TestFiles.write(text, name: name, suite: "ca")
    }

    static func deployment(replicas: Int, cpu: String, extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          replicas: \(replicas)
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}\(extra)}
            spec:
              containers:
                - {name: app, image: "app:1", resources: {requests: {cpu: "\(cpu)", memory: 1Gi}}}
        """
    }

    /// Runs the documents and returns the runner and the autoscaler's events as (t, reason, object, message).
    static func run(_ documents: [String], name: String) throws -> (ScenarioRunner, [(Int, String, String, String)]) {
        let path = try write(documents.joined(separator: "\n---\n"), name: name)
        let input = ScenarioInput.load(paths: [path])
        #expect(input.diagnostics.filter { $0.severity == .error }.isEmpty, "\(input.diagnostics)")
        let runner = ScenarioRunner(input: input)
        final class Recorder: ClusterRecordSink {
            var events: [(Int, String, String, String)] = []
            func consume(_ record: ClusterRecord, in cluster: ClusterView) {
                guard case .event(let event) = record, event.component == "cluster-autoscaler" else { return }
                events.append((Int(cluster.now.seconds), event.reason, event.name, event.message))
            }
        }
        let recorder = Recorder()
        runner.cluster.addSink(recorder)
        _ = runner.run()
        return (runner, recorder.events)
    }

    @Test("scale-up: scan interval + provision time + scheduling; binpacking sizes the step")
    func scaleUpTiming() throws {
        let scenario = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: up}
            spec:
              duration: 5m
              timing: ideal  # hand-computed times: no API or node-side latencies
              nodes:
                - {name: pool, count: 1, capacity: {cpu: "4", memory: 16Gi}, images: ["app:1"],
                   autoscaling: {min: 1, max: 4, provisionTime: 60s, pricePerHour: 0.2}}
            """
        let (runner, events) = try Self.run([scenario, Self.deployment(replicas: 5, cpu: "1500m")], name: "up.yaml")
        // Two 1.5-CPU pods fit a 4-CPU node; three wait. The first loop (10 s) packs them two
        // per template node: 1 → 3. The nodes are Ready at 10 + 60 = 70 s and the pods bound then.
        let triggered = events.filter { $0.1 == "TriggeredScaleUp" }
        #expect(triggered.count == 3)
        #expect(triggered.allSatisfy { $0.0 == 10 && $0.3 == "pod triggered scale-up: [{pool 1->3 (max: 4)}]" })
        let bound = runner.cluster.api.pods.compactMap(\.boundAt).map { Int($0.seconds) }.sorted()
        #expect(bound == [0, 0, 70, 70, 70])
        let figures = try #require(runner.cluster.clusterAutoscaler)
        #expect(figures.groups[0].nodes.count == 3)
        // Billing: pool-0 300 s, two nodes from 10 s to 300 s: 880 s = 0.244444 h; × 0.2.
        let summary = ClusterAutoscalerFiguresProbe.figures(runner)
        #expect(summary.nodeHours == 0.244444)
        #expect(summary.cost == 0.048889)
        #expect(summary.scaleUpWait.p50 == 70)
        #expect(summary.scaleUpWait.p99 == 70)
        // The status ConfigMap after its last change: the loop at 70 s runs as the nodes join,
        // before the scheduler binds the three pods; the loop at 80 s finds none unschedulable.
        let status = try #require(
            runner.cluster.api.object(kind: "ConfigMap", namespace: "kube-system", name: "cluster-autoscaler-status"))
        guard case .configMap(let map) = status.object else { throw CancellationError() }
        let text = try #require(map.data?["status"])
        #expect(text.hasPrefix("time: 2026-01-01T00:01:20Z\nautoscalerStatus: Running\n"))
        #expect(text.contains("- name: pool\n"))
        #expect(text.contains("cloudProviderTarget: 3\n"))
        #expect(text.contains("registered: {total: 3, ready: 3}"))
        #expect(text.hasSuffix("unschedulablePods: 0\n"))
    }

    /// Two nodes with one 1-CPU pod each (25% < 50%): either pod fits on the other node.
    static func twoNodes(min: Int = 1, unneeded: String = "10m") -> String {
        """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: down}
        spec:
          duration: 30m
          timing: ideal  # hand-computed times: no API or node-side latencies
          nodes:
            - {name: pool, count: 2, capacity: {cpu: "4", memory: 16Gi}, images: ["app:1"],
               autoscaling: {min: \(min), max: 3}}
          clusterAutoscaler: {scaleDownUnneededTime: \(unneeded)}
        """
    }

    static let spreadApp = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          replicas: 2
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}ANNOTATIONS}
            spec:
              topologySpreadConstraints:
                - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,
                   labelSelector: {matchLabels: {app: app}}}
              containers:
                - {name: app, image: "app:1", resources: {requests: {cpu: "1", memory: 1Gi}}}
        """

    @Test("scale-down: unneeded from the first loop (10 s), drained at 10 s + the unneeded time, not before")
    func scaleDownAfterUnneededTime() throws {
        let app = Self.spreadApp.replacingOccurrences(of: "ANNOTATIONS", with: "")
        let (runner, events) = try Self.run([Self.twoNodes(), app], name: "down.yaml")
        let scaleDowns = events.filter { $0.1 == "ScaleDown" && $0.2.hasPrefix("pool-") }
        // pool-0 is checked first: its pod fits on pool-1, so pool-0 is unneeded; pool-1's pod
        // could only go to pool-0, already counted as removed: pool-1 stays. 10 + 600 = 610 s.
        #expect(scaleDowns.map(\.0) == [610])
        #expect(scaleDowns.map(\.2) == ["pool-0"])
        #expect(runner.cluster.api.nodes.filter { !$0.isRemoved }.map(\.name) == ["pool-1"])
        let running = runner.cluster.api.pods.filter { !$0.isRemoved && $0.status.phase == .running }
        #expect(running.count == 2 && running.allSatisfy { $0.nodeID?.value == 1 })
    }

    @Test("scale-down is blocked by a budget that allows no disruption, by safe-to-evict=false, and by min")
    func scaleDownBlocked() throws {
        let app = Self.spreadApp.replacingOccurrences(of: "ANNOTATIONS", with: "")
        let budget = """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: app}
            spec: {minAvailable: 2, selector: {matchLabels: {app: app}}}
            """
        let (_, withBudget) = try Self.run([Self.twoNodes(), app, budget], name: "pdb.yaml")
        #expect(withBudget.filter { $0.1 == "ScaleDown" }.isEmpty)
        let annotated = Self.spreadApp.replacingOccurrences(
            of: "ANNOTATIONS", with: ", annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: \"false\"}")
        let (_, withAnnotation) = try Self.run([Self.twoNodes(), annotated], name: "evict.yaml")
        #expect(withAnnotation.filter { $0.1 == "ScaleDown" }.isEmpty)
        let (_, atMin) = try Self.run([Self.twoNodes(min: 2), app], name: "min.yaml")
        #expect(atMin.filter { $0.1 == "ScaleDown" }.isEmpty)
    }

    /// Two empty groups (and a fixed 1-CPU node the pods do not fit: with no node at all the
    /// scheduler's failure is SchedulerError, which the autoscaler does not act on) and four
    /// 1.5-CPU, 1Gi pods.
    static func twoGroups(expander: String) -> String {
        """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: expander}
        spec:
          duration: 3m
          timing: ideal  # hand-computed times: no API or node-side latencies
          nodes:
            - {name: base, count: 1, capacity: {cpu: "1", memory: 4Gi}}
            - {name: small, count: 0, capacity: {cpu: "2", memory: 4Gi}, autoscaling: {min: 0, max: 10, pricePerHour: 1}}
            - {name: large, count: 0, capacity: {cpu: "8", memory: 32Gi}, autoscaling: {min: 0, max: 10, pricePerHour: 3}}
          clusterAutoscaler: {expander: \(expander)}
        """
    }

    @Test("expanders: least-waste takes 4 small nodes, price the one large node, priority what the ConfigMap says")
    func expanders() throws {
        let pods = Self.deployment(replicas: 4, cpu: "1500m")
        // small: one pod per node, 4 nodes: CPU waste 2/8, memory ≈ 12/16 → ≈ 0.5;
        // large: 4 pods on one node: CPU 2/8, memory ≈ 28/32 → ≈ 0.56. least-waste: small.
        let (_, waste) = try Self.run([Self.twoGroups(expander: "least-waste"), pods], name: "waste.yaml")
        #expect(waste.first { $0.1 == "TriggeredScaleUp" }?.3 == "pod triggered scale-up: [{small 0->4 (max: 10)}]")
        // price per pod: small 4 × 1 / 4 = 1; large 1 × 3 / 4 = 0.75: large.
        let (_, price) = try Self.run([Self.twoGroups(expander: "price"), pods], name: "price.yaml")
        #expect(price.first { $0.1 == "TriggeredScaleUp" }?.3 == "pod triggered scale-up: [{large 0->1 (max: 10)}]")
        // priority: "sm.*" at 50 beats "large" at 10 (where price picked large); with the
        // ConfigMap's priorities swapped, large wins.
        func priorities(_ text: String) -> String {
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cluster-autoscaler-priority-expander, namespace: kube-system}
            data:
              priorities: |-
            \(text.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """
        }
        let (_, small) = try Self.run(
            [Self.twoGroups(expander: "priority"), pods, priorities("10:\n  - large\n50:\n  - \"sm.*\"")],
            name: "priority.yaml")
        #expect(small.first { $0.1 == "TriggeredScaleUp" }?.3 == "pod triggered scale-up: [{small 0->4 (max: 10)}]")
        let (_, large) = try Self.run(
            [Self.twoGroups(expander: "priority"), pods, priorities("50:\n  - large\n10:\n  - sm.*")],
            name: "priority2.yaml")
        #expect(large.first { $0.1 == "TriggeredScaleUp" }?.3 == "pod triggered scale-up: [{large 0->1 (max: 10)}]")
    }

    @Test("max bounds the step; pods left over do not trigger a scale-up")
    func maxBound() throws {
        let scenario = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: max}
            spec:
              duration: 3m
              timing: ideal  # hand-computed times: no API or node-side latencies
              nodes:
                # A node too small for the pods: with no node at all the scheduler's failure is
                # SchedulerError ("no nodes available"), which the autoscaler does not act on.
                - {name: base, count: 1, capacity: {cpu: "1", memory: 4Gi}}
                - {name: pool, count: 0, capacity: {cpu: "2", memory: 8Gi}, autoscaling: {min: 0, max: 2}}
            """
        let (runner, events) = try Self.run([scenario, Self.deployment(replicas: 5, cpu: "1500m")], name: "max.yaml")
        #expect(events.first { $0.1 == "TriggeredScaleUp" }?.3 == "pod triggered scale-up: [{pool 0->2 (max: 2)}]")
        #expect(events.contains { $0.1 == "NotTriggerScaleUp" && $0.3.contains("1 max node group size reached") })
        #expect(runner.cluster.api.nodes.count == 3)
    }

    @Test("bad node group bounds and flags are errors with their lines")
    func badInput() throws {
        let scenario = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: bad}
            spec:
              nodes:
                - {name: a, count: 1, autoscaling: {min: 3, max: 2}}
                - {name: b, count: 5, autoscaling: {min: 0, max: 2}}
              clusterAutoscaler: {expander: cheapest, scaleDownUtilizationThreshold: 2}
            """
        let path = try Self.write(scenario, name: "bad.yaml")
        let errors = ScenarioInput.load(paths: [path]).diagnostics.filter { $0.severity == .error }
        let lines = Dictionary(errors.map { ($0.message, $0.location.line ?? 0) }, uniquingKeysWith: { a, _ in a })
        #expect(
            lines.first { $0.key.contains("spec.nodes[0].autoscaling.max") && $0.key.contains("min (3)") }?.value == 6)
        #expect(lines.first { $0.key.contains("spec.nodes[1].autoscaling") && $0.key.contains("[0, 2]") }?.value == 7)
        #expect(lines.first { $0.key.contains("spec.clusterAutoscaler.expander") }?.value == 8)
        #expect(lines.first { $0.key.contains("scaleDownUtilizationThreshold") }?.value == 8)
    }
}

/// Reads the figures the summary would print.
enum ClusterAutoscalerFiguresProbe {
    static func figures(_ runner: ScenarioRunner) -> ClusterAutoscalerFigures {
        ClusterAutoscalerFigures(runner.cluster.clusterAutoscaler!, cluster: ClusterView(runner.cluster))
    }
}
