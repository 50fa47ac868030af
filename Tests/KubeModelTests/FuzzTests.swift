import Foundation
import Testing

@testable import KubeModel

/// Deterministic mutation fuzzing: the loader must always return objects or diagnostics.
@Suite struct FuzzTests {
    /// SplitMix64, for reproducible mutations.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let corpus = [
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: mc1, labels: {app: web}}
        spec:
          volumes: [{name: html, emptyDir: {sizeLimit: 1Gi}}]
          initContainers: [{name: side, image: "busybox:1", restartPolicy: Always}]
          containers:
          - name: web
            image: nginx:1.27
            ports: [{containerPort: 80, protocol: TCP}]
            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: "1", memory: 1Gi}}
            volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]
            readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
          tolerations: [{key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a]}]}]
        """,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          replicas: 3
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 10%}}
          selector: {matchLabels: {app: a}}
          template:
            metadata: {labels: {app: a}}
            spec: {containers: [{name: c, image: "x:1"}]}
        ---
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Node, metadata: {name: n}, spec: {taints: [{key: a, effect: NoSchedule}]}}
        """,
    ]

    @Test func mutatedManifestsNeverCrash() {
        var random = SplitMix(state: 42)
        let alphabet = Array(" :-[]{}&*!|>#'\"\t\n0aZ%@`\\~?,.".utf8)
        var outcomes = 0
        for round in 0..<3000 {
            var bytes = Array(Self.corpus[round % Self.corpus.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                guard !bytes.isEmpty else { break }
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(bytes[position], at: position)
                case 2: bytes[position] = alphabet.randomElement(using: &random)!
                default:
                    let end = min(bytes.count, position + Int.random(in: 1...20, using: &random))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                }
            }
            let result = ManifestLoader().load(data: .init(bytes), fileName: "fuzz-\(round).yaml")
            if !result.objects.isEmpty || !result.diagnostics.isEmpty { outcomes += 1 }
            for diagnostic in result.diagnostics { #expect(diagnostic.file == "fuzz-\(round).yaml") }
        }
        #expect(outcomes == 3000)
    }
}
