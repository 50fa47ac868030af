import Foundation
import Testing

/// Node Allocatable = capacity − kubeReserved − systemReserved − hard eviction thresholds, as
/// the kubelet computes it (pkg/kubelet/cm/node_container_manager_linux.go), through the CLI.
@Suite struct NodeReservationsCLITests {
    /// A 4 CPU / 16 GiB pool with the given kubelet block, and one pod requesting `memory`.
    static func scenario(kubelet: String, memory: String) throws -> URL {
        try APIServerCLITests.scenario(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: big}
            spec:
              containers:
              - {name: app, image: nginx:1.27, resources: {requests: {cpu: 100m, memory: \(memory)}}}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: reservations}
            spec:
              duration: 1m
              timing: ideal
              nodes:
              - name: worker
                count: 1
                capacity: {cpu: "4", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi}
                kubelet: \(kubelet)
            """)
    }

    static func allocatable(_ directory: URL) throws -> [String: Double] {
        let out = directory.appendingPathComponent("out")
        let run = try CLITests.kubesim(["run", directory.path, "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                as? [String: Any])
        let cluster = try #require((summary["utilization"] as? [String: Any])?["cluster"] as? [String: Any])
        var result: [String: Double] = [:]
        for (name, value) in cluster {
            result[name] = (value as? [String: Any])?["allocatableAtEnd"] as? Double
        }
        return result
    }

    @Test("reservations and eviction thresholds come off capacity; a pod fits exactly the rest")
    func reservationsShrinkAllocatable() throws {
        let kubelet =
            "{kubeReserved: {cpu: 80m, memory: 2662Mi}, systemReserved: {memory: 100Mi}, evictionHard: {memory.available: 200Mi, nodefs.available: 5%}}"
        // 16384 Mi − 2662 − 100 − 200 = 13422 Mi; 100 Gi − 5 %.
        let fits = try Self.scenario(kubelet: kubelet, memory: "13422Mi")
        let allocatable = try Self.allocatable(fits)
        #expect(abs((allocatable["memory"] ?? 0) - 13422 * 1_048_576) < 1)
        #expect(allocatable["cpu"] == 3.92)
        #expect(abs((allocatable["ephemeral-storage"] ?? 0) - 0.95 * 100 * 1_073_741_824) < 1)
        #expect(try APIServerCLITests.get("pods", fits, at: "30s").contains("Running"))
        let tooBig = try Self.scenario(kubelet: kubelet, memory: "13423Mi")
        #expect(try APIServerCLITests.get("pods", tooBig, at: "30s").contains("Pending"))
    }

    @Test("without a kubelet block the kubelet's default hard eviction thresholds apply (100Mi, nodefs 10%)")
    func defaultEvictionThresholds() throws {
        let directory = try Self.scenario(kubelet: "{}", memory: "1Gi")
        let allocatable = try Self.allocatable(directory)
        #expect(abs((allocatable["memory"] ?? 0) - (16384 - 100) * 1_048_576) < 1)
        #expect(allocatable["cpu"] == 4)
        #expect(abs((allocatable["ephemeral-storage"] ?? 0) - 0.9 * 100 * 1_073_741_824) < 1)
    }

    @Test("a bad eviction threshold is an error with its field")
    func badThreshold() throws {
        let directory = try Self.scenario(kubelet: "{evictionHard: {memory.available: 150%}}", memory: "1Gi")
        let validate = try CLITests.kubesim(["validate", directory.path])
        #expect(validate.status == 1)
        #expect(
            (validate.stdout + validate.stderr).contains(
                "spec.nodes[0].kubelet.evictionHard.memory.available: Invalid value: \"150%\""),
            "\(validate.stdout)\(validate.stderr)")
    }

    @Test("describe node shows capacity, allocatable after reservations, and requests against allocatable")
    func describeNode() throws {
        let kubelet = "{kubeReserved: {cpu: 80m, memory: 2662Mi}, systemReserved: {memory: 100Mi}}"
        let directory = try Self.scenario(kubelet: kubelet, memory: "6811Mi")
        let outcome = try CLITests.kubesim(["describe", "node", "worker-0", directory.path, "--at", "30s"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = outcome.stdout
        let capacity = try #require(text.components(separatedBy: "Capacity:").last)
        let allocatable = try #require(capacity.components(separatedBy: "Allocatable:").last)
        #expect(capacity.contains("memory:             16Gi"))
        // 16384 Mi − 2662 − 100 − the default 100Mi eviction threshold = 13522 Mi.
        #expect(allocatable.contains("memory:             13522Mi"), "\(text)")
        #expect(allocatable.contains("cpu:                3920m"))
        // 6811 Mi of 13522 Mi is 50 %; 100m of 3920m is 2 %.
        #expect(text.contains("6811Mi (50%)"), "\(text)")
        #expect(text.contains("100m (2%)"))
        let missing = try CLITests.kubesim(["describe", "node", "nosuch", directory.path, "--at", "30s"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Error from server (NotFound): nodes \"nosuch\" not found"))
    }
}
