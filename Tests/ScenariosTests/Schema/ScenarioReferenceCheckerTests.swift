import Foundation
import KubeModel
import Scenarios
import Testing

@Suite struct ScenarioReferenceCheckerTests {
    static let manifests = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, labels: {app: web}}
        spec:
          volumes: [{name: html, emptyDir: {}}]
          containers: [{name: nginx, image: nginx:1.27}, {name: writer, image: debian:12}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: prod}
        spec:
          replicas: 2
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers: [{name: app, image: api:1}]
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: prod}
        """

    /// A temporary directory holding `present.yaml` and `lifetimes.csv`.
    static func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "kubesim-refcheck-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: applied}
        spec: {containers: [{name: c, image: busybox}]}
        """.write(toFile: dir + "/present.yaml", atomically: true, encoding: .utf8)
        try "seconds\n10\n20\n30\n".write(toFile: dir + "/lifetimes.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func reportsEveryDanglingReference() throws {
        let dir = try Self.directory()
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: refs}
            spec:
              nodes:
              - {name: pool, count: 2}
              behaviors:
              - match: {image: "debian*"}
                writes: [{volume: html, rate: 1Ki/s}, {volume: logs, rate: 1Ki/s}]
              - match: {labels: {app: nobody}}
                writes: [{volume: data, rate: 1/s}]
              workloads:
              - template: {file: missing-pod.yaml}
                arrivals: {at: [0s]}
                lifetime: {empirical: {file: lifetimes.csv, column: seconds}}
              - template: {file: present.yaml}
                arrivals: {trace: {file: no-trace.csv, format: openb}}
                lifetime: {empirical: {file: gone.csv}}
              actions:
              - {at: 1m, delete: {kind: Pod, name: web-1}}
              - {at: 1m, delete: {kind: Pod, name: ghost}}
              - {at: 2m, scale: {name: api, namespace: prod, replicas: 3}}
              - {at: 2m, scale: {name: api, replicas: 3}}
              - {at: 3m, delete: {kind: Pod, name: applied}}
              - {at: 4m, apply: {file: present.yaml}}
              - {at: 5m, delete: {kind: Pod, name: applied}}
              - {at: 6m, cordon: {node: pool-1}}
              - {at: 6m, drain: {node: pool-2}}
              - {at: 7m, node: {add: pool}}
              - {at: 8m, kubelet: {node: pool-2, restart: true}}
              - {at: 9m, node: {add: gpu}}
              - {at: 9m, node: {name: worker-0, fail: true}}
              - {at: 10m, patch: {name: web, image: "nginx:2"}}
            """
        let decoded = ScenarioDecoder.decode(text: yaml, fileName: "refs.yaml", baseDirectory: dir)
        #expect(decoded.diagnostics.map(\.description) == [])
        let objects = ManifestLoader().load(text: Self.manifests, fileName: "inputs.yaml").objects
        let problems = ScenarioReferenceChecker.check(decoded.scenario, objects: objects).map(\.description)
        let o = "refs.yaml:%d: Scenario \"refs\": "
        func at(_ line: Int, _ text: String) -> String { o.replacingOccurrences(of: "%d", with: "\(line)") + text }
        func warn(_ line: Int, _ text: String) -> String { "refs.yaml:\(line): warning: Scenario \"refs\": " + text }
        #expect(
            problems == [
                at(
                    13,
                    "spec.workloads[0].template.file: Not found: \"missing-pod.yaml\": no such file (looked for \(dir)/missing-pod.yaml)"
                ),
                at(
                    17,
                    "spec.workloads[1].arrivals.trace.file: Not found: \"no-trace.csv\": no such file (looked for \(dir)/no-trace.csv)"
                ),
                at(
                    18,
                    "spec.workloads[1].lifetime.empirical.file: Not found: \"gone.csv\": no such file (looked for \(dir)/gone.csv)"
                ),
                at(
                    21,
                    "spec.actions[1].delete.name: Not found: \"ghost\": no Pod \"ghost\" in namespace \"default\" in the inputs or earlier apply actions"
                ),
                at(
                    23,
                    "spec.actions[3].scale.name: Not found: \"api\": no Deployment \"api\" in namespace \"default\" in the inputs or earlier apply actions"
                ),
                at(
                    24,
                    "spec.actions[4].delete.name: Not found: \"applied\": no Pod \"applied\" in namespace \"default\" in the inputs or earlier apply actions"
                ),
                at(
                    28,
                    "spec.actions[8].drain.node: Not found: \"pool-2\": no such node (nodes: \"pool-0\", \"pool-1\")"),
                at(31, "spec.actions[11].node.add: Unsupported value: \"gpu\": supported values: \"pool\""),
                at(
                    32,
                    "spec.actions[12].node.name: Not found: \"worker-0\": no such node (nodes: \"pool-0\", \"pool-1\", \"pool-2\")"
                ),
                at(
                    33,
                    "spec.actions[13].patch.name: Not found: \"web\": no Deployment \"web\" in namespace \"default\" in the inputs or earlier apply actions"
                ),
                warn(
                    9,
                    "spec.behaviors[0].writes[1].volume: Not found: \"logs\": no pod this behaviour matches has a volume named \"logs\""
                ),
                warn(
                    11,
                    "spec.behaviors[1].writes[0].volume: Not found: \"data\": no pod in the inputs matches this behaviour"
                ),
            ])
        // The empirical file that exists was read, in seconds.
        #expect(decoded.scenario.workloads[0].lifetime == .empirical([10, 20, 30]))
    }

    @Test func defaultClusterNodesAndNodeManifests() {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: n}
            spec:
              actions:
              - {at: 1m, cordon: {node: worker-2}}
              - {at: 1m, uncordon: {node: big-node}}
            """
        let decoded = ScenarioDecoder.decode(text: yaml, fileName: "n.yaml")
        // No pools and no Node manifests: the default cluster worker-0..2.
        #expect(
            ScenarioReferenceChecker.check(decoded.scenario, objects: []).map(\.message) == [
                "spec.actions[1].uncordon.node: Not found: \"big-node\": no such node (nodes: \"worker-0\", \"worker-1\", \"worker-2\")"
            ])
        // Node manifests replace the default cluster.
        let nodes = ManifestLoader().load(
            text: "apiVersion: v1\nkind: Node\nmetadata: {name: big-node}\n", fileName: "nodes.yaml"
        ).objects
        #expect(
            ScenarioReferenceChecker.check(decoded.scenario, objects: nodes).map(\.message) == [
                "spec.actions[0].cordon.node: Not found: \"worker-2\": no such node (nodes: \"big-node\")"
            ])
    }
}
