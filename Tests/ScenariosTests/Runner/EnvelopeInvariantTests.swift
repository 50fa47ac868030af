import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Testing

@testable import Scenarios

/// A scaled-down envelope (200 nodes, about 6,000 pods from Deployments, Jobs and a Poisson
/// stream, a rolling update, crash-looping pods and node failures) keeps the invariants that
/// must hold at any scale: no node is ever over-committed, every pod is accounted for, and the
/// record stream is in time order.
@Suite struct EnvelopeInvariantTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Checks, at every record, that bound non-terminal pods fit their node's allocatable.
    final class InvariantChecker: ClusterRecordSink {
        var requested: [NodeID: (cpu: Int64, memory: Int64, pods: Int)] = [:]
        var counted: Set<PodID> = []
        var lastTime = SimulationTime.zero
        var violations: [String] = []
        var records = 0

        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            records += 1
            if cluster.now < lastTime { violations.append("record at \(cluster.now) after \(lastTime)") }
            lastTime = cluster.now
            let pod: PodID
            switch record {
            case .podUpdated(let id), .podRemoved(let id): pod = id
            default: return
            }
            let object = cluster.api[pod]
            let occupies = object.nodeID != nil && !object.isRemoved && !object.isTerminal
            if occupies && !counted.contains(pod), let node = object.nodeID {
                counted.insert(pod)
                var total = requested[node] ?? (0, 0, 0)
                let request = Self.request(object.pod)
                total.cpu += request.cpu
                total.memory += request.memory
                total.pods += 1
                requested[node] = total
                let allocatable = cluster.api[node].node.status.allocatable
                let cpu = allocatable["cpu"]?.milliValue ?? 0
                let memory = allocatable["memory"]?.milliValue ?? 0
                let pods = Int((allocatable["pods"]?.milliValue ?? 0) / 1000)
                if total.cpu > cpu || total.memory > memory || total.pods > pods {
                    violations.append("\(cluster.api[node].name) over-committed at \(cluster.now): \(total)")
                }
            } else if !occupies && counted.contains(pod), let node = object.nodeID {
                counted.remove(pod)
                let request = Self.request(object.pod)
                requested[node]!.cpu -= request.cpu
                requested[node]!.memory -= request.memory
                requested[node]!.pods -= 1
            }
        }

        static func request(_ pod: Pod) -> (cpu: Int64, memory: Int64) {
            var cpu: Int64 = 0
            var memory: Int64 = 0
            for container in pod.spec.containers {
                cpu += container.resources.requests["cpu"]?.milliValue ?? 0
                memory += container.resources.requests["memory"]?.milliValue ?? 0
            }
            return (cpu, memory)
        }
    }

    @Test("200 nodes, ~6,000 pods, 1 hour: invariants hold")
    func scaledDownEnvelope() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kubesim-envelope-\(UUID().uuidString)")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = [
            "python3", Self.root.appendingPathComponent("scripts/generate-envelope").path, "200",
            directory.path, "--hours", "1",
        ]
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0, "scripts/generate-envelope failed")

        let input = ScenarioInput.load(paths: [directory.path])
        #expect(!input.hasErrors, "\(input.diagnostics.map(\.description))")
        let runner = ScenarioRunner(input: input)
        let checker = InvariantChecker()
        runner.cluster.addSink(checker)
        let ending = runner.run()
        #expect(ending == .durationElapsed)
        #expect(checker.violations.isEmpty, "\(checker.violations.prefix(5))")
        #expect(checker.records > 10_000)

        let pods = runner.cluster.api.pods
        #expect(pods.count > 4_000, "Deployments, Jobs and arrivals created pods (\(pods.count))")
        #expect(runner.cluster.api.nodes.count == 200)
        // The scheduler's cache agrees with the API store: on every node it counts exactly the
        // pods the store has bound there and not yet finished (removed or terminal).
        var bound = [[Int]](repeating: [], count: runner.cluster.api.nodes.count)
        for pod in pods where !pod.isRemoved && !pod.isTerminal {
            guard let node = pod.nodeID else { continue }
            bound[node.value].append(pod.id.value)
        }
        #expect(bound.map(\.count).reduce(0, +) > 3_000)
        for node in runner.cluster.api.nodes {
            let cached = try #require(runner.cluster.scheduler.nodeInfo(node.id)).pods.map(\.value).sorted()
            #expect(cached == bound[node.id.value].sorted(), "node \(node.name): cache and store disagree")
        }
    }
}
