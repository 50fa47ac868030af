import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// `kubectl describe pod` rules of staging/src/k8s.io/kubectl/pkg/describe/describe.go that the
/// seed articles do not show: annotations, tolerations, ports, native sidecars, image and
/// container ids.
@Suite struct DescribeRulesTests {
    /// An admitted pod run for 10 s, described.
    func described(_ pod: Pod) throws -> (text: String, harness: KubeletHarness) {
        var h = KubeletHarness { _, _ in .default }
        var pod = pod
        pod.spec.nodeName = "n1"
        h.pod = try h.cluster.createPod(admitting: pod)
        h.run(to: 10)
        let text = PodDescriber.describe(
            h.object, events: h.recorder.events, now: h.now,
            originUnixSeconds: h.cluster.configuration.startTimeUnixSeconds)
        return (text, h)
    }

    func lines(of text: String, from start: String, to end: String) -> [String] {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = all.firstIndex(where: { $0.hasPrefix(start) }),
            let last = all[first...].firstIndex(where: { $0.hasPrefix(end) })
        else { return [] }
        return Array(all[first..<last])
    }

    @Test(
        "printAnnotationsMultiline: sorted key: value, last-applied hidden, long or multi-line values under the key, cut at 138 bytes"
    )
    func annotations() throws {
        let long = String(repeating: "x", count: 200)
        let pod = Pod(
            metadata: ObjectMeta(
                name: "web", namespace: "default",
                annotations: [
                    "short": "v", "multi": "a\nb\n", "example.com/long": long,
                    "kubectl.kubernetes.io/last-applied-configuration": "{\"kind\":\"Pod\"}\n",
                ]),
            spec: PodSpec(containers: [app()]))
        let text = try described(pod).text
        // The column is `Annotations:` plus the tabwriter's padding of 2 (Service Account: is wider).
        let pad = String(repeating: " ", count: "Service Account:  ".count)
        #expect(
            lines(of: text, from: "Annotations:", to: "Status:") == [
                "Annotations:\(String(repeating: " ", count: pad.count - "Annotations:".count))example.com/long:",
                pad + "  " + String(repeating: "x", count: 138) + "...",
                pad + "multi:", pad + "  a", pad + "  b",
                pad + "short: v",
            ])
    }

    @Test("printPodTolerationsMultiline: sorted by key; ports as 8080/TCP without their names; no Restart Policy line")
    func tolerationsPortsSidecars() throws {
        var spec = PodSpec(containers: [app()])
        spec.tolerations = [
            Toleration(key: "zeta", operator: .exists, effect: .noSchedule),
            Toleration(key: "alpha", operator: .equal, value: "on", effect: .noSchedule),
        ]
        spec.containers[0].ports = [ContainerPort(name: "http", containerPort: 8080)]
        var sidecar = Container(name: "proxy", image: "app:1")
        sidecar.restartPolicy = .always
        spec.initContainers = [sidecar]
        let text = try described(Pod(metadata: ObjectMeta(name: "web", namespace: "default"), spec: spec)).text
        let tolerations = lines(of: text, from: "Tolerations:", to: "Events:").map {
            $0.replacingOccurrences(of: #"^(Tolerations:)? +"#, with: "", options: .regularExpression)
        }
        #expect(
            tolerations == [
                "alpha=on:NoSchedule", "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
                "node.kubernetes.io/unreachable:NoExecute op=Exists for 300s", "zeta:NoSchedule op=Exists",
            ])
        #expect(text.contains("    Port:           8080/TCP\n"), "\(text)")
        #expect(!text.contains("http"))
        #expect(!text.contains("Restart Policy"))
    }

    @Test("image ids as containerd reports them; container ids differ between pods and between restarts")
    func ids() throws {
        func status(_ image: String, restarts: Int = 0) -> ContainerStatusRecord {
            ContainerStatusRecord(name: "app", image: image, state: .running(startedAt: .zero), restartCount: restarts)
        }
        #expect(PodDescriber.imageID(status("nginx")).hasPrefix("docker.io/library/nginx@sha256:"))
        #expect(PodDescriber.imageID(status("nginx")) == PodDescriber.imageID(status("nginx:latest")))
        #expect(PodDescriber.imageID(status("nginx")) != PodDescriber.imageID(status("nginx:1.27")))
        #expect(
            PodDescriber.imageID(status("afakharany/watcher:latest")).hasPrefix("docker.io/afakharany/watcher@sha256:"))
        #expect(PodDescriber.imageID(status("localhost:5000/app:1")).hasPrefix("localhost:5000/app@sha256:"))
        #expect(
            PodDescriber.imageID(status("gcr.io/cloudsql-docker/gce-proxy:1.33.2")).hasPrefix(
                "gcr.io/cloudsql-docker/gce-proxy@sha256:"))
        #expect(PodDescriber.imageID(status("nginx@sha256:abc")) == "docker.io/library/nginx@sha256:abc")
        let a = PodDescriber.containerID(status("nginx"), podUID: "uid-a")
        #expect(a.hasPrefix("containerd://") && a.count == "containerd://".count + 64)
        #expect(a != PodDescriber.containerID(status("nginx"), podUID: "uid-b"))
        #expect(a != PodDescriber.containerID(status("nginx", restarts: 1), podUID: "uid-a"))
        #expect(a == PodDescriber.containerID(status("nginx"), podUID: "uid-a"))
        // Four FNV-1a rounds over "uid-a/app/0", each continued with the round number xor-ed in
        // (computed by hand-written Python).
        #expect(a == "containerd://8802c690e1022b58951c33ea284f51fee7c9531e3db96e532aab600ce62c7f09")
    }
}
