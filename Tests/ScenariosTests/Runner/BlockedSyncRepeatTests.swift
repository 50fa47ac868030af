import Foundation
import SimulationCore
import Testing

@testable import ClusterComponents
@testable import Scenarios

/// A kubelet repeats a crash loop's blocked sync without working out its status, kills and
/// starts again (`Kubelet.repeatBlockedSync`). That must change nothing but the work done: runs
/// with the repeat on and off give the same record stream, record by record (every event, and
/// every pod's whole status at each of its updates), the same number of engine events and the
/// same count of events the spam filter dropped; and the repeat must have been taken, or the
/// comparison proves nothing.
@Suite struct BlockedSyncRepeatTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Writes each record with the time and, for a pod, its stored object as it is then.
    final class Transcript: ClusterRecordSink {
        var lines: [String] = []

        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            let time = cluster.now.nanoseconds
            switch record {
            case .event(let event): lines.append("\(time) event \(event)")
            case .podCreated(let id), .podUpdated(let id), .podRemoved(let id):
                let pod = cluster.api[id]
                lines.append("\(time) \(record) \(pod.status) deleting=\(String(describing: pod.deletionTimestamp))")
            case .nodeUpdated, .schedulingAttempt: lines.append("\(time) \(record)")
            }
        }
    }

    struct Outcome: Equatable {
        var lines: [String]
        var engineEvents: UInt64
        var dropped: Int
        var repeated: Int
    }

    static func run(_ input: ScenarioInput, repeating: Bool, until end: SimulationDuration) -> Outcome {
        let runner = ScenarioRunner(input: input)
        runner.cluster.kubeletsRepeatBlockedSyncs = repeating
        let transcript = Transcript()
        runner.cluster.addSink(transcript)
        runner.run(to: SimulationTime.zero + end)
        return Outcome(
            lines: transcript.lines, engineEvents: runner.cluster.eventsProcessed,
            dropped: runner.cluster.droppedEvents,
            repeated: runner.cluster.kubelets.map(\.repeatedBlockedSyncs).reduce(0, +))
    }

    static func compare(_ input: ScenarioInput, until end: SimulationDuration, atLeast repeats: Int, records: Int) {
        #expect(!input.hasErrors, "\(input.diagnostics.map(\.description))")
        let full = run(input, repeating: false, until: end)
        let repeated = run(input, repeating: true, until: end)
        #expect(full.repeated == 0)
        #expect(repeated.repeated >= repeats, "blocked syncs repeated: \(repeated.repeated)")
        #expect(full.lines.count > records)
        #expect(repeated.lines.count == full.lines.count)
        if let first = zip(full.lines, repeated.lines).first(where: { $0.0 != $0.1 }) {
            Issue.record("first difference:\n  full:     \(first.0)\n  repeated: \(first.1)")
        }
        #expect(repeated.engineEvents == full.engineEvents)
        #expect(repeated.dropped == full.dropped)
        #expect(full.dropped > repeats / 2, "most BackOff events of blocked syncs are dropped")
    }

    @Test("the crash-loop workload (realistic timing, 1.34, a requeue every 10-15 s): 30 minutes")
    func crashLoopWorkload() {
        let path = Self.root.appendingPathComponent("Benchmarks/workloads/crashloop-40.yaml").path
        Self.compare(ScenarioInput.load(paths: [path]), until: .seconds(1800), atLeast: 5_000, records: 10_000)
    }

    @Test("the bundled crash loop (ideal timing, golden G2's restarts)")
    func bundledCrashLoop() {
        let path = Self.root.appendingPathComponent("scenarios/crashloop").path
        Self.compare(ScenarioInput.load(paths: [path]), until: .seconds(20 * 60), atLeast: 40, records: 100)
    }

    /// Pods with an init container, a native sidecar and two app containers of which one crash
    /// loops and one fails its liveness probe now and then, on 1.35 (the requeue at the back-off's
    /// expiry), with a scale-down, a node failure and a kubelet restart during the back-offs.
    @Test("sidecars, probes, deletions, a node failure and a kubelet restart (realistic, 1.35)")
    func mixedContainers() throws {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: mixed}
            spec:
              replicas: 40
              selector: {matchLabels: {app: mixed}}
              template:
                metadata: {labels: {app: mixed}}
                spec:
                  initContainers:
                  - {name: setup, image: busybox:1.36}
                  - {name: proxy, image: busybox:1.36, restartPolicy: Always}
                  containers:
                  - name: main
                    image: busybox:1.36
                    resources: {requests: {cpu: 100m, memory: 64Mi}}
                  - name: helper
                    image: busybox:1.36
                    livenessProbe: {exec: {command: ["true"]}, periodSeconds: 10, failureThreshold: 3}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: mixed}
            spec:
              seed: 11
              timing: realistic
              kubernetesVersion: "1.35"
              duration: 2h
              nodes:
              - name: worker
                count: 4
                capacity: {cpu: "8", memory: 32Gi, pods: "110"}
                images: [busybox:1.36]
              behaviors:
              - match: {labels: {app: mixed}, container: setup}
                runs: [{duration: 2s, exit: 0}]
              - match: {labels: {app: mixed}, container: main}
                runs: [{duration: {lognormal: {median: 40s, sigma: 0.6}}, exit: 1}]
              - match: {labels: {app: mixed}, container: helper}
                liveness: {failAfter: {exponential: {mean: 20m}}}
              actions:
              - {at: 30m, scale: {kind: Deployment, name: mixed, replicas: 25}}
              - {at: 50m, node: {name: worker-1, fail: true}}
              - {at: 56m, node: {name: worker-1, fail: false}}
              - {at: 70m, kubelet: {node: worker-2, restart: true}}
            """
        let path = try TestFiles.write(yaml, name: "mixed.yaml", suite: "blocked-sync")
        Self.compare(ScenarioInput.load(paths: [path]), until: .seconds(2 * 3600), atLeast: 1_000, records: 5_000)
    }
}
