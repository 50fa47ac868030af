import KubeModel
import Scenarios
import Testing

/// Every class of error, with its exact message and line, all reported in one pass.
@Suite struct ScenarioDiagnosticsTests {
    static func messages(_ yaml: String, file: String = "crashloop.yaml") -> [String] {
        ScenarioDecoder.decode(text: yaml, fileName: file).diagnostics
            .sorted { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
            .map(\.description)
    }

    @Test func everyProblemIsReportedWithItsLineAndPath() {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata:
              name: crashloop
            spec:
              duration: 1000000h
              kubernetesVersion: "1.20"
              timing: fast
              behaviors:
              - match: {pod: "crash-*"}
                runs:
                - {duration: 2s, exit: 1}
                - {duration: -2s}
                colour: red
              images:
              - name: big
                size: -5Gi
              workloads:
              - template: {file: w.yaml}
                arrivals: {poisson: {rate: 0/m}}
                count: -1
              nodes:
              - name: w
                count: 2
            """
        let prefix = "crashloop.yaml"
        let object = "Scenario \"crashloop\""
        #expect(
            Self.messages(yaml) == [
                "\(prefix):6: \(object): spec.duration: Invalid value: \"1000000h\": must be at most 100 years",
                "\(prefix):7: \(object): spec.kubernetesVersion: Invalid value: \"1.20\": supported versions are 1.25 to 1.36",
                "\(prefix):8: \(object): spec.timing: Unsupported value: \"fast\": supported values: \"ideal\", \"realistic\"",
                "\(prefix):13: \(object): spec.behaviors[0].runs[1].duration: Invalid value: \"-2s\": must be non-negative",
                "\(prefix):14: warning: \(object): unknown field \"spec.behaviors[0].colour\"",
                "\(prefix):17: \(object): spec.images[0].size: Invalid value: \"-5Gi\": must be non-negative",
                "\(prefix):20: \(object): spec.workloads[0].arrivals.poisson.rate: Invalid value: \"0/m\": must be positive",
                "\(prefix):21: \(object): spec.workloads[0].count: Invalid value: -1: must be greater than or equal to 0",
            ])
    }

    @Test func documentLevelProblems() {
        let yaml = """
            apiVersion: kubesim/v1beta9
            kind: Scenario
            metadata: {}
            spec:
              seed: -3
              until: Forever
              startTime: yesterday
              outputs: {sampleInterval: 0s}
              extra: 1
            """
        #expect(
            Self.messages(yaml, file: "s.yaml") == [
                "s.yaml:1: Scenario: apiVersion: Unsupported value: \"kubesim/v1beta9\": supported values: \"kubesim/v1alpha1\"",
                "s.yaml:3: Scenario: metadata.name: Required value",
                "s.yaml:5: Scenario: spec.seed: Invalid value: \"-3\": must be an integer between 0 and 18446744073709551615",
                "s.yaml:6: Scenario: spec.until: Unsupported value: \"Forever\": supported values: \"Quiescent\"",
                "s.yaml:7: Scenario: spec.startTime: Invalid value: \"yesterday\": must be an RFC 3339 time such as 2026-01-01T00:00:00Z",
                "s.yaml:8: Scenario: spec.outputs.sampleInterval: Invalid value: \"0s\": must be positive",
                "s.yaml:9: warning: Scenario: unknown field \"spec.extra\"",
            ])
    }

    @Test("spec.scheduler.tieBreak: the two rules, an unknown rule, an unknown key")
    func schedulerSettings() {
        let good = ScenarioDecoder.decode(
            text:
                "apiVersion: kubesim/v1alpha1\nkind: Scenario\nmetadata: {name: t}\nspec:\n  scheduler: {tieBreak: nodeOrder}\n",
            fileName: "t.yaml")
        #expect(good.diagnostics.isEmpty)
        #expect(good.scenario.tieBreak == .nodeOrder)
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: t}
            spec:
              scheduler:
                tieBreak: sideways
                profile: packed
            """
        #expect(
            Self.messages(yaml, file: "t.yaml") == [
                "t.yaml:6: Scenario \"t\": spec.scheduler.tieBreak: Unsupported value: \"sideways\": supported values: \"nodeOrder\", \"uniform\"",
                "t.yaml:7: warning: Scenario \"t\": unknown field \"spec.scheduler.profile\"",
            ])
    }

