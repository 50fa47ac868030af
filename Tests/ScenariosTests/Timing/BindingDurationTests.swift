import Foundation
import Scenarios
import SimulationOutput
import Testing

/// `latency.binding` in summary.json: the scheduler's binding duration, from the start of the
/// binding cycle to the API's success (the Bind extension point's wait for the client rate
/// limiter and the POST).
@Suite struct BindingDurationTests {
    /// Runs a scenario given as text and returns its latencies and its `metrics.om`.
    static func run(_ text: String) throws -> (latency: RunSummary.Latencies, openMetrics: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("scenario.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let input = ScenarioInput.load(paths: [file.path])
        #expect(input.diagnostics.filter { $0.severity == .error }.isEmpty)
        let runner = ScenarioRunner(input: input)
        let out = directory.appendingPathComponent("out")
        let outputs = try RunOutputs(directory: out, scenarioName: input.scenario.name, options: OutputOptions())
        outputs.attach(to: runner.cluster)
        _ = runner.run()
        let latency = try outputs.finish(cluster: runner.cluster, wallSeconds: 0).summary.latency
        let text = try String(contentsOf: out.appendingPathComponent("metrics.om"), encoding: .utf8)
        return (latency, text)
    }

    /// The last sample of a series of `metrics.om` (`name{labels} value timestamp`).
    static func lastValue(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").last { $0.hasPrefix(series + " ") }.flatMap { line in
            Double(line.split(separator: " ")[1])
        }
    }

    static func scenario(timing: String) -> String {
        """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: binding}
        spec:
          seed: 1
          timing: \(timing)
          scheduler: {clientConnection: {qps: 1, burst: 1}}
          realisticTiming: {apiRequestLatency: 10ms, schedulingCycle: 1ms, watchDelay: 2ms}
          nodes:
          - {name: w, count: 1, capacity: {cpu: "4", memory: 4Gi, pods: "10"}}
          workloads:
          - name: p
            template:
              inline: {apiVersion: v1, kind: Pod, metadata: {generateName: p-}, spec: {containers: [{name: c, image: pause}]}}
            arrivals: {at: [0s, 0s, 0s]}

        """
    }

    /// Three pods created at 0 s, constant costs, a scheduler client of 1 QPS and burst 1. The
    /// informer sees them at 2 ms; the cycles run 2–3, 3–4 and 4–5 ms, each binding starting
    /// when its cycle ends. The first POST takes the bucket's one token at 3 ms and returns at
    /// 13 ms: 10 ms. The next tokens come 1 s apart, at 1.003 s and 2.003 s, so the second
    /// binding lasts 1.013 − 0.004 = 1.009 s and the third 2.013 − 0.005 = 2.008 s.
    @Test("bindings wait for the scheduler's client rate limiter: 10 ms, 1.009 s and 2.008 s")
    func throttledBindings() throws {
        let run = try Self.run(Self.scenario(timing: "realistic"))
        let binding = try #require(run.latency.binding)
        #expect(binding.count == 3)
        #expect(abs(binding.min - 0.010) < 1e-6, "min \(binding.min)")
        #expect(abs(binding.mean - (0.010 + 1.009 + 2.008) / 3) < 1e-3, "mean \(binding.mean)")
        let max = try #require(binding.max)
        #expect(abs(max - 2.008) < 1e-6, "max \(max)")
        // The same three in kube-scheduler's Bind histogram: 10 ms is in the 12.8-ms bucket
        // (0.1 ms × 2^7), the others above its last bound of 204.8 ms.
        let series = "scheduler_framework_extension_point_duration_seconds"
        let labels =
            "{extension_point=\"Bind\",profile=\"default-scheduler\",status=\"Success\",job=\"kube-scheduler\""
        #expect(Self.lastValue(run.openMetrics, series + "_count" + labels + "}") == 3)
        #expect(Self.lastValue(run.openMetrics, series + "_bucket" + labels + ",le=\"0.0064\"}") == 0)
        #expect(Self.lastValue(run.openMetrics, series + "_bucket" + labels + ",le=\"0.0128\"}") == 1)
        #expect(Self.lastValue(run.openMetrics, series + "_bucket" + labels + ",le=\"0.2048\"}") == 1)
        let sum = try #require(Self.lastValue(run.openMetrics, series + "_sum" + labels + "}"))
        #expect(abs(sum - (0.010 + 1.009 + 2.008)) < 1e-6, "sum \(sum)")
    }

    @Test("under ideal timing bindings take no time: no binding entry in the summary, no Bind histogram")
    func idealHasNone() throws {
        let run = try Self.run(Self.scenario(timing: "ideal"))
        #expect(run.latency.scheduling.count == 3)
        #expect(run.latency.binding == nil)
        #expect(!run.openMetrics.contains("scheduler_framework_extension_point_duration_seconds"))
        #expect(run.openMetrics.contains("scheduler_pod_scheduling_sli_duration_seconds"))
    }
}
