import Foundation
import KubeModel
import Scenarios
import SimulationCore
import Stochastics
import Testing

@Suite struct TraceReplayTests {
    static let traceDirectory = "/work/shared/traces/alibaba-gpu-v2023"
    static let defaultTrace = traceDirectory + "/openb_pod_list_default.csv"

    static let sample = """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0
        openb-pod-0002,88000,327680,8,1000,V100M16|V100M32,LS,Running,500,1500,500
        openb-pod-0001,6000,12288,1,460,,LS,Running,427,12902960,427
        openb-pod-0003,4000,8192,0,0,,BE,Failed,900,,900
        """

    static func workload(count: Int? = nil, until: SimulationDuration? = nil, timeScale: Double = 1) -> Workload {
        let template = PodTemplateSpec(
            metadata: ObjectMeta(name: "gpu", labels: ["app": "trace"]),
            spec: PodSpec(containers: [Container(name: "main", image: "tensorflow:latest")]))
        return Workload(
            name: "trace", template: .podTemplate(template),
            arrivals: .trace(TraceSpec(file: "t.csv", timeScale: timeScale)), count: count, until: until)
    }

    @Test func replaysCreationTimesRequestsAndLifetimes() throws {
        let trace = try OpenBTrace(csv: Self.sample, fileName: "t.csv")
        #expect(trace.records.map(\.name) == ["openb-pod-0000", "openb-pod-0001", "openb-pod-0002", "openb-pod-0003"])
        let generator = WorkloadGenerator(
            workload: Self.workload(timeScale: 0.5),
            prototype: Pod(
                metadata: ObjectMeta(name: "gpu"), spec: PodSpec(containers: [Container(name: "main", image: "tf")])),
            trace: trace, streams: RandomStreams(seed: 1))
        var arrivals: [WorkloadArrival] = []
        while let arrival = generator.next() { arrivals.append(arrival) }
        // Creation times 0, 427, 500, 900 s, halved.
        #expect(
            arrivals.map(\.time) == [.zero, SimulationTime(nanoseconds: 213_500_000_000), .seconds(250), .seconds(450)])
        #expect(arrivals.map { $0.pod.metadata.name } == ["gpu-0", "gpu-1", "gpu-2", "gpu-3"])
        // Lifetimes: deletion − creation, halved; none for the row without a deletion time.
        #expect(
            arrivals.map(\.lifetime) == [
                .seconds(6_268_748), .seconds(6_451_266) + .milliseconds(500), .seconds(500), nil,
            ])
        let big = arrivals[2].pod
        #expect(big.spec.containers[0].resources.requests["cpu"] == Quantity("88"))
        #expect(big.spec.containers[0].resources.requests["memory"] == Quantity("320Gi"))
        #expect(big.spec.containers[0].resources.limits["memory"] == Quantity("320Gi"))
        #expect(big.metadata.annotations?["alibabacloud.com/gpu-count"] == "8")
        #expect(big.metadata.annotations?["alibabacloud.com/gpu-milli"] == "1000")
        #expect(big.metadata.annotations?["alibabacloud.com/gpu-card-model"] == "V100M16|V100M32")
        #expect(big.metadata.annotations?["kubesim.io/trace-name"] == "openb-pod-0002")
        #expect(arrivals[1].pod.metadata.annotations?["alibabacloud.com/gpu-milli"] == "460")
        #expect(arrivals[3].pod.metadata.annotations?["alibabacloud.com/gpu-count"] == nil)
    }

    @Test func countAndUntilBoundTheReplay() throws {
        let trace = try OpenBTrace(csv: Self.sample, fileName: "t.csv")
        let prototype = Pod(
            metadata: ObjectMeta(name: "p"), spec: PodSpec(containers: [Container(name: "c", image: "x")]))
        let counted = WorkloadGenerator(
            workload: Self.workload(count: 2), prototype: prototype, trace: trace,
            streams: RandomStreams(seed: 1))
        var n = 0
        while counted.next() != nil { n += 1 }
        #expect(n == 2)
        let timed = WorkloadGenerator(
            workload: Self.workload(until: .seconds(500)), prototype: prototype, trace: trace,
            streams: RandomStreams(seed: 1))
        var times: [SimulationTime] = []
        while let arrival = timed.next() { times.append(arrival.time) }
        #expect(times == [.zero, .seconds(427)])  // 500 s is not before `until`
    }

    @Test func badTraceRowsAreReportedWithTheirLine() {
        let text = "name,cpu_milli,memory_mib,creation_time\np,1000,10,5\nq,lots,10,6\n"
        #expect(
            throws: OpenBTrace.ParseError(
                file: "bad.csv", line: 3, field: "cpu_milli",
                reason: "Invalid value: \"lots\": must be a non-negative integer")
        ) {
            try OpenBTrace(csv: text, fileName: "bad.csv")
        }
    }

    /// The one set of openb pod-row rules, which `kubesim bench fgd` shares: each bad row is named by its line
    /// and column.
    @Test(arguments: [
        ("p,1000,10,9,1000,", "num_gpu", "Invalid value: \"9\": must be no greater than 8"),
        ("p,1000,10,1,0,", "gpu_milli", "Required value: a pod with num_gpu 1 asks 1…1000 milli-GPU"),
        ("p,1000,10,1,1001,", "gpu_milli", "Invalid value: \"1001\": must be no greater than 1000"),
        (
            "p,1000,10,2,500,", "gpu_milli",
            "Invalid value: \"500\": must be 1000 when num_gpu is 2 (only single-GPU pods share)"
        ),
        (",1000,10,0,0,", "name", "Required value"),
        (
            "p,100000001,10,0,0,", "cpu_milli",
            "Invalid value: \"100000001\": must be no greater than 100000000"
        ),
    ])
    func podRowRules(row: String, field: String, reason: String) {
        let text = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\nok,1,1,0,0,\n\(row)\n"
        #expect(throws: OpenBTrace.ParseError(file: "rows.csv", line: 3, field: field, reason: reason)) {
            try OpenBTrace(csv: text, fileName: "rows.csv")
        }
    }

    @Test("a row with more or fewer columns than the header is an error, not a silently dropped cell")
    func columnCount() {
        for row in ["p,1000,10,0,0,,extra", "p,1000,10"] {
            let text = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\n\(row)\n"
            #expect(throws: OpenBTrace.ParseError.self) { try OpenBTrace(csv: text, fileName: "rows.csv") }
        }
    }

    @Test("a CPU-only row keeps no GPU share or model constraint, as the artifact's pod_csv_to_yaml.py")
    func cpuOnlyRowsDropTheirGPUColumns() throws {
        let text = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\np,1000,10,0,500,T4\nq,1000,10,1,500,T4\n"
        let records = try OpenBTrace(csv: text, fileName: "rows.csv").records
        #expect(records[0].gpuMilli == 0 && records[0].gpuSpec.isEmpty)
        #expect(records[1].gpuMilli == 500 && records[1].gpuSpec == "T4")
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: TraceReplayTests.defaultTrace),
            "skipped: the openb trace is not at /work/shared/traces/alibaba-gpu-v2023"))
    func replaysTheRealTrace() throws {
        // Read creation times independently of OpenBTrace: column 9 of each row.
        let text = try String(contentsOfFile: Self.defaultTrace, encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst()
        let creationTimes = rows.map { Int64($0.split(separator: ",", omittingEmptySubsequences: false)[8])! }
        #expect(creationTimes.count == 8152)  // the README's row count

        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: openb}
            spec:
              workloads:
              - template: {inline: {metadata: {name: openb}, spec: {containers: [{name: main, image: "tensorflow:latest"}]}}}
                arrivals: {trace: {file: openb_pod_list_default.csv, format: openb}}
            """
        let decoded = ScenarioDecoder.decode(text: yaml, fileName: "openb.yaml", baseDirectory: Self.traceDirectory)
        #expect(decoded.diagnostics.isEmpty)
        #expect(ScenarioReferenceChecker.check(decoded.scenario, objects: []).isEmpty)
        let generator = try WorkloadGenerator.make(
            workload: decoded.scenario.workloads[0],
            baseDirectory: Self.traceDirectory, streams: RandomStreams(seed: 1))
        var times: [Int64] = []
        while let arrival = generator.next() { times.append(arrival.time.nanoseconds / 1_000_000_000) }
        #expect(times == creationTimes.sorted())
    }
}
