import Foundation
import Testing

@testable import Experiments

@Suite struct GPUTraceReaderTests {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fgd-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("pod rows: CPU-only pods drop their GPU columns; specs split on |; 5-column files read")
    func pods() throws {
        let path = try write(
            """
            name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos
            p0,8000,30517,0,0,,BE
            p1,6000,12288,1,460,P100|T4,LS
            """)
        let pods = try GPUTraceReader.readPods(at: path)
        #expect(pods.count == 2)
        #expect(pods[0].gpuMilli == 0 && pods[0].gpuSpec.isEmpty)
        #expect(pods[1].gpuSpec == ["P100", "T4"] && pods[1].isGPUShare)
        let short = try write("name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,10,8,1000\n")
        #expect(try GPUTraceReader.readPods(at: short).first?.totalGPUMilli == 8000)
    }

    @Test("a malformed row names the file and line")
    func malformed() throws {
        let path = try write("name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,10,1,500\np1,abc,10,0,0\n")
        #expect {
            _ = try GPUTraceReader.readPods(at: path)
        } throws: { error in
            (error as? GPUTraceError)?.description
                == "\(path):3: cpu_milli: Invalid value: \"abc\": must be a non-negative integer"
        }
        let multi = try write("name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,10,2,500\n")
        #expect(throws: GPUTraceError.self) { _ = try GPUTraceReader.readPods(at: multi) }
        let noModel = try write("sn,cpu_milli,memory_mib,gpu,model\nn0,1000,10,2,\n")
        #expect {
            _ = try GPUTraceReader.readNodes(at: noModel)
        } throws: { error in
            (error as? GPUTraceError)?.line == 2
        }
        let missing = try write("sn,cpu_milli,memory_mib,gpu\nn0,1000,10,2\n")
        #expect {
            _ = try GPUTraceReader.readNodes(at: missing)
        } throws: { error in
            (error as? GPUTraceError)?.field == "model" && (error as? GPUTraceError)?.line == 1
        }
    }
}

/// The real openb trace, when the shared copy is next to the checkout (`../shared/traces/alibaba-gpu-v2023`).
@Suite struct OpenBTraceFileTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/traces/alibaba-gpu-v2023")
    static let available = FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(GPUTraceReader.gpuNodeListFile).path)

    @Test(
        "the GPU node list has 1,213 nodes and 6,212 GPUs (trace README)",
        .enabled(if: available, "skipped: ../shared/traces/alibaba-gpu-v2023 is absent next to the checkout"))
    func gpuNodeList() throws {
        let nodes = try GPUTraceReader.readNodes(
            at: Self.directory.appendingPathComponent(GPUTraceReader.gpuNodeListFile).path)
        #expect(nodes.count == 1213)
        #expect(nodes.reduce(0) { $0 + $1.gpuCount } == 6212)
        #expect(nodes.reduce(0) { $0 + $1.cpuMilli } == 107_018_000)
    }

    @Test(
        "every paper pod list reads with the README's row counts",
        .enabled(if: available, "skipped: ../shared/traces/alibaba-gpu-v2023 is absent next to the checkout"))
    func podLists() throws {
        let expected = ["default": 8152, "cpu050": 7439, "gpushare100": 8152, "gpuspec33": 8152, "multigpu50": 9061]
        for name in GPUTraceReader.paperWorkloads {
            let pods = try GPUTraceReader.readPods(
                at: Self.directory.appendingPathComponent(GPUTraceReader.podListFile(workload: name)).path)
            #expect(pods.count == expected[name], "\(name)")
        }
    }
}
