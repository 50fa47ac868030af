import ClusterComponents
import Scenarios
import Stochastics
import Testing

/// The keys of realistic timing: client rate limits under their real configuration names, the
/// costs as distributions, and clear errors for bad values.
@Suite struct RealisticTimingDecodingTests {
    static func decode(_ spec: String) -> (Scenario, [String]) {
        let yaml = "apiVersion: kubesim/v1alpha1\nkind: Scenario\nmetadata: {name: t}\nspec:\n" + spec
        let result = ScenarioDecoder.decode(text: yaml, fileName: "t.yaml")
        let sorted = result.diagnostics.sorted { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
        return (result.scenario, sorted.map(\.description))
    }

    @Test("a scenario that does not say runs realistic with the calibrated costs")
    func defaults() {
        let (scenario, problems) = Self.decode("  seed: 1\n")
        #expect(problems.isEmpty)
        #expect(scenario.timing == .realistic)
        #expect(scenario.realisticTiming == RealisticTiming())
        #expect(scenario.schedulerClientQPS == nil && scenario.controllerManagerQPS == nil)
    }

    @Test("rate limits and costs are read under their names")
    func settings() {
        let (scenario, problems) = Self.decode(
            """
              scheduler: {clientConnection: {qps: 100, burst: 200}}
              controllerManager: {kubeAPIQPS: 50, kubeAPIBurst: 75}
              realisticTiming:
                podSandboxSetup: {lognormal: {median: 1s, sigma: 0.5}}
                apiRequestLatency: 20ms
              nodes:
              - {name: w, count: 1, capacity: {cpu: "1", memory: 1Gi, pods: "10"}, kubelet: {kubeAPIQPS: 5, kubeAPIBurst: 10}}

            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(scenario.schedulerClientQPS == 100)
        #expect(scenario.schedulerClientBurst == 200)
        #expect(scenario.controllerManagerQPS == 50)
        #expect(scenario.controllerManagerBurst == 75)
        #expect(scenario.realisticTiming.podSandboxSetup == .lognormal(median: 1, sigma: 0.5))
        #expect(scenario.realisticTiming.apiRequestLatency == .constant(0.02))
        #expect(scenario.realisticTiming.containerStart == RealisticTiming().containerStart)
        #expect(scenario.nodePools?.first?.kubelet.kubeAPIQPS == 5)
        #expect(scenario.nodePools?.first?.kubelet.kubeAPIBurst == 10)
    }

    @Test("a zero QPS, a zero burst and an unknown cost are reported with their lines")
    func errors() {
        let (_, problems) = Self.decode(
            """
              controllerManager: {kubeAPIQPS: 0}
              scheduler: {clientConnection: {burst: 0}}
              realisticTiming: {pleg: 1s}

            """)
        #expect(
            problems == [
                "t.yaml:5: Scenario \"t\": spec.controllerManager.kubeAPIQPS: Invalid value: \"0\": must be positive, or negative for no rate limit",
                "t.yaml:6: Scenario \"t\": spec.scheduler.clientConnection.burst: Invalid value: 0: must be greater than or equal to 1",
                "t.yaml:7: warning: Scenario \"t\": unknown field \"spec.realisticTiming.pleg\"",
            ])
    }
}
