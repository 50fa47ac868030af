import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Testing

@testable import Scenarios

/// Node lists (`spec.nodes[i].from`), per-device GPU accounting end to end through a scenario,
/// and a replay of the real openb trace when it is present.
@Suite struct GPUTraceReplayTests {
    static let nodeCSV = """
        sn,cpu_milli,memory_mib,gpu,model
        openb-node-0000,32000,262144,0,
        openb-node-0001,16000,65536,2,T4
        """

    /// A fresh directory with `files` written into it.
    static func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-gpu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url
    }

    static func scenario(nodes: String = "{file: nodes.csv, format: openb}", extra: String = "") -> String {
        """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: gpu}
        spec:
          seed: 1
          duration: 10m
          nodes:
          - name: openb
            from: \(nodes)
          workloads:
          - name: task
            template: {inline: {metadata: {name: task}, spec: {containers: [{name: main, image: app:1}]}}}
            arrivals: {trace: {file: pods.csv, format: openb}}
        \(extra)
        """
    }

    @Test("an openb node list parses into named nodes with CPU, memory, GPU count and model")
    func parsesNodeList() throws {
        let list = try OpenBNodeList(csv: Self.nodeCSV, fileName: "nodes.csv")
        #expect(list.records.map(\.name) == ["openb-node-0000", "openb-node-0001"])
        let gpu = list.records[1].listedNode
        #expect(gpu.capacity["cpu"] == Quantity("16"))
        #expect(gpu.capacity["memory"] == Quantity("64Gi"))
        #expect(gpu.capacity[GPUShareKeys.count] == Quantity("2"))
        #expect(gpu.capacity[GPUShareKeys.milli] == Quantity("2000"))
        #expect(gpu.labels[GPUShareKeys.model] == "T4")
        let cpu = list.records[0].listedNode
        #expect(cpu.capacity[GPUShareKeys.count] == nil && cpu.labels.isEmpty)
    }

    @Test("a bad node row is reported as file:line: column: why")
    func reportsBadRows() throws {
        let bad = Self.nodeCSV + "\nopenb-node-0002,lots,1024,1,T4\n"
        #expect(throws: OpenBNodeList.ParseError.self) { try OpenBNodeList(csv: bad, fileName: "nodes.csv") }
        do {
            _ = try OpenBNodeList(csv: bad, fileName: "nodes.csv")
        } catch {
            #expect(
                error.description == "nodes.csv:4: cpu_milli: Invalid value: \"lots\": must be a non-negative integer")
        }
        let nine = Self.nodeCSV + "\nopenb-node-0002,1000,1024,9,T4\n"
        do {
            _ = try OpenBNodeList(csv: nine, fileName: "n.csv")
            Issue.record("9 GPUs accepted")
        } catch {
            #expect(error.description.hasPrefix("n.csv:4: gpu: Invalid value: \"9\""))
        }
        // Through a scenario: the diagnostic names the CSV's file and line.
        let directory = try Self.directory([
            "scenario.yaml": Self.scenario(), "nodes.csv": bad, "pods.csv": "name,cpu_milli,memory_mib\n",
        ])
        let input = ScenarioInput.load(paths: [directory.appendingPathComponent("scenario.yaml").path])
        let messages = input.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(
            messages.contains {
                $0.hasSuffix("nodes.csv:4: cpu_milli: Invalid value: \"lots\": must be a non-negative integer")
            }, "\(messages)")
    }

    @Test("nodes from the list, GPU shares packed per device, a deletion frees its device")
    func replaysEndToEnd() throws {
        // openb-node-0001 has 2 T4s. a (600) → device 0 → [400, 1000]; b (600) → device 1 → [400, 400];
        // c (500) fits no device (800 milli idle in total) and waits; a is deleted at 100 s, which
        // frees device 0 only: c goes there. v (V100M16 only) fits no node and stays Pending.
        let pods = """
            name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
            a,1000,1024,1,600,,LS,Running,0,100,0
            b,1000,1024,1,600,,LS,Running,10,,10
            c,1000,1024,1,500,,LS,Running,20,,20
            v,1000,1024,1,100,V100M16,LS,Running,30,,30
            """
        let directory = try Self.directory([
            "scenario.yaml": Self.scenario(), "nodes.csv": Self.nodeCSV, "pods.csv": pods,
        ])
        let input = ScenarioInput.load(paths: [directory.appendingPathComponent("scenario.yaml").path])
        #expect(!input.hasErrors, "\(input.diagnostics.map(\.description))")
        #expect(input.scenario.poolNodeNames == ["openb-node-0000", "openb-node-0001"])
        let runner = ScenarioRunner(input: input)
        _ = runner.run()
        let cluster = runner.cluster
        func pod(_ trace: String) -> PodObject? {
            cluster.api.pods.first { $0.pod.metadata.annotations?["kubesim.io/trace-name"] == trace }
        }
        let gpuNode = try #require(cluster.api.nodeID(named: "openb-node-0001"))
        #expect(cluster.api[gpuNode].node.metadata.labels?[GPUShareKeys.model] == "T4")
        #expect(pod("a")?.isRemoved == true)
        #expect(pod("b")?.nodeID == gpuNode)
        #expect(pod("b")?.pod.metadata.annotations?[GPUShareKeys.index] == "1")
        let c = try #require(pod("c"))
        #expect(c.nodeID == gpuNode)
        #expect(c.pod.metadata.annotations?[GPUShareKeys.index] == "0")
        #expect((c.boundAt ?? .zero) >= .zero + .seconds(100))
        #expect(pod("v")?.nodeID == nil)
        // Allocated at the end: b 600 + c 500 of 2000 milli-GPU.
        #expect(cluster.scheduler.gpuMilliUsage.allocated == 1100)
        #expect(cluster.scheduler.gpuMilliUsage.total == 2000)
    }

    @Test("`count` takes the first rows of a node list")
    func countLimitsTheList() throws {
        let directory = try Self.directory([
            "scenario.yaml": Self.scenario().replacingOccurrences(of: "    from:", with: "    count: 1\n    from:"),
            "nodes.csv": Self.nodeCSV, "pods.csv": "name,cpu_milli,memory_mib\n",
        ])
        let input = ScenarioInput.load(paths: [directory.appendingPathComponent("scenario.yaml").path])
        #expect(input.scenario.poolNodeNames == ["openb-node-0000"])
    }

    @Test("${VAR} in a file path expands from the environment; an unset one is named in a warning")
    func environmentPaths() throws {
        let directory = try Self.directory(["nodes.csv": Self.nodeCSV, "pods.csv": "name,cpu_milli,memory_mib\n"])
        setenv("KUBESIM_TEST_GPU_NODES", directory.path, 1)
        #expect(
            ScenarioReader.expandingEnvironment("${KUBESIM_TEST_GPU_NODES}/nodes.csv") == directory.path + "/nodes.csv")
        #expect(ScenarioReader.expandingEnvironment("$KUBESIM_TEST_GPU_NODES/x") == directory.path + "/x")
        #expect(
            ScenarioReader.expandingEnvironment("${KUBESIM_TEST_UNSET_VARIABLE}/x")
                == "${KUBESIM_TEST_UNSET_VARIABLE}/x")
        let scenario = Self.scenario(nodes: "{file: \"${KUBESIM_TEST_GPU_NODES}/nodes.csv\"}")
            .replacingOccurrences(of: "file: pods.csv", with: "file: \"${KUBESIM_TEST_UNSET_VARIABLE}/pods.csv\"")
        let elsewhere = try Self.directory(["scenario.yaml": scenario])
        let input = ScenarioInput.load(paths: [elsewhere.appendingPathComponent("scenario.yaml").path])
        #expect(input.scenario.poolNodeNames == ["openb-node-0000", "openb-node-0001"])
        let messages = input.diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.contains("warning") && $0.contains("environment variable KUBESIM_TEST_UNSET_VARIABLE is not set")
            }, "\(messages)")
        #expect(!messages.contains { $0.contains("KUBESIM_TEST_GPU_NODES") }, "\(messages)")
    }

    static let traceDirectory = BundledScenarioTests.root.deletingLastPathComponent()
        .appendingPathComponent("shared/traces/alibaba-gpu-v2023").path
    static let traceIsPresent = FileManager.default.fileExists(atPath: traceDirectory + "/openb_node_list_gpu_node.csv")

    @Test(
        "the real openb trace: 1,213 GPU nodes with 6,212 GPUs and 107,018 cores; no device over-committed",
        .enabled(if: traceIsPresent, "the openb trace is not at ../shared/traces/alibaba-gpu-v2023; skipped"))
    func realTraceSubset() throws {
        let scenario = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: openb}
            spec:
              seed: 1
              duration: 200h
              outputs: {sampleInterval: 1h}
              nodes:
              - from: {file: "\(Self.traceDirectory)/openb_node_list_gpu_node.csv", format: openb}
              workloads:
              - name: task
                template: {inline: {metadata: {name: task}, spec: {containers: [{name: main, image: app:1}]}}}
                arrivals: {trace: {file: "\(Self.traceDirectory)/openb_pod_list_gpuspec33.csv", format: openb}}
                count: 400
            ---
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            percentageOfNodesToScore: 100
            profiles:
            - schedulerName: default-scheduler
              plugins:
                score:
                  disabled: [{name: "*"}]
                  enabled: [{name: FGD, weight: 1}]
            """
        let directory = try Self.directory(["scenario.yaml": scenario])
        let input = ScenarioInput.load(paths: [directory.appendingPathComponent("scenario.yaml").path])
        #expect(!input.hasErrors, "\(input.diagnostics.map(\.description))")
        let runner = ScenarioRunner(input: input)
        _ = runner.run()
        let cluster = runner.cluster
        // The trace README: 1,213 GPU nodes, 6,212 GPUs, 107,018 CPU cores.
        #expect(cluster.api.nodes.count == 1213)
        #expect(cluster.scheduler.gpuMilliUsage.total == 6_212_000)
        let cores = cluster.api.nodes.reduce(Int64(0)) { $0 + ($1.node.status.capacity["cpu"]?.milliValue ?? 0) }
        #expect(cores == 107_018_000)
        // Every live GPU pod holds devices on a node of an allowed model, and no device holds
        // more than 1000 milli-GPU.
        var perDevice: [String: Int] = [:]
        var placed = 0
        for object in cluster.api.pods where !object.isRemoved && object.nodeID != nil && !object.isTerminal {
            let annotations = object.pod.metadata.annotations ?? [:]
            guard let milli = annotations[GPUShareKeys.milli].flatMap(Int.init), milli > 0 else { continue }
            let node = cluster.api[object.nodeID!].node
            if let spec = annotations[GPUShareKeys.model], !spec.isEmpty {
                let model = node.metadata.labels?[GPUShareKeys.model] ?? ""
                #expect(spec.split(separator: "|").map(String.init).contains(model), "\(object.name) on \(model)")
            }
            let devices = try #require(annotations[GPUShareKeys.index], "\(object.name) has no device")
            let count = Int(annotations[GPUShareKeys.count] ?? "1") ?? 1
            #expect(devices.split(separator: "-").count == count)
            for device in devices.split(separator: "-") {
                perDevice[node.metadata.name! + "/" + device, default: 0] += milli
            }
            placed += 1
        }
        #expect(placed > 0)
        #expect(perDevice.values.allSatisfy { $0 <= 1000 })
        let allocated = perDevice.values.reduce(0, +)
        #expect(Int64(allocated) == cluster.scheduler.gpuMilliUsage.allocated)
    }
}
