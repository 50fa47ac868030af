import ClusterComponents
import Foundation
import KubeModel
import Testing

/// The ServiceAccount admission plugin against the rules of k/k
/// plugin/pkg/admission/serviceaccount/admission.go (`Admit`, `shouldAutomount`,
/// `mountServiceAccountToken`, `TokenVolumeSource`).
@Suite struct ServiceAccountAdmissionTests {
    static let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    func cluster(minor: Int = 34, seed: UInt64 = 7, manifests: String = "") -> Cluster {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: minor)
        configuration.seed = seed
        let cluster = Cluster(configuration: configuration)
        let loaded = ManifestLoader().load(text: manifests, fileName: "objects.yaml")
        for object in loaded.objects { try? cluster.apply(object.object) }
        return cluster
    }

    /// The pod as stored after `createPod(admitting:)`.
    func admitted(_ cluster: Cluster, _ pod: Pod) throws -> Pod {
        let id = try cluster.createPod(admitting: pod)
        return cluster.api[id].pod
    }

    func pod(_ spec: PodSpec, name: String = "web") -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    @Test(
        "a pod gets serviceAccountName default, the projected token volume last and a read-only mount in every container"
    )
    func projectedToken() throws {
        let cluster = cluster()
        var spec = PodSpec(containers: [Container(name: "a", image: "x"), Container(name: "b", image: "x")])
        spec.initContainers = [Container(name: "init", image: "x")]
        spec.volumes = [Volume(name: "data", emptyDir: EmptyDirVolumeSource())]
        let stored = try admitted(cluster, pod(spec)).spec
        #expect(stored.serviceAccountName == "default")
        let volumes = try #require(stored.volumes)
        #expect(volumes.map(\.name).first == "data")
        let token = try #require(volumes.last)
        #expect(volumes.count == 2)
        #expect(token.name.hasPrefix("kube-api-access-"))
        let suffix = token.name.dropFirst("kube-api-access-".count)
        #expect(suffix.count == 5 && suffix.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        // TokenVolumeSource: mode 420, token 3607 s at "token", kube-root-ca.crt's ca.crt, the namespace.
        let projected = try #require(token.projected)
        #expect(projected.defaultMode == 420)
        let sources = projected.sources ?? []
        #expect(sources.count == 3)
        #expect(sources[0].serviceAccountToken == ServiceAccountTokenProjection(expirationSeconds: 3607, path: "token"))
        #expect(sources[1].configMap?.name == "kube-root-ca.crt")
        #expect(sources[1].configMap?.items == [KeyToPath(key: "ca.crt", path: "ca.crt")])
        #expect(sources[2].downwardAPI?["items"] != nil)
        for container in (stored.initContainers ?? []) + stored.containers {
            #expect(
                container.volumeMounts == [VolumeMount(name: token.name, mountPath: Self.mountPath, readOnly: true)])
        }
    }

    @Test("every pod's token volume has its own name but shares the one stored projected source")
    func sharedTokenSource() throws {
        let cluster = cluster()
        let spec = PodSpec(containers: [Container(name: "a", image: "x")])
        let first = try #require(try admitted(cluster, pod(spec, name: "p1")).spec.volumes?.last)
        let second = try #require(try admitted(cluster, pod(spec, name: "p2")).spec.volumes?.last)
        #expect(first.name != second.name)
        #expect(first.$projected.sharesStorage(with: second.$projected))
        #expect(first.projected == second.projected)
        // It reads as TokenVolumeSource, and it encodes as the API server stores it.
        var expected = Volume(name: first.name)
        expected.projected = ProjectedVolumeSource(
            sources: [
                VolumeProjection(
                    serviceAccountToken: ServiceAccountTokenProjection(expirationSeconds: 3607, path: "token")),
                VolumeProjection(
                    configMap: ObjectProjection(
                        name: "kube-root-ca.crt", items: [KeyToPath(key: "ca.crt", path: "ca.crt")])),
                VolumeProjection(
                    downwardAPI: .mapping([
                        .init(
                            key: "items",
                            value: .sequence([
                                .mapping([
                                    .init(
                                        key: "fieldRef",
                                        value: .mapping([
                                            .init(key: "apiVersion", value: .scalar("v1")),
                                            .init(key: "fieldPath", value: .scalar("metadata.namespace")),
                                        ])),
                                    .init(key: "path", value: .scalar("namespace")),
                                ])
                            ]))
                    ])),
            ], defaultMode: 420)
        #expect(first == expected)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = try #require(String(data: encoder.encode(first), encoding: .utf8))
        #expect(
            text
                == #"{"name":"\#(first.name)","projected":{"defaultMode":420,"sources":["#
                + #"{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},"#
                + #"{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},"#
                + #"{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"#
                + #""path":"namespace"}]}}]}}"#)
    }

    @Test("automountServiceAccountToken: the pod's setting wins, then the ServiceAccount's, else true")
    func automount() throws {
        let cluster = cluster(
            manifests: """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: quiet
                automountServiceAccountToken: false
                """)
        func volumes(_ name: String, account: String?, automount: Bool?) throws -> Int {
            var spec = PodSpec(containers: [Container(name: "a", image: "x")])
            spec.serviceAccountName = account
            spec.automountServiceAccountToken = automount
            return try admitted(cluster, pod(spec, name: name)).spec.volumes?.count ?? 0
        }
        #expect(try volumes("p1", account: nil, automount: nil) == 1)
        #expect(try volumes("p2", account: nil, automount: false) == 0)
        #expect(try volumes("p3", account: "quiet", automount: nil) == 0)
        #expect(try volumes("p4", account: "quiet", automount: true) == 1)
    }

    @Test("a ServiceAccount that does not exist is Forbidden, in the API server's words")
    func missingAccount() {
        let cluster = cluster()
        var spec = PodSpec(containers: [Container(name: "a", image: "x")])
        spec.serviceAccountName = "robot"
        #expect(
            throws: APIError(
                .forbidden,
                "pods \"web\" is forbidden: error looking up service account default/robot: serviceaccount \"robot\" not found"
            )
        ) { try cluster.createPod(admitting: pod(spec)) }
        #expect(cluster.api.pods.isEmpty)
    }

    @Test("a container that already mounts the token path keeps its mount; no volume when none needs it")
    func existingMount() throws {
        let cluster = cluster()
        var own = Container(name: "a", image: "x")
        own.volumeMounts = [VolumeMount(name: "mine", mountPath: Self.mountPath)]
        var spec = PodSpec(containers: [own])
        spec.volumes = [Volume(name: "mine", emptyDir: EmptyDirVolumeSource())]
        let stored = try admitted(cluster, pod(spec)).spec
        #expect(stored.volumes?.map(\.name) == ["mine"])
        #expect(stored.containers[0].volumeMounts == own.volumeMounts)
    }

    @Test("admitting an admitted pod again changes nothing (the token volume is found by its prefix)")
    func idempotent() throws {
        let first = cluster()
        let spec = PodSpec(containers: [Container(name: "a", image: "x")])
        let once = try admitted(first, pod(spec))
        let second = cluster(seed: 99)
        let again = try admitted(second, once)
        #expect(again.spec.volumes == once.spec.volumes)
        #expect(again.spec.containers == once.spec.containers)
    }

    @Test("names are drawn from the seed: the same seed gives the same names, another seed others")
    func deterministic() throws {
        func names(seed: UInt64) throws -> [String] {
            let cluster = cluster(seed: seed)
            return try (0..<4).map { index in
                let id = try cluster.createPod(
                    admitting: pod(PodSpec(containers: [Container(name: "a", image: "x")]), name: "p\(index)"))
                return cluster.api[id].pod.spec.volumes?.last?.name ?? ""
            }
        }
        let a = try names(seed: 1)
        #expect(try names(seed: 1) == a)
        #expect(Set(a).count == 4)
        #expect(try names(seed: 2) != a)
    }
}
