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
        let probe = Probe(tcpSocket: TCPSocketAction(port: .int(80)), periodSeconds: 5)
        let text = try json(Holder(name: "a", probe: probe))
        // The probe's own keys, sorted: the synthesized encoding of `Probe` under "probe".
        #expect(text == #"{"name":"a","probe":{"failureThreshold":3,"initialDelaySeconds":0,"#
            + #""periodSeconds":5,"successThreshold":1,"tcpSocket":{"port":80},"timeoutSeconds":1}}"#)
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
}
