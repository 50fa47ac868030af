import Foundation
import Scenarios
import Testing

@testable import Experiments

/// The metric vector of a run, on hand-computed cases.
@Suite struct MetricCatalogTests {
    /// One pool of 4-CPU nodes that the Cluster Autoscaler may grow to 4, and `replicas` pods
    /// of 1.5 CPU (two fit a node), for 5 minutes under ideal timing.
    static func autoscaledRun(replicas: Int) throws -> [Double] {
        let text = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: wait}
            spec:
              duration: 5m
              timing: ideal
              nodes:
                - {name: pool, count: 1, capacity: {cpu: "4", memory: 16Gi}, images: ["app:1"],
                   autoscaling: {min: 1, max: 4, provisionTime: 60s, pricePerHour: 0.2}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              replicas: \(replicas)
              selector: {matchLabels: {app: app}}
              template:
                metadata: {labels: {app: app}}
                spec:
                  containers:
                    - {name: app, image: "app:1", resources: {requests: {cpu: "1500m", memory: 1Gi}}}
            """
        let path = try TestScenario.write(text)
        let input = ScenarioInput.load(paths: [path])
        #expect(!input.hasErrors, "\(input.diagnostics)")
        let outcome = ScenarioRun.run(RunConfiguration(input: input), seed: 1)
        #expect(outcome.status == .completed, "\(outcome.message)")
        return outcome.metrics
    }

    @Test("scale-up wait p99: the pods' wait when a scale-up ran, NaN when none did")
    func scaleUpWait() throws {
        let p99 = try #require(MetricCatalog.index(of: "scaleUpWait.p99"))
        // Three of five pods wait: the scan at 10 s adds two nodes, Ready at 70 s (the scenario
        // test's hand-computed case); their wait is 70 s.
        let scaled = try Self.autoscaledRun(replicas: 5)
        #expect(scaled[p99] == 70)
        // Two pods fit the first node: nothing scales up, and there is no wait to report.
        let unscaled = try Self.autoscaledRun(replicas: 2)
        #expect(unscaled[p99].isNaN)
    }
}
