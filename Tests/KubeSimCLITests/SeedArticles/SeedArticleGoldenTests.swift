import Foundation
import Testing

/// `kubesim describe pod` of the seed articles' pods at the articles' moments against the
/// articles' own `kubectl describe pod` output (../shared/seeds, quoted below as published),
/// compared after ``SeedArticleNormaliser``: everything it does not name must be equal.
@Suite struct SeedArticleGoldenTests {
    struct Case {
        /// The manifests (and any objects of the article's cluster) to run.
        var files: [String: String]
        var pod: String
        var at: String
        /// The article's and kubesim's node names.
        var nodes: [String]
        /// Lines and text the article's older kubectl did not print (normaliser rule 5).
        var dropLines: [String] = []
        var dropText: [String] = []
        var article: String
    }

    /// GKE's default LimitRange in `default` (the `limits` object GKE clusters of 2019–2020
    /// created): a default CPU request of 100m per container, which the articles' pods show as
    /// `Requests: cpu: 100m` and the `kubernetes.io/limit-ranger` annotation.
    static let gkeLimitRange = """
        apiVersion: v1
        kind: LimitRange
        metadata:
          name: limits
          namespace: default
        spec:
          limits:
          - type: Container
            defaultRequest:
              cpu: 100m
        """

    static func run(_ test: Case) throws {
        let directory = try CLITests.temporaryDirectory()
        for (name, text) in test.files {
            let url = directory.appendingPathComponent(name)
            if text.hasPrefix("@") {
                try FileManager.default.copyItem(at: URL(fileURLWithPath: String(text.dropFirst())), to: url)
            } else {
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        let outcome = try CLITests.kubesim(["describe", "pod", test.pod, directory.path, "--at", test.at])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let own = SeedArticleNormaliser.normalise(
            outcome.stdout, nodes: test.nodes, dropLines: test.dropLines, dropText: test.dropText)
        let article = SeedArticleNormaliser.normalise(test.article, nodes: test.nodes)
        #expect(
            own == article,
            "kubesim:\n\(own.joined(separator: "\n"))\n--- article:\n\(article.joined(separator: "\n"))\n--- raw:\n\(outcome.stdout)"
        )
    }

    @Test("nginx-ser (seed 003, k3d 1.20 with containerd) at 6h4m, when its events had expired")
    func nginxSer() throws {
        try Self.run(
            Case(
                files: ["pod.yaml": "@scenarios/seeds/nginx-ser.yaml"], pod: "nginx-ser", at: "6h4m",
                nodes: ["k3d-private-cluster-server-0", "worker-0", "worker-1", "worker-2"],
                article: """
                    Name:         nginx-ser
                    Namespace:    default
                    Priority:     0
                    Node:         k3d-private-cluster-server-0/172.19.0.2
                    Start Time:   Sun, 21 Mar 2021 12:42:17 +0100
                    Labels:       run=nginx-ser
                    Annotations:  <none>
                    Status:       Running
                    IP:           10.42.0.22
                    IPs:
                      IP:  10.42.0.22
                    Containers:
                      nginx-ser:
                        Container ID:   containerd://34b8f75b1f3b3ad891791198409cf25412e6bbc18468a2706aa441ee9001a41c
                        Image:          nginx
                        Image ID:       docker.io/library/nginx@sha256:d2925188effb4ddca9f14f162d6fba9b5fab232028aa07ae5c1dab764dca8f9f
                        Port:           <none>
                        Host Port:      <none>
                        State:          Running
                          Started:      Sun, 21 Mar 2021 12:42:19 +0100
                        Ready:          True
                        Restart Count:  0
                        Environment:    <none>
                        Mounts:
                          /var/run/secrets/kubernetes.io/serviceaccount from default-token-j6lht (ro)
                    Conditions:
                      Type              Status
                      Initialized       True
                      Ready             True
                      ContainersReady   True
                      PodScheduled      True
                    Volumes:
                      default-token-j6lht:
                        Type:        Secret (a volume populated by a Secret)
                        SecretName:  default-token-j6lht
                        Optional:    false
                    QoS Class:       BestEffort
                    Node-Selectors:  <none>
                    Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                     node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
                    Events:          <none>
                    """))
    }

    @Test("webserver of pods01 (seed 001, GKE with Docker) at 2m54s, with GKE's default LimitRange")
    func pods01() throws {
        try Self.run(
            Case(
                files: ["pod.yaml": "@scenarios/seeds/pods01.yaml", "limits.yaml": Self.gkeLimitRange],
                pod: "webserver", at: "2m54s",
                nodes: ["gke-standard-cluster-1-default-pool-78257330-5hs8", "worker-0", "worker-1", "worker-2"],
                // GKE 1.14's kubectl: no ` op=Exists` after a toleration's effect.
                dropText: [" op=Exists"],
                article: """
                    Name: webserver
                    Namespace: default
                    Priority: 0
                    PriorityClassName: <none>
                    Node: gke-standard-cluster-1-default-pool-78257330-5hs8/10.128.0.3
                    Start Time: Thu, 28 Nov 2019 13:02:19 +0530
                    Labels: <none>
                    Annotations: kubectl.kubernetes.io/last-applied-configuration:
                    {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"webserver","namespace":"default"},"spec":{"containers":[{"image":"ngi...
                    kubernetes.io/limit-ranger: LimitRanger plugin set: cpu request for container webserver
                    Status: Running
                    IP: 10.8.0.3
                    Containers:
                    webserver:
                    Container ID: docker://ff06c3e6877724ec706485374936ac6163aff10822246a40093eb82b9113189c
                    Image: nginx:latest
                    Image ID: docker-pullable://nginx@sha256:189cce606b29fb2a33ebc2fcecfa8e33b0b99740da4737133cdbcee92f3aba0a
                    Port: 80/TCP
                    Host Port: 0/TCP
                    State: Running
                    Started: Thu, 28 Nov 2019 13:02:25 +0530
                    Ready: True
                    Restart Count: 0
                    Requests:
                    cpu: 100m
                    Environment: <none>
                    Mounts:
                    /var/run/secrets/kubernetes.io/serviceaccount from default-token-mpxxg (ro)
                    Conditions:
                    Type Status
                    Initialized True
                    Ready True
                    ContainersReady True
                    PodScheduled True
                    Volumes:
                    default-token-mpxxg:
                    Type: Secret (a volume populated by a Secret)
                    SecretName: default-token-mpxxg
                    Optional: false
                    QoS Class: Burstable
                    Node-Selectors: <none>
                    Tolerations: node.kubernetes.io/not-ready:NoExecute for 300s
                    node.kubernetes.io/unreachable:NoExecute for 300s
                    Events:
                    Type Reason Age From Message
                    ---- ------ ---- ---- -------
                    Normal Scheduled 2m54s default-scheduler Successfully assigned default/webserver to gke-standard-cluster-1-default-pool-78257330-5hs8
                    Normal Pulling 2m53s kubelet, gke-standard-cluster-1-default-pool-78257330-5hs8 pulling image "nginx:latest"
                    Normal Pulled 2m50s kubelet, gke-standard-cluster-1-default-pool-78257330-5hs8 Successfully pulled image "nginx:latest"
                    Normal Created 2m48s kubelet, gke-standard-cluster-1-default-pool-78257330-5hs8 Created container
                    Normal Started 2m48s kubelet, gke-standard-cluster-1-default-pool-78257330-5hs8 Started container
                    """))
    }

    @Test("mc1 of pods03 (seed 001, GKE with Docker) at 18s, with GKE's default LimitRange")
    func pods03() throws {
        try Self.run(
            Case(
                files: ["pod.yaml": "@scenarios/seeds/pods03.yaml", "limits.yaml": Self.gkeLimitRange],
                pod: "mc1", at: "18s",
                nodes: ["gke-k8s-lab1-default-pool-fd9ef5ad-pc18", "worker-0", "worker-1", "worker-2"],
                // An older kubectl still (annotations as key=value): no Priority and Host Port
                // lines, no ` op=Exists`.
                dropLines: ["Priority:", "Host Port:"], dropText: [" op=Exists"],
                article: """
                    Name: mc1
                    Namespace: default
                    Node: gke-k8s-lab1-default-pool-fd9ef5ad-pc18/10.140.0.16
                    Start Time: Wed, 08 Jan 2020 14:29:08 +0530
                    Labels: <none>
                    Annotations: kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"mc1","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"1st","v...
                    kubernetes.io/limit-ranger=LimitRanger plugin set: cpu request for container 1st; cpu request for container 2nd
                    Status: Running
                    IP: 10.12.2.6
                    Containers:
                    1st:
                    Container ID: docker://b08eb646f90f981cd36c605bf8fead3ca62178c7863598fd4558cb026ed067dd
                    Image: nginx
                    Image ID: docker-pullable://nginx@sha256:36b77d8bb27ffca25c7f6f53cadd059aca2747d46fb6ef34064e31727325784e
                    Port: <none>
                    State: Running
                    Started: Wed, 08 Jan 2020 14:29:09 +0530
                    Ready: True
                    Restart Count: 0
                    Requests:
                    cpu: 100m
                    Environment: <none>
                    Mounts:
                    /usr/share/nginx/html from html (rw)
                    /var/run/secrets/kubernetes.io/serviceaccount from default-token-xhgmm (ro)
                    2nd:
                    Container ID: docker://63180b4128d477810d6062342f4b8e499de684ffd69ad245c29118e1661eafcb
                    Image: debian
                    Image ID: docker-pullable://debian@sha256:c99ed5d068d4f7ff36c7a6f31810defebecca3a92267fefbe0e0cf2d9639115a
                    Port: <none>
                    Command:
                    /bin/sh
                    -c
                    Args:
                    while true; do date >> /html/index.html; sleep 1; done
                    State: Running
                    Started: Wed, 08 Jan 2020 14:29:14 +0530
                    Ready: True
                    Restart Count: 0
                    Requests:
                    cpu: 100m
                    Environment: <none>
                    Mounts:
                    /html from html (rw)
                    /var/run/secrets/kubernetes.io/serviceaccount from default-token-xhgmm (ro)
                    Conditions:
                    Type Status
                    Initialized True
                    Ready True
                    ContainersReady True
                    PodScheduled True
                    Volumes:
                    html:
                    Type: EmptyDir (a temporary directory that shares a pod's lifetime)
                    Medium:
                    default-token-xhgmm:
                    Type: Secret (a volume populated by a Secret)
                    SecretName: default-token-xhgmm
                    Optional: false
                    QoS Class: Burstable
                    Node-Selectors: <none>
                    Tolerations: node.kubernetes.io/not-ready:NoExecute for 300s
                    node.kubernetes.io/unreachable:NoExecute for 300s
                    Events:
                    Type Reason Age From Message
                    ---- ------ ---- ---- -------
                    Normal Scheduled 18s default-scheduler Successfully assigned default/mc1 to gke-k8s-lab1-default-pool-fd9ef5ad-pc18
                    Normal Pulling 17s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 pulling image "nginx"
                    Normal Pulled 17s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 Successfully pulled image "nginx"
                    Normal Created 17s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 Created container
                    Normal Started 17s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 Started container
                    Normal Pulling 17s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 pulling image "debian"
                    Normal Pulled 13s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 Successfully pulled image "debian"
                    Normal Created 12s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 Created container
                    Normal Started 12s kubelet, gke-k8s-lab1-default-pool-fd9ef5ad-pc18 Started container
                    """))
    }
    /// `kubesim get pods` against an article's `kubectl get pods`: the header and the row, with
    /// kubesim's pod IP and node name replaced by the article's (normaliser rule 2) and blanks
    /// collapsed (rule 1: a longer node name widens the column).
    static func get(
        _ scenario: String, at: String, wide: Bool, article: String, ip: String = "", node: String = ""
    )
        throws
    {
        var arguments = ["get", "pods", scenario, "--at", at]
        if wide { arguments += ["-o", "wide"] }
        let outcome = try CLITests.kubesim(arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        var own = outcome.stdout
        if !ip.isEmpty {
            let row = own.split(separator: "\n").last.map(String.init) ?? ""
            let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            own = own.replacingOccurrences(of: cells[5], with: ip).replacingOccurrences(of: cells[6], with: node)
        }
        let normalise = { (text: String) in
            text.split(separator: "\n").map {
                $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }
        }
        #expect(normalise(own) == normalise(article), "\(outcome.stdout)")
    }

    @Test("kubectl get pods of seed 003 at 14m and -o wide at 6h4m")
    func nginxSerGet() throws {
        try Self.get(
            "scenarios/seeds/nginx-ser.yaml", at: "14m", wide: false,
            article: """
                NAME        READY   STATUS    RESTARTS   AGE
                nginx-ser   1/1     Running   0          14m
                """)
        try Self.get(
            "scenarios/seeds/nginx-ser.yaml", at: "6h4m", wide: true,
            article: """
                NAME        READY   STATUS    RESTARTS   AGE    IP           NODE                           NOMINATED NODE   READINESS GATES
                nginx-ser   1/1     Running   0          6h4m   10.42.0.22   k3d-private-cluster-server-0   <none>           <none>
                """, ip: "10.42.0.22", node: "k3d-private-cluster-server-0")
    }
    /// The nginx entrypoint's lines `kubectl logs webserver` printed in seed 001.
    static let nginxEntrypoint = [
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: Getting the checksum of /etc/nginx/conf.d/default.conf",
        "10-listen-on-ipv6-by-default.sh: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
    ]

    @Test(
        "kubectl logs webserver of pods01: nginx's entrypoint lines, declared by a behaviour, as the article prints them"
    )
    func pods01Logs() throws {
        let directory = try CLITests.temporaryDirectory()
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: "scenarios/seeds/pods01.yaml"), to: directory.appendingPathComponent("pod.yaml"))
        let lines = Self.nginxEntrypoint.map { "    - {after: 0s, line: \"\($0)\"}" }.joined(separator: "\n")
        try """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata:
          name: pods01-logs
        spec:
          behaviors:
          - match: {image: "nginx:*"}
            logs:
        \(lines)
        """.write(to: directory.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let outcome = try CLITests.kubesim(["logs", "webserver", directory.path, "--at", "2m54s"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == Self.nginxEntrypoint.joined(separator: "\n") + "\n", "\(outcome.stdout)")
        #expect(outcome.stderr.isEmpty)
    }

    /// `kubesim get KINDS` against an article's `kubectl get po,svc[,deploy]`, after
    /// normaliser rules 1 and 2 (blanks, addresses, ages: the article's cluster, and its
    /// `kubernetes` Service, was older than the pod) and the older kubectl's short kind
    /// prefixes (`po/`, `svc/` before kubectl 1.11; `pod/`, `service/` since).
    static func getKinds(_ scenario: String, _ kinds: String, at: String, article: String) throws {
        let outcome = try CLITests.kubesim(["get", kinds, scenario, "--at", at])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let normalise = { (text: String) -> [String] in
            text.split(separator: "\n").map { line in
                var line = line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                for (old, new) in [("po/", "pod/"), ("svc/", "service/")] where line.hasPrefix(old) {
                    line = new + line.dropFirst(old.count)
                }
                line = line.replacingOccurrences(
                    of: #"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b"#, with: "<ip>",
                    options: .regularExpression)
                return line.replacingOccurrences(of: #"\b([0-9]+[smhd])+$"#, with: "<age>", options: .regularExpression)
            }
        }
        #expect(normalise(outcome.stdout) == normalise(article), "\(outcome.stdout)")
    }

    @Test(
        "kubectl get po,svc,deploy of pods02 (seed 001) at 3m6s and get po,svc of pods03 at 11s: the kubernetes Service"
    )
    func severalKinds() throws {
        try Self.getKinds(
            "scenarios/seeds/pods02.yaml", "po,svc,deploy", at: "3m6s",
            article: """
                NAME READY STATUS RESTARTS AGE
                pod/webserver 2/2 Running 0 3m6s
                NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE
                service/kubernetes ClusterIP 10.12.0.1 <none> 443/TCP 107m
                """)
        try Self.getKinds(
            "scenarios/seeds/pods03.yaml", "po,svc", at: "11s",
            article: """
                NAME READY STATUS RESTARTS AGE
                po/mc1 2/2 Running 0 11s
                NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE
                svc/kubernetes ClusterIP 10.15.240.1 <none> 443/TCP 1h
                """)
    }

    @Test("kubectl describe po (no name) of pods02 at 3m37s: the article's excerpt, containers to the last Requests")
    func pods02DescribeExcerpt() throws {
        let directory = try CLITests.temporaryDirectory()
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: "scenarios/seeds/pods02.yaml"), to: directory.appendingPathComponent("pod.yaml"))
        try Self.gkeLimitRange.write(
            to: directory.appendingPathComponent("limits.yaml"), atomically: true, encoding: .utf8)
        // The article runs `kubectl describe po` without a name and quotes a part of it.
        let outcome = try CLITests.kubesim(["describe", "po", directory.path, "--at", "3m37s"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let nodes = ["gke-standard-cluster-1-default-pool-78257330-5hs8", "worker-0", "worker-1", "worker-2"]
        // The excerpt's kubectl printed no Host Port line (as pods03's).
        let own = SeedArticleNormaliser.normalise(outcome.stdout, nodes: nodes, dropLines: ["Host Port:"])
        let excerpt = SeedArticleNormaliser.normalise(
            """
            Containers:
            webserver:
            Container ID: docker://0564fcb88f7c329610e7da24cba9de6555c0183814cf517e55d2816c6539b829
            Image: nginx:latest
            Image ID: docker-pullable://nginx@sha256:36b77d8bb27ffca25c7f6f53cadd059aca2747d46fb6ef34064e31727325784e
            Port: 80/TCP
            State: Running
            Started: Wed, 08 Jan 2020 13:21:57 +0530
            Ready: True
            Restart Count: 0
            Requests:
            cpu: 100m
            Environment: <none>
            Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from default-token-xhgmm (ro)
            webwatcher:
            Container ID: docker://4cebbb220f7f9695f4d6492509e58152ba661f3ab8f4b5d0a7adec6c61bdde26
            Image: afakharany/watcher:latest
            Image ID: docker-pullable://afakharany/watcher@sha256:43d1b12bb4ce6e549e85447678a28a8e7b9d4fc398938a6f3e57d2908a9b7d80
            Port: <none>
            State: Running
            Started: Wed, 08 Jan 2020 13:22:26 +0530
            Ready: True
            Restart Count: 0
            Requests:
            """, nodes: nodes)
        var found = false
        for start in 0..<max(0, own.count - excerpt.count + 1)
        where Array(own[start..<(start + excerpt.count)]) == excerpt {
            found = true
        }
        #expect(
            found, "kubesim:\n\(own.joined(separator: "\n"))\n--- excerpt:\n\(excerpt.joined(separator: "\n"))")
    }
}
