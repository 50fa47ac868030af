import ClusterComponents
import Foundation
import KubeModel
import Testing

@testable import Scenarios

/// An HPA driven by `spec.traffic` end to end, and the load-time checks of autoscaling input.
@Suite struct HorizontalPodAutoscalerScenarioTests {
    static func write(_ text: String, name: String) throws -> String {
        try TestFiles.write(text, name: name, suite: "hpa")
    }

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - {name: app, image: "web:1", resources: {requests: {cpu: 500m}}}
        """

    static let autoscaler = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 20
          metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
        """

    /// 100 req/s all along, 300 req/s from 10 to 20 min; 10m CPU per request/s; images cached.
    static let stepScenario = """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: hpa-step}
        spec:
          duration: 30m
          timing: ideal  # hand-computed times: no API or node-side latencies
          nodes:
            - {name: worker, count: 4, capacity: {cpu: "16", memory: 64Gi, pods: "110"}, images: [web:1]}
          behaviors:
            - match: {labels: {app: web}}
              cpu: {base: 0, perRequest: 10m}
          traffic:
            - {name: base, selector: {app: web}, rate: 100}
            - {name: peak, selector: {app: web}, rate: 200, from: 10m, until: 20m}
        """

    /// Runs a scenario with the Deployment and the HPA; the (time, size) of every `SuccessfulRescale`.
    static func rescales(_ scenario: String, name: String) throws -> (rescales: [(Int, Int)], runner: ScenarioRunner) {
        let path = try Self.write(
            [scenario, Self.deployment, Self.autoscaler].joined(separator: "\n---\n"), name: name)
        let input = ScenarioInput.load(paths: [path])
        #expect(input.diagnostics.filter { $0.severity == .error }.isEmpty, "\(input.diagnostics)")
        let runner = ScenarioRunner(input: input)
        final class Recorder: ClusterRecordSink {
            var rescales: [(Int, Int)] = []
            func consume(_ record: ClusterRecord, in cluster: ClusterView) {
                guard case .event(let event) = record, event.reason == "SuccessfulRescale" else { return }
                let size = Int(event.message.split(separator: ";")[0].split(separator: " ").last!)!
                rescales.append((Int(cluster.now.seconds), size))
            }
        }
        let recorder = Recorder()
        runner.cluster.addSink(recorder)
        _ = runner.run()
        return (recorder.rescales, runner)
    }

    @Test("a step of load: replicas follow ceil(current × utilization / target), late by the metrics pipeline")
    func stepLoad() throws {
        let (rescales, runner) = try Self.rescales(Self.stepScenario, name: "step.yaml")
        // Hand computation (HPA syncs every 15 s from t = 15; metrics-server scrapes at the same
        // instants after them; a pod's CPU is the mean of its last two scrapes; 250m per pod is
        // the 50% target, so 100 req/s needs 4 pods and 300 req/s needs 12):
        //  45 s: scrapes 15 and 30 see 2 pods × 50 req/s = 500m (100%) → ceil(2 × 2) = 4.
        // 615 s: old pods avg(250m at 585, 750m at 600) = 500m → 2.0 → 8 (limit 2 × 4 = 8).
        // 630 s: 4 old pods avg(750, 375) = 562m; 4 new ones missing (0 on a scale-up):
        //        2248 / 4000 = 56% → 1.12 → ceil(8.96) = 9.
        // 645 s: 8 pods avg(375, 333) = 354m, 1 missing: 2832 / 4500 = 62% → 1.24 → ceil(11.16) = 12.
        // 1515 s: the load fell at 1200 s; the last recommendation of 12 (1200 s) leaves the
        //        300 s window; the highest left is 8 (1215 s: avg(83, 250) = 166m → 0.66 × 12).
        // 1530 s: 1215 s leaves the window; the rest say 4.
        #expect(rescales.map(\.0) == [45, 615, 630, 645, 1515, 1530])
        #expect(rescales.map(\.1) == [4, 8, 9, 12, 8, 4])
        let hpa = try #require(runner.cluster.controllers.workloads.horizontalPodAutoscalers.first)
        #expect(hpa.observedMax == 12)
        #expect(hpa.observedSyncs == 120)
    }

