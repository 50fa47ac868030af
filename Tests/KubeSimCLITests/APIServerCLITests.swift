import Foundation
import Testing

/// Objects that arrive by every door (input files, timed actions) go through the API server's
/// one write path: each case runs a small scenario through the `kubesim` executable and reads
/// the result the way a user would (`get`, `describe`, `events.jsonl`, `summary.json`).
@Suite struct APIServerCLITests {
    /// Writes `text` as `scenario.yaml` in a fresh directory and returns the directory.
    static func scenario(_ text: String) throws -> URL {
        let directory = try CLITests.temporaryDirectory()
        try text.write(to: directory.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// `kubesim get KIND DIR --at T [extra]`, which must succeed.
    static func get(_ kind: String, _ directory: URL, at instant: String, _ extra: [String] = []) throws -> String {
        let outcome = try CLITests.kubesim(["get", kind, directory.path, "--at", instant] + extra)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    /// The first column of each row of a `get` table (its header dropped).
    static func names(_ table: String) -> [String] {
        table.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
    }

    /// The rows of a `get … -o wide` table as name → node.
    static func nodesOfPods(_ table: String) -> [String: String] {
        var result: [String: String] = [:]
        for row in table.split(separator: "\n").dropFirst() {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            result[columns[0]] = columns[6]
        }
        return result
    }

    /// Runs the scenario into `DIR/out` and returns the events of `events.jsonl`.
    static func runEvents(_ directory: URL) throws -> [[String: Any]] {
        let out = directory.appendingPathComponent("out")
        let outcome = try CLITests.kubesim(["run", directory.path, "--out", out.path, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("events.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("a Scenario without nodes runs on exactly its Node manifests; a Node applied at 60 s takes the pending pod")
    func nodeManifestsAndLateNode() throws {
        let directory = try Self.scenario(
            """
            apiVersion: v1
            kind: Node
            metadata: {name: alpha}
            status:
              capacity: {cpu: "2", memory: 4Gi, pods: "110"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: big}
            spec:
              containers:
              - {name: app, image: nginx:1.25, resources: {requests: {cpu: "3", memory: 1Gi}}}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: late-node}
            spec:
              duration: 3m
              timing: ideal
              actions:
              - at: 60s
                apply:
                  inline:
                    apiVersion: v1
                    kind: Node
                    metadata: {name: beta}
                    status:
                      capacity: {cpu: "8", memory: 16Gi, pods: "110"}
            """)
        #expect(Self.names(try Self.get("nodes", directory, at: "59s")) == ["alpha"])
        #expect(Self.names(try Self.get("nodes", directory, at: "2m")) == ["alpha", "beta"])
        #expect(try Self.get("pods", directory, at: "59s").contains("Pending"))
        let wide = try Self.get("pods", directory, at: "62s", ["-o", "wide"])
        #expect(Self.nodesOfPods(wide)["big"] == "beta", "\(wide)")
    }

    @Test("a Pod applied by an action with a high PriorityClass preempts a lower one")
    func actionPodPreempts() throws {
        let directory = try Self.scenario(
            """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: low}
            value: 100
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: filler}
            spec:
              priorityClassName: low
              containers:
              - {name: app, image: nginx:1.25, resources: {requests: {cpu: "3"}}}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: preempt}
            spec:
              duration: 2m
              timing: ideal
              nodes:
              - {name: worker, count: 1, capacity: {cpu: "4", memory: 16Gi, pods: "110"}}
              actions:
              - at: 20s
                apply:
                  inline:
                  - apiVersion: scheduling.k8s.io/v1
                    kind: PriorityClass
                    metadata: {name: high}
                    value: 1000
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: urgent}
                    spec:
                      priorityClassName: high
                      containers:
                      - {name: app, image: nginx:1.25, resources: {requests: {cpu: "3"}}}
            """)
        let events = try Self.runEvents(directory)
        let preempted = events.filter { ($0["reason"] as? String) == "Preempted" }
        let victim = preempted.first?["involvedObject"] as? [String: Any]
        #expect(victim?["name"] as? String == "filler")
        #expect(preempted.first?["t"] as? Double == 20)
        #expect(Self.names(try Self.get("pods", directory, at: "1m")) == ["urgent"])
    }

    @Test("a PDB applied at 30 s stops a drain at 60 s from evicting its pods; the others are evicted and replaced")
    func budgetAppliedByActionProtects() throws {
        let directory = try Self.scenario(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db}
            spec:
              replicas: 2
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                  - {name: db, image: postgres:16, resources: {requests: {cpu: 100m}}}
            ---
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
                  - {name: web, image: nginx:1.25, resources: {requests: {cpu: 100m}}}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: pdb-drain}
            spec:
              duration: 3m
              timing: ideal
              nodes:
              - {name: worker, count: 1, capacity: {cpu: "4", memory: 16Gi, pods: "110"}}
              actions:
              - at: 30s
                apply:
                  inline:
                    apiVersion: policy/v1
                    kind: PodDisruptionBudget
                    metadata: {name: db}
                    spec:
                      minAvailable: 2
                      selector: {matchLabels: {app: db}}
              - at: 40s
                node: {add: worker}
              - at: 60s
                drain: {node: worker-0}
            """)
        let before = Self.nodesOfPods(try Self.get("pods", directory, at: "59s", ["-o", "wide"]))
        let after = Self.nodesOfPods(try Self.get("pods", directory, at: "2m", ["-o", "wide"]))
        let db = before.keys.filter { $0.hasPrefix("db-") }.sorted()
        #expect(db.count == 2)
        for name in db { #expect(after[name] == "worker-0", "db pod \(name) was evicted: \(after)") }
        let web = after.filter { $0.key.hasPrefix("web-") }
        #expect(web.count == 2)
        #expect(web.values.allSatisfy { $0 == "worker-1" }, "\(after)")
        #expect(Set(web.keys).isDisjoint(with: Set(before.keys)), "web pods were not replaced")
    }

    @Test("a DaemonSet runs one pod per node it tolerates, follows nodes that join and leave")
    func daemonSetFollowsNodes() throws {
        let directory = try Self.scenario(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: log-agent}
            spec:
              selector: {matchLabels: {app: log-agent}}
              template:
                metadata: {labels: {app: log-agent}}
                spec:
                  containers:
                  - {name: agent, image: fluent-bit:3.0, resources: {requests: {cpu: 200m, memory: 128Mi}}}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: daemonset}
            spec:
              duration: 3m
              timing: ideal
              nodes:
              - {name: worker, count: 2, capacity: {cpu: "4", memory: 16Gi, pods: "110"}}
              - name: gpu
                count: 1
                capacity: {cpu: "8", memory: 32Gi, pods: "110"}
                taints: [{key: nvidia.com/gpu, value: "present", effect: NoSchedule}]
              actions:
              - at: 60s
                node: {add: worker}
              - at: 90s
                node: {name: worker-0, remove: true}
            """)
        let start = Self.nodesOfPods(try Self.get("pods", directory, at: "30s", ["-o", "wide"]))
        #expect(start.values.sorted() == ["worker-0", "worker-1"], "\(start)")
        let joined = Self.nodesOfPods(try Self.get("pods", directory, at: "70s", ["-o", "wide"]))
        #expect(joined.values.sorted() == ["worker-0", "worker-1", "worker-2"], "\(joined)")
        let left = Self.nodesOfPods(try Self.get("pods", directory, at: "2m", ["-o", "wide"]))
        #expect(left.values.sorted() == ["worker-1", "worker-2"], "\(left)")
        #expect(left.keys.allSatisfy { $0.hasPrefix("log-agent-") })
    }

    @Test(
        "a StatefulSet with OrderedReady creates pods in ordinal order, each after the previous is Ready, and scales down from the highest"
    )
    func statefulSetOrderedReady() throws {
        let directory = try Self.scenario(
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                  - name: db
                    image: postgres:16
                    resources: {requests: {cpu: 100m}}
                    readinessProbe:
                      exec: {command: [pg_isready]}
                      initialDelaySeconds: 5
                      periodSeconds: 5
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: statefulset}
            spec:
              duration: 5m
              timing: ideal
              nodes:
              - {name: worker, count: 2, capacity: {cpu: "4", memory: 16Gi, pods: "110"}}
              actions:
              - at: 2m
                scale: {kind: StatefulSet, name: db, replicas: 1}
            """)
        let events = try Self.runEvents(directory)
        func times(_ reason: String) -> [(String, Double)] {
            events.filter {
                ($0["reason"] as? String) == reason && ($0["message"] as? String)?.contains("StatefulSet db") == true
            }
            .map { ($0["message"] as! String, $0["t"] as! Double) }
        }
        let created = times("SuccessfulCreate")
        #expect(created.map(\.0) == (0...2).map { "create Pod db-\($0) in StatefulSet db successful" })
        // Each pod is created only once the previous one is Ready: the readiness probe passes
        // 5 s after the container starts, so creations are at least 5 s apart.
        for (previous, next) in zip(created, created.dropFirst()) { #expect(next.1 - previous.1 >= 5) }
        let deleted = times("SuccessfulDelete")
        #expect(
            deleted.map(\.0) == [
                "delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful",
            ])
        #expect(deleted.allSatisfy { $0.1 >= 120 })
        #expect(Self.names(try Self.get("pods", directory, at: "4m")) == ["db-0"])
    }

    @Test("patch.template is applied as a strategic merge patch; patch.container must name a container")
    func patchActions() throws {
        let directory = try Self.scenario(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: nginx:1.25, resources: {requests: {cpu: 100m}}}
                  - {name: sidecar, image: envoy:1.30}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: patches}
            spec:
              duration: 3m
              timing: ideal
              nodes:
              - {name: worker, count: 1, capacity: {cpu: "4", memory: 16Gi, pods: "110"}}
              actions:
              - at: 30s
                patch:
                  kind: Deployment
                  name: web
                  template:
                    spec:
                      containers:
                      - {name: web, resources: {requests: {cpu: 250m}}}
              - at: 60s
                patch: {kind: Deployment, name: web, container: proxy, image: envoy:1.31}
              - at: 90s
                patch: {kind: Deployment, name: web, image: busybox:1.36}
            """)
        let out = directory.appendingPathComponent("out")
        let run = try CLITests.kubesim(["run", directory.path, "--out", out.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("no container named \"proxy\""), "\(run.stderr)")
        let summary = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                as? [String: Any])
        #expect((summary["api"] as? [String: Any])?["rejectedWrites"] as? Int == 1)
        let afterTemplate = try Self.names(Self.get("pods", directory, at: "50s")).filter { $0.hasPrefix("web-") }
        let describe = try CLITests.kubesim(["describe", "pod", afterTemplate[0], directory.path, "--at", "50s"])
        let requests = describe.stdout.components(separatedBy: "Requests:").dropFirst().first ?? ""
        #expect(requests.prefix(40).contains("cpu:") && requests.prefix(40).contains("250m"), "\(describe.stdout)")
        let final = try Self.names(Self.get("pods", directory, at: "2m30s")).filter { $0.hasPrefix("web-") }
        let last = try CLITests.kubesim(["describe", "pod", final[0], directory.path, "--at", "2m30s"])
        // Without a container name, every container gets the image.
        #expect(last.stdout.components(separatedBy: "Image:          busybox:1.36").count == 3, "\(last.stdout)")
    }

    @Test("an action's invalid manifest file fails validate with its file and line; an admission refusal is counted")
    func badActionPayloads() throws {
        let directory = try Self.scenario(
            """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: bad-actions}
            spec:
              duration: 1m
              timing: ideal
              nodes:
              - {name: worker, count: 1, capacity: {cpu: "4", memory: 16Gi, pods: "110"}}
              actions:
              - at: 10s
                apply: {file: later.yaml}
            """)
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: later}
        spec:
          containers:
          - name: app
            image: nginx:1.25
            resources: {requests: {cpu: lots}}
        """.write(to: directory.appendingPathComponent("later.yaml"), atomically: true, encoding: .utf8)
        let validate = try CLITests.kubesim(["validate", directory.appendingPathComponent("scenario.yaml").path])
        #expect(validate.status == 1, "\(validate.stdout)\(validate.stderr)")
        #expect((validate.stdout + validate.stderr).contains("later.yaml:8"), "\(validate.stdout)\(validate.stderr)")

        // An object in a namespace nobody creates is refused by validate too.
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: later, namespace: team-a}
        spec:
          containers:
          - {name: app, image: nginx:1.25}
        """.write(to: directory.appendingPathComponent("later.yaml"), atomically: true, encoding: .utf8)
        let namespace = try CLITests.kubesim(["validate", directory.appendingPathComponent("scenario.yaml").path])
        #expect(namespace.status == 1)
        #expect((namespace.stdout + namespace.stderr).contains("namespaces \"team-a\" not found"))

        // Applying the same Pod twice: the second write is refused at run time (AlreadyExists),
        // reported, counted, and the run goes on.
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: later}
        spec:
          containers:
          - {name: app, image: nginx:1.25}
        """.write(to: directory.appendingPathComponent("later.yaml"), atomically: true, encoding: .utf8)
        try String(contentsOf: directory.appendingPathComponent("scenario.yaml"), encoding: .utf8)
            .appending("\n  - at: 20s\n    apply: {file: later.yaml}\n")
            .write(to: directory.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let run = try CLITests.kubesim([
            "run", directory.appendingPathComponent("scenario.yaml").path, "--out", out.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("pods \"later\" already exists"), "\(run.stderr)")
        #expect(run.stdout.contains("1 writes refused"))
    }

    @Test("every kind is stored and listed: built-in namespaces, ConfigMaps, an unmodelled kind; delete removes it")
    func everyKindIsListed() throws {
        let directory = try Self.scenario(
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {a: "1", b: "2"}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: front, namespace: shop}
            spec: {rules: [{host: shop.example}]}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: kinds}
            spec:
              duration: 2m
              timing: ideal
              actions:
              - at: 60s
                delete: {kind: ConfigMap, namespace: shop, name: settings}
            """)
        let validate = try CLITests.kubesim(["validate", directory.path])
        #expect(validate.stdout.contains("kind \"Ingress\" is not simulated; its objects are stored as they are"))
        #expect(
            Self.names(try Self.get("namespaces", directory, at: "10s")) == [
                "default", "kube-node-lease", "kube-public", "kube-system", "shop",
            ])
        let maps = try Self.get("cm", directory, at: "10s", ["-n", "shop"])
        #expect(maps.contains("settings") && maps.contains("2"), "\(maps)")
        #expect(Self.names(try Self.get("ingresses", directory, at: "10s", ["-n", "shop"])) == ["front"])
        // kubectl writes "No resources found" to stderr (get.go: o.ErrOut) and exits 0.
        let none = try CLITests.kubesim(["get", "configmaps", directory.path, "--at", "90s", "-n", "shop"])
        #expect(none.status == 0 && none.stdout.isEmpty)
        #expect(none.stderr == "No resources found in shop namespace.\n")
        let unknown = try CLITests.kubesim(["get", "widgets", directory.path, "--at", "10s"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("doesn't have a resource type \"widgets\""))
    }
}
