import Foundation
import Scenarios
import SimulationOutput
import Testing

/// `latency.binding` in summary.json: the scheduler's binding duration, from the start of the
/// binding cycle to the API's success (the Bind extension point's wait for the client rate
/// limiter and the POST).
@Suite struct BindingDurationTests {
    /// Runs a scenario given as text and returns its latencies.
    static func latencies(_ text: String) throws -> RunSummary.Latencies {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("scenario.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let input = ScenarioInput.load(paths: [file.path])
        #expect(input.diagnostics.filter { $0.severity == .error }.isEmpty)
        let runner = ScenarioRunner(input: input)
        let outputs = try RunOutputs(directory: nil, scenarioName: input.scenario.name, options: .summaryOnly)
        outputs.attach(to: runner.cluster)
        _ = runner.run()
        return try outputs.finish(cluster: runner.cluster, wallSeconds: 0).summary.latency
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
        let binding = try #require(try Self.latencies(Self.scenario(timing: "realistic")).binding)
        #expect(binding.count == 3)
        #expect(abs(binding.min - 0.010) < 1e-6, "min \(binding.min)")
        #expect(abs(binding.mean - (0.010 + 1.009 + 2.008) / 3) < 1e-3, "mean \(binding.mean)")
        let max = try #require(binding.max)
        #expect(abs(max - 2.008) < 1e-6, "max \(max)")
    }

    @Test("under ideal timing bindings take no time and the summary has no binding entry")
    func idealHasNone() throws {
        let latencies = try Self.latencies(Self.scenario(timing: "ideal"))
        #expect(latencies.scheduling.count == 3)
        #expect(latencies.binding == nil)
    }
}
