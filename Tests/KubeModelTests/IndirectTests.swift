import Foundation
import Testing
import Yams

@testable import KubeModel

/// ``Indirect`` keeps a container's probes and lifecycle and a volume's sources on the heap; the
/// manifests must read, compare and encode exactly as they did with plain optionals.
@Suite struct IndirectTests {
    struct Holder: Codable, Hashable {
        var name: String
        @Indirect var probe: Probe?
    }

    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try #require(String(data: encoder.encode(value), encoding: .utf8))
    }

    @Test("nil is absent when encoded (never null), a value encodes as itself; both decode back")
    func codableAsOptional() throws {
        #expect(try json(Holder(name: "a")) == #"{"name":"a"}"#)
        let probe = Probe(exec: ExecAction(command: ["true"]), periodSeconds: 5)
        let text = try json(Holder(name: "a", probe: probe))
        // The probe's own keys, sorted: the synthesized encoding of `Probe` under "probe".
        #expect(
            text
                == #"{"name":"a","probe":{"exec":{"command":["true"]},"failureThreshold":3,"#
                + #""initialDelaySeconds":0,"periodSeconds":5,"successThreshold":1,"timeoutSeconds":1}}"#)
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Holder.self, from: Data(text.utf8)).probe == probe)
        #expect(try decoder.decode(Holder.self, from: Data(#"{"name":"a"}"#.utf8)).probe == nil)
        #expect(try decoder.decode(Holder.self, from: Data(#"{"name":"a","probe":null}"#.utf8)).probe == nil)
    }

    @Test("copies share the box until one is written; a write never shows in the other copy")
    func valueSemantics() {
        var first = Holder(name: "a", probe: Probe(periodSeconds: 5))
        var second = first
        #expect(first.$probe.sharesStorage(with: second.$probe))
        second.probe?.periodSeconds = 7
        #expect(first.probe?.periodSeconds == 5)
        #expect(second.probe?.periodSeconds == 7)
        #expect(!first.$probe.sharesStorage(with: second.$probe))
        #expect(first != second)
        first.probe = Probe(periodSeconds: 7)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        second.probe = nil
        #expect(second.probe == nil && first.probe != nil)
    }

    @Test("a container with probes and hooks reads back from YAML as written, and without them encodes none")
    func containerRoundTrip() throws {
        let result = ManifestLoader().load(
            text: """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: a
                    image: nginx:1.27
                    readinessProbe: {httpGet: {path: /ready, port: 80}, periodSeconds: 3}
                    lifecycle: {preStop: {sleep: {seconds: 5}}}
                  - name: b
                    image: nginx:1.27
                """, fileName: "p.yaml")
        #expect(!result.hasErrors, "\(result.diagnostics)")
        guard case .pod(let pod) = try #require(result.objects.first).object else {
            Issue.record("not a pod")
            return
        }
        let a = pod.spec.containers[0]
        #expect(a.readinessProbe?.httpGet?.path == "/ready")
        #expect(a.readinessProbe?.periodSeconds == 3)
        #expect(a.readinessProbe?.failureThreshold == 3)  // SetDefaults_Probe
        #expect(a.lifecycle?.preStop?.sleep?.seconds == 5)
        #expect(a.livenessProbe == nil && a.startupProbe == nil)
        let b = try json(pod.spec.containers[1])
        for key in ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"] {
            #expect(!b.contains("\"\(key)\""), "\(key) in \(b)")
        }
        // YAML out and back in: the same container.
        let again = try YAMLDecoder().decode(Container.self, from: YAMLEncoder().encode(a))
        #expect(again == a)
    }

    @Test("admitted pods share their status and default tolerations, which read and encode as before")
    func sharedAdmissionValues() throws {
        func pod(_ name: String, _ extra: String = "") throws -> Pod {
            try DefaultingTests().loadPod(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: \(name)}
                spec:
                  containers: [{name: a, image: x}]
                \(extra)
                """)
        }
        let first = try pod("a"), second = try pod("b")
        // DefaultTolerationSeconds: not-ready and unreachable, Exists, NoExecute, 300 s.
        let expected = [
            Toleration(
                key: "node.kubernetes.io/not-ready", operator: .exists, effect: .noExecute, tolerationSeconds: 300),
            Toleration(
                key: "node.kubernetes.io/unreachable", operator: .exists, effect: .noExecute, tolerationSeconds: 300),
        ]
        #expect(first.spec.tolerations == expected)
        #expect(second.spec.tolerations == expected)
        #expect(first.status == PodStatus(phase: .pending, qosClass: .bestEffort))
        #expect(first.$status.sharesStorage(with: second.$status))
        // A pod's own toleration keeps it, then the defaults follow.
        let tolerating = try pod(
            "c", "  tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}]")
        #expect(tolerating.spec.tolerations?.map(\.key) == ["gpu"] + expected.map(\.key))
        // A status given in the manifest is kept (its phase and reason), the QoS class added.
        let given = try pod("d", "status: {phase: Running, reason: Given}")
        #expect(
            given.status
                == {
                    var status = PodStatus(phase: .running, qosClass: .bestEffort)
                    status.reason = "Given"
                    return status
                }())
        #expect(!given.$status.sharesStorage(with: first.$status))
        // Encoded as a plain optional: present with its fields, and absent when nil.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = try #require(String(data: encoder.encode(first), encoding: .utf8))
        #expect(text.hasSuffix(#""status":{"phase":"Pending","qosClass":"BestEffort"}}"#))
        var bare = first
        bare.status = nil
        let bareText = try #require(String(data: encoder.encode(bare), encoding: .utf8))
        #expect(!bareText.contains(#""status""#))
        #expect(first.status?.qosClass == .bestEffort)  // the shared box is untouched
    }
}