    @Test("the same step of load from a rate trace gives the same rescales; a bad trace row is named by file:line")
    func stepLoadFromTrace() throws {
        let dir = try TestFiles.folder("hpa")
        // 100 req/s, 300 from 10 min, 100 again from 20 min: the step scenario's two entries.
        try "t,requests\n0,100\n600,300\n20m,100\n".write(
            toFile: dir + "/rates.csv", atomically: true, encoding: .utf8)
        let traced = Self.stepScenario.replacingOccurrences(
            of: """
                    - {name: base, selector: {app: web}, rate: 100}
                    - {name: peak, selector: {app: web}, rate: 200, from: 10m, until: 20m}
                """,
            with: """
                    - {name: recorded, selector: {app: web}, rate: {trace: {file: rates.csv, column: requests}}}
                """)
        #expect(traced != Self.stepScenario)
        let (fromTrace, _) = try Self.rescales(traced, name: "traced.yaml")
        let (fromSteps, _) = try Self.rescales(Self.stepScenario, name: "steps.yaml")
        #expect(fromTrace.map(\.0) == fromSteps.map(\.0))
        #expect(fromTrace.map(\.1) == fromSteps.map(\.1))
        #expect(fromTrace.count == 6)

        try "t,requests\n0,100\n600,300\n600,100\n".write(
            toFile: dir + "/bad-rates.csv", atomically: true, encoding: .utf8)
        let bad = traced.replacingOccurrences(of: "file: rates.csv", with: "file: bad-rates.csv")
        let path = try Self.write(bad, name: "bad-trace.yaml")
        let input = ScenarioInput.load(paths: [path])
        let error = try #require(input.diagnostics.first { $0.severity == .error })
        #expect(error.description.contains("bad-rates.csv:4: t must increase from row to row"), "\(error)")
        #expect(error.description.contains("spec.traffic[0].rate.trace.file"), "\(error)")
        let wrongColumn = traced.replacingOccurrences(of: "column: requests", with: "column: rps")
        let wrong = ScenarioInput.load(paths: [try Self.write(wrongColumn, name: "column.yaml")])
        let columnError = try #require(wrong.diagnostics.first { $0.severity == .error })
        #expect(
            columnError.description.contains("no such column in rates.csv (columns: t, requests)"), "\(columnError)")
    }

    @Test("minReplicas above maxReplicas is an error with its line")
    func minAboveMax() throws {
        let bad = Self.autoscaler.replacingOccurrences(of: "maxReplicas: 20", with: "minReplicas: 5\n  maxReplicas: 3")
        let path = try Self.write([Self.deployment, bad].joined(separator: "\n---\n"), name: "minmax.yaml")
        let input = ScenarioInput.load(paths: [path])
        let error = try #require(input.diagnostics.first { $0.severity == .error })
        #expect(error.description.contains("minmax.yaml:"))
        #expect(
            error.description.contains(
                "spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`"))
        #expect(error.location.line == 19)
    }

    @Test("an HPA naming a missing Deployment is an error at the autoscaler's line")
    func missingTarget() throws {
        let bad = Self.autoscaler.replacingOccurrences(of: "name: web}", with: "name: webb}")
        let path = try Self.write([Self.deployment, bad].joined(separator: "\n---\n"), name: "target.yaml")
        let input = ScenarioInput.load(paths: [path])
        let error = try #require(input.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("no Deployment \"webb\" in namespace \"default\""))
        #expect(error.location.file.hasSuffix("target.yaml"))
        // The document's start: the loader places a document at its `---` separator.
        #expect(error.location.line == 13)
    }

    @Test("a traffic selector that matches nothing is a warning at the selector's line")
    func trafficMatchesNothing() throws {
        let scenario = Self.stepScenario.replacingOccurrences(
            of: "{name: peak, selector: {app: web}", with: "{name: peak, selector: {app: api}")
        let path = try Self.write([scenario, Self.deployment].joined(separator: "\n---\n"), name: "traffic.yaml")
        let input = ScenarioInput.load(paths: [path])
        #expect(input.diagnostics.filter { $0.severity == .error }.isEmpty)
        let warning = try #require(input.diagnostics.first { $0.severity == .warning })
        #expect(warning.message.contains("spec.traffic[1].selector"))
        #expect(warning.message.contains("traffic \"peak\""))
        #expect(warning.location.line == 14)
    }

    @Test("traffic and cpu keys are checked: unknown keys warn, bad values are errors")
    func trafficDecoding() throws {
        let scenario = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: bad}
            spec:
              behaviors:
                - match: {labels: {app: web}}
                  cpu: {base: -1, perRequest: 10m}
              traffic:
                - {name: a, selector: {app: web}, rate: {diurnal: {mean: 10, amplitude: 2}}}
                - {name: b, selector: {app: web}}
                - {name: c, selector: {app: web}, rate: 5, from: 10m, until: 5m}
            """
        let path = try Self.write([scenario, Self.deployment].joined(separator: "\n---\n"), name: "decode.yaml")
        let messages = ScenarioInput.load(paths: [path]).diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains { $0.contains("spec.behaviors[0].cpu.base") && $0.contains("must be non-negative") })
        #expect(messages.contains { $0.contains("spec.traffic[0].rate.diurnal.amplitude") })
        #expect(messages.contains { $0.contains("spec.traffic[1].rate: Required value") })
        #expect(messages.contains { $0.contains("spec.traffic[2].until") && $0.contains("later than from") })
    }
}
