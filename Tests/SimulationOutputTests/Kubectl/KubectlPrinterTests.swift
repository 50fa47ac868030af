import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// kubectl text formats: HumanDuration, RFC 1123Z, tabwriter alignment, get/describe layouts.
@Suite struct KubectlPrinterTests {
    @Test(
        "HumanDuration as apimachinery formats it",
        arguments: [
            (0, "0s"), (-1, "0s"), (-3, "<invalid>"), (59, "59s"), (119, "119s"), (120, "2m"), (125, "2m5s"),
            (599, "9m59s"), (600, "10m"), (10_799, "179m"), (10_800, "3h"), (11_100, "3h5m"), (28_800, "8h"),
            (172_799, "47h"), (172_800, "2d"), (180_000, "2d2h"), (691_200, "8d"), (63_072_000, "2y"),
            (63_158_400, "2y1d"), (252_288_000, "8y"),
        ])
    func humanDuration(seconds: Int, expected: String) {
        #expect(KubectlTime.humanDuration(.seconds(seconds)) == expected)
    }

    @Test("RFC1123Z from the run's wall-clock origin")
    func rfc1123() {
        let origin: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z, a Thursday
        #expect(KubectlTime.rfc1123Z(.zero, originUnixSeconds: origin) == "Thu, 01 Jan 2026 00:00:00 +0000")
        #expect(
            KubectlTime.rfc1123Z(.seconds(59 * 86_400 + 3661), originUnixSeconds: origin)
                == "Sun, 01 Mar 2026 01:01:01 +0000")
    }

    @Test("tabwriter: column blocks end at lines without the column")
    func tabWriter() {
        var writer = TabWriter.forDescribe()
        writer.write("Name:\tweb\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\n")
        #expect(writer.render() == "Name:             web\nService Account:  default\nIPs:\n  IP:  10.0.0.1\n")
    }

    func crashLoopingPod(at t: Double) -> KubeletHarness {
        var h = KubeletHarness { _, _ in .exits(after: 2, code: 1) }
        h.create(PodSpec(containers: [app()]))
        h.run(to: t)
        return h
    }

    @Test("get pods and -o wide at 1m of G2")
    func getPods() {
        let h = crashLoopingPod(at: 60)
        #expect(
            PodPrinter.table([h.object], now: h.now)
                == "NAME   READY   STATUS             RESTARTS      AGE\nweb    0/1     CrashLoopBackOff   3 (22s ago)   60s\n"
        )
        #expect(
            PodPrinter.table([h.object], now: h.now, wide: true)
                == "NAME   READY   STATUS             RESTARTS      AGE   IP           NODE   NOMINATED NODE   READINESS GATES\n"
                + "web    0/1     CrashLoopBackOff   3 (22s ago)   60s   10.244.0.2   n1     <none>           <none>\n")
    }

    @Test("describe pod at 1m of G2: states, conditions, the admitted token volume, aggregated events")
    func describePod() throws {
        var h = KubeletHarness { _, _ in .exits(after: 2, code: 1) }
        try h.createAdmitted(PodSpec(containers: [app()]))
        h.run(to: 60)
        let text = PodDescriber.describe(
            h.object, events: h.recorder.events, now: h.now,
            originUnixSeconds: h.cluster.configuration.startTimeUnixSeconds)
        let volume = try #require(h.object.pod.spec.volumes?.first?.name)
        #expect(volume.hasPrefix("kube-api-access-") && volume.count == "kube-api-access-".count + 5)
        let masked = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("    Container ID:") || line.hasPrefix("    Image ID:")
                ? String(line.prefix(20)) + "<id>" : String(line)
        }.joined(separator: "\n").replacingOccurrences(of: volume, with: "kube-api-access-xxxxx")
        let uid = h.object.uid
        let expected = """
            Name:             web
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             n1/10.0.0.2
            Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
            Labels:           <none>
            Annotations:      <none>
            Status:           Running
            IP:               10.244.0.2
            IPs:
              IP:  10.244.0.2
            Containers:
              app:
                Container ID:   <id>
                Image:          app:1
                Image ID:       <id>
                Port:           <none>
                Host Port:      <none>
                State:          Waiting
                  Reason:       CrashLoopBackOff
                Last State:     Terminated
                  Reason:       Error
                  Exit Code:    1
                  Started:      Thu, 01 Jan 2026 00:00:36 +0000
                  Finished:     Thu, 01 Jan 2026 00:00:38 +0000
                Ready:          False
                Restart Count:  3
                Environment:    <none>
                Mounts:
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-xxxxx (ro)
            Conditions:
              Type                        Status
              PodReadyToStartContainers   True 
              Initialized                 True 
              Ready                       False 
              ContainersReady             False 
              PodScheduled                True 
            Volumes:
              kube-api-access-xxxxx:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                Optional:                false
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type     Reason   Age                From     Message
              ----     ------   ----               ----     -------
              Normal   Pulled   24s (x4 over 60s)  kubelet  Container image "app:1" already present on machine
              Normal   Created  24s (x4 over 60s)  kubelet  Created container: app
              Normal   Started  24s (x4 over 60s)  kubelet  Started container app
              Warning  BackOff  2s (x6 over 56s)   kubelet  Back-off restarting failed container app in pod web_default(\(uid))

            """
        #expect(masked == expected)
    }

    @Test("get events aggregates repeats: LAST SEEN of the last occurrence")
    func getEvents() {
        let h = crashLoopingPod(at: 60)
        let table = EventPrinter.table(h.recorder.events, now: h.now)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.first == "LAST SEEN   TYPE      REASON    OBJECT    MESSAGE")
        #expect(
            lines.last?.hasPrefix("2s          Warning   BackOff   pod/web   Back-off restarting failed container app")
                == true)
        #expect(lines.count == 5)
    }

    @Test("get nodes")
    func getNodes() {
        let h = crashLoopingPod(at: 60)
        #expect(
            NodePrinter.table(h.cluster.api.nodes, now: h.now, version: "v1.34.0")
                == "NAME   STATUS   ROLES    AGE   VERSION\nn1     Ready    <none>   60s   v1.34.0\n")
    }
}