    @Test func distributionProblems() {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: d}
            spec:
              behaviors:
              - runs:
                - duration: {lognormal: {median: 0s, sigma: 1}}
                - duration: {uniform: {min: 5s, max: 1s}}
                - duration: {pareto: {alpha: 2}}
                - duration: {gamma: {shape: 0, scale: 1s}}
                - duration: {exponential: {}}
                - duration: 2 days
                terminationDelay: {weibull: {shape: 1.5, scale: 200y}}
            """
        let o = "d.yaml:%d: Scenario \"d\": "
        func at(_ line: Int) -> String { o.replacingOccurrences(of: "%d", with: String(line)) }
        #expect(
            Self.messages(yaml, file: "d.yaml") == [
                at(7) + "spec.behaviors[0].runs[0].duration.lognormal.median: Invalid value: \"0s\": must be positive",
                at(8)
                    + "spec.behaviors[0].runs[1].duration.uniform.max: Invalid value: \"1s\": must be greater than or equal to min",
                at(9)
                    + "spec.behaviors[0].runs[2].duration: Invalid value: \"a mapping\": expected a constant or exactly one of constant, empirical, exponential, gamma, lognormal, uniform, weibull",
                "d.yaml:9: warning: Scenario \"d\": unknown field \"spec.behaviors[0].runs[2].duration.pareto\"",
                at(10) + "spec.behaviors[0].runs[3].duration.gamma.shape: Invalid value: \"0\": must be positive",
                at(11) + "spec.behaviors[0].runs[4].duration.exponential.mean: Required value",
                at(12)
                    + "spec.behaviors[0].runs[5].duration: Invalid value: \"2 days\": must be a duration such as 90s, 1m30s, 2h or a number of seconds",
                at(13)
                    + "spec.behaviors[0].terminationDelay.weibull.scale: Invalid value: \"200y\": must be a duration such as 90s, 1m30s, 2h or a number of seconds",
            ])
    }

    @Test func actionProblems() {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: a}
            spec:
              actions:
              - {at: 1m, delete: {kind: Pod, name: x}, cordon: {node: n}}
              - {delete: {name: x}}
              - {at: 2m, scale: {kind: Job, name: j, replicas: 2}}
              - {at: 3m, scale: {name: web, replicas: -1}}
              - {at: 4m, node: {name: n}}
              - {at: 5m, kubelet: {node: n, restart: false}}
              - {at: 6m, registry: {}}
              - {at: 7m, patch: {name: web}}
              - at: 8m
                apply:
                  inline: {apiVersion: v1, kind: Pod, metadata: {name: bad}, spec: {containers: [{image: nginx}]}}
            """
        func at(_ line: Int) -> String { "a.yaml:\(line): Scenario \"a\": " }
        #expect(
            Self.messages(yaml, file: "a.yaml") == [
                at(6)
                    + "spec.actions[0]: Invalid value: \"a mapping\": expected exactly one of apply, cordon, delete, drain, kubelet, node, patch, registry, scale, uncordon",
                at(7) + "spec.actions[1].at: Required value",
                at(7) + "spec.actions[1].delete.kind: Required value",
                at(8)
                    + "spec.actions[2].scale.kind: Unsupported value: \"Job\": supported values: \"Deployment\", \"ReplicaSet\", \"StatefulSet\"",
                at(9) + "spec.actions[3].scale.replicas: Invalid value: -1: must be greater than or equal to 0",
                at(10)
                    + "spec.actions[4].node: Invalid value: \"a mapping\": expected exactly one of fail, add, remove",
                at(11)
                    + "spec.actions[5].kubelet.restart: Invalid value: \"false\": the only kubelet action is restart: true",
                at(12) + "spec.actions[6].registry.outage: Required value",
                at(13) + "spec.actions[7].patch.image: Required value: a patch needs image, template or replicas",
                at(16) + "spec.actions[8].apply.inline: Pod \"bad\": spec.containers[0].name: Required value",
            ])
    }

    @Test func openEndedWorkloadsAndPoolNames() {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: o}
            spec:
              nodes:
              - {name: Big_Pool, count: 1}
              - {name: gpu, count: 2, capacity: {cpu: "64", nvidia.com/gpu: "8"}}
              workloads:
              - template: {inline: {metadata: {name: p}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {poisson: {rate: 1/s}}
              - template: {inline: {metadata: {name: q}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {at: [1s]}
            """
        let result = ScenarioDecoder.decode(text: yaml, fileName: "o.yaml")
        #expect(
            result.diagnostics.map(\.description) == [
                "o.yaml:6: Scenario \"o\": spec.nodes[0].name: Invalid value: \"Big_Pool\": "
                    + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "o.yaml:9: Scenario \"o\": spec.workloads[0].count: Required value: "
                    + "an open-ended workload needs count, until or spec.duration",
            ])
        // Capacity not listed keeps the default node's.
        let gpu = result.scenario.nodePools?[1].capacity
        #expect(gpu?["cpu"]?.value == 64)
        #expect(gpu?["nvidia.com/gpu"]?.value == 8)
        #expect(gpu?["memory"]?.value == 16 << 30)
        #expect(gpu?["pods"]?.value == 110)
    }

    @Test func inlineTemplatesAreValidated() {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: t}
            spec:
              workloads:
              - template:
                  inline:
                    metadata: {generateName: job-}
                    spec:
                      containers:
                      - {name: c, image: x, resources: {requests: {cpu: "-1"}}}
                arrivals: {at: [0s]}
            """
        #expect(
            Self.messages(yaml, file: "t.yaml") == [
                "t.yaml:11: Scenario \"t\": spec.workloads[0].template.inline.spec.containers[0].resources.requests[cpu]: "
                    + "Invalid value: \"-1\": must be greater than or equal to 0"
            ])
    }
}
