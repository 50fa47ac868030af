import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `metrics.om` and `/metrics` read by a real Prometheus (Debian's package: `promtool` builds
/// TSDB blocks from the file, `prometheus` serves them or scrapes `kubesim serve`). Queries must
/// give what kubesim's own `metrics.csv` and `summary.json` say, and recording rules of the
/// kubernetes-mixin must evaluate. Skipped, with a message, where Prometheus is not installed.
@Suite(.serialized) struct PrometheusCLITests {
    /// Recording rules of the kubernetes-mixin (`rules/apps.libsonnet`, clusterLabel `cluster`,
    /// kubeStateMetricsSelector `job="kube-state-metrics"`) over the kube-state-metrics series.
    static let mixinRules: [(record: String, expression: String)] = [
        (
            "cluster:namespace:pod_cpu:active:kube_pod_container_resource_requests",
            """
            kube_pod_container_resource_requests{resource="cpu",job="kube-state-metrics"} * on (namespace, pod, cluster)
            group_left() max by (namespace, pod, cluster) ((kube_pod_status_phase{phase=~"Pending|Running"} == 1))
            """
        ),
        (
            "namespace_memory:kube_pod_container_resource_requests:sum",
            """
            sum by (namespace, cluster) (sum by (namespace, pod, cluster) (max by (namespace, pod, container, cluster) (
              kube_pod_container_resource_requests{resource="memory",job="kube-state-metrics"}
            ) * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (
              kube_pod_status_phase{phase=~"Pending|Running"} == 1)))
            """
        ),
        (
            "namespace_workload_pod:kube_pod_owner:relabel",
            """
            max by (cluster, namespace, workload, pod) (label_replace(label_replace(
              kube_pod_owner{job="kube-state-metrics", owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.*)"
            ) * on(replicaset, namespace, cluster) group_left(owner_name) topk by(cluster, replicaset, namespace) (
              1, max by (cluster, replicaset, namespace, owner_name) (
                kube_replicaset_owner{job="kube-state-metrics", owner_kind="Deployment"})),
            "workload", "$1", "owner_name", "(.*)"))
            """
        ),
        (
            "node_namespace_pod:kube_pod_info:",
            """
            topk by(cluster, namespace, pod) (1, max by (cluster, node, namespace, pod) (
              label_replace(kube_pod_info{job="kube-state-metrics",node!=""}, "pod", "$1", "pod", "(.*)")))
            """
        ),
    ]

    static var rulesYAML: String {
        var text = "groups:\n- name: kubernetes-mixin\n  rules:\n"
        for rule in mixinRules {
            text += "  - record: \"\(rule.record)\"\n    expr: |\n"
            for line in rule.expression.split(separator: "\n") { text += "      \(line)\n" }
        }
        return text
    }

    /// `metrics.csv` rows by their `t` column.
    static func csvRows(_ text: String) -> [Int: [String: Double]] {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        guard let header = lines.first else { return [:] }
        var rows: [Int: [String: Double]] = [:]
        for line in lines.dropFirst() {
            var row: [String: Double] = [:]
            for (name, field) in zip(header, line) { row[name] = Double(field) }
            if let t = row["t"] { rows[Int(t)] = row }
        }
        return rows
    }

    /// The index of the bucket (`le` bounds, `+Inf` last) that holds `value`.
    static func bucket(of value: Double, _ bounds: [Double]) -> Int {
        bounds.firstIndex { value <= $0 } ?? bounds.count
    }

    @Test("the demo's metrics.om, as TSDB blocks in Prometheus, answers as metrics.csv and summary.json")
    func backfilledRun() throws {
        if let missing = LocalPrometheus.missing {
            print("skipped: \(missing)")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The bundled demo, whose realistic timing makes pod startups take time.
        let scenario = directory.appendingPathComponent("demo")
        try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent("scenarios/demo"), to: scenario)
        let scenarioFile = scenario.appendingPathComponent("scenario.yaml")
        // The demo states realistic timing itself; checked, so a change there fails here first.
        let original = try String(contentsOf: scenarioFile, encoding: .utf8)
        try #require(original.contains("timing: realistic"))
        let out = directory.appendingPathComponent("out")
        let run = try CLITests.kubesim([
            "run", scenario.path, "--out", out.path, "--quiet", "--start-time", "2026-06-01T00:00:00Z",
        ])
        try #require(run.status == 0, "\(run.stderr)")
        let start = Int64(try #require(ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z")).timeIntervalSince1970)

        let om = try String(contentsOf: out.appendingPathComponent("metrics.om"), encoding: .utf8)
        #expect(om.hasSuffix("\n# EOF\n"))
        let firstSample = try #require(om.split(separator: "\n").first { !$0.hasPrefix("#") })
        #expect(firstSample.hasSuffix(" \(start)"))

        let storage = directory.appendingPathComponent("tsdb")
        let blocks = try CLITests.execute(
            URL(fileURLWithPath: LocalPrometheus.promtool),
            ["tsdb", "create-blocks-from", "openmetrics", out.appendingPathComponent("metrics.om").path, storage.path])
        try #require(blocks.status == 0, "promtool: \(blocks.stderr)\(blocks.stdout)")

        try Self.rulesYAML.write(to: directory.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        let configuration = directory.appendingPathComponent("prometheus.yml")
        try "global:\n  evaluation_interval: 1s\nrule_files: [rules.yml]\n"
            .write(to: configuration, atomically: true, encoding: .utf8)
        let check = try CLITests.execute(
            URL(fileURLWithPath: LocalPrometheus.promtool), ["check", "config", configuration.path])
        try #require(check.status == 0, "promtool check config: \(check.stdout)\(check.stderr)")

        // No staleness markers in a file: a lookback just under the 10 s sample interval makes
        // a series that is gone at a sample absent at that instant.
        let prometheus = try LocalPrometheus(
            storage: storage, configuration: configuration, extra: ["--query.lookback-delta=9s"])
        defer { prometheus.stop() }

        let rows = Self.csvRows(try String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8))
        // Before the node failure (10 m), during it, and after its recovery (25 m).
        for t in [300, 900, 1200, 1620] {
            let row = try #require(rows[t])
            let at = start + Int64(t)
            for phase in ["Pending", "Running", "Succeeded", "Failed"] {
                let count = try prometheus.value("sum(kube_pod_status_phase{phase=\"\(phase)\"})", at: at)
                #expect(count == row[phase.lowercased()], "\(phase) pods at t=\(t)")
            }
            #expect(try prometheus.value("sum(kubelet_running_pods)", at: at) == row["running"])
            // Running pods per node, from kube-state-metrics joined on kube_pod_info, and from
            // the kubelets.
            let joined = try prometheus.query(
                "sum by (node) (kube_pod_status_phase{phase=\"Running\"} * on (namespace, pod, uid) group_left (node) kube_pod_info) > 0",
                at: at)
            let kubelets = try prometheus.query("kubelet_running_pods > 0", at: at)
            #expect(
                Dictionary(uniqueKeysWithValues: joined.map { ($0.labels["node"] ?? "", $0.value) })
                    == Dictionary(uniqueKeysWithValues: kubelets.map { ($0.labels["node"] ?? "", $0.value) }),
                "running pods per node at t=\(t)")
            let allocatable = try prometheus.value("sum(kube_node_status_allocatable{resource=\"cpu\"})", at: at)
            #expect(abs(allocatable - (row["allocatable_cpu"] ?? -1)) < 1e-9, "allocatable CPU at t=\(t)")
            // The mixin's active requests counts Pending pods not yet bound; metrics.csv counts
            // what is requested on nodes: the bound ones (kube_pod_info with a node).
            let requested = try prometheus.value(
                "sum((" + Self.mixinRules[0].expression + ")"
                    + " * on (namespace, pod) group_left() max by (namespace, pod) (kube_pod_info{node!=\"\"}))",
                at: at)
            #expect(abs(requested - (row["requested_cpu"] ?? -1)) < 1e-9, "requested CPU at t=\(t)")
            // Every ReplicaSet-owned pod is attributed to its Deployment by the mixin's relabel.
            let workloads = try prometheus.query(Self.mixinRules[2].expression, at: at)
            let owned = try prometheus.value("count(kube_pod_owner{owner_kind=\"ReplicaSet\"})", at: at)
            #expect(Double(workloads.count) == owned)
            #expect(workloads.allSatisfy { $0.labels["workload"] == "web" })
        }

        let summaryData = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
        let pods = try #require(summary["pods"] as? [String: Any])
        let latency = try #require(summary["latency"] as? [String: Any])
        let restarts = try #require(summary["restarts"] as? [String: Any])
        let end = start + 1800
        // Restarts: the largest count each container series reached, summed over the run.
        let restartTotal = try prometheus.value(
            "sum(max_over_time(kube_pod_container_status_restarts_total[1h]))", at: end)
        #expect(restartTotal == (restarts["total"] as? Double))
        #expect((restarts["total"] as? Double ?? 0) > 0)
        #expect(
            try prometheus.value("sum(scheduler_schedule_attempts_total{result=\"scheduled\"})", at: end)
                == (pods["scheduled"] as? Double))
        // Latency histograms: every observation counted, and the p99 read from the buckets in
        // the bucket of summary.json's p99 (or the one next to it).
        let histograms: [(metric: String, key: String, bounds: [Double])] = [
            (
                "kubelet_pod_start_sli_duration_seconds", "podStartupSLO",
                [
                    0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800,
                    2700, 3600,
                ]
            ),
            (
                "scheduler_pod_scheduling_sli_duration_seconds", "scheduling",
                (0..<20).map { 0.01 * pow(2, Double($0)) }
            ),
        ]
        for (metric, key, bounds) in histograms {
            let figures = try #require(latency[key] as? [String: Any])
            let count = try prometheus.value("sum(\(metric)_count)", at: end)
            #expect(count == (figures["count"] as? Double), "\(metric) count")
            let p99 = try prometheus.value("histogram_quantile(0.99, sum by (le) (\(metric)_bucket))", at: end)
            let expected = try #require(figures["p99"] as? Double)
            #expect(
                abs(Self.bucket(of: p99, bounds) - Self.bucket(of: expected, bounds)) <= 1,
                "\(metric) p99 \(p99) vs summary.json \(expected)")
        }

        // The recording rules: each evaluated by the server without error.
        var health: [String] = []
        let deadline = Date().addingTimeInterval(30)
        repeat {
            usleep(500_000)
            let (_, body) = try prometheus.get("/api/v1/rules")
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            let groups = (json?["data"] as? [String: Any])?["groups"] as? [[String: Any]] ?? []
            let rules = groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
            health = rules.compactMap { rule in
                guard let evaluated = rule["lastEvaluation"] as? String, !evaluated.hasPrefix("0001") else {
                    return nil
                }
                return (rule["health"] as? String ?? "") + " " + (rule["lastError"] as? String ?? "")
            }
        } while health.count < Self.mixinRules.count && Date() < deadline
        #expect(health == [String](repeating: "ok ", count: Self.mixinRules.count))
    }

    @Test(
        "--start-time moves metrics.om's timestamps; outputs.openMetrics and --metrics-om decide whether it is written")
    func startTimeAndSwitches() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = directory.appendingPathComponent("one-node")
        try FileManager.default.copyItem(
            at: CLITests.root.appendingPathComponent("docs/examples/one-node"), to: scenario)
        let moved = try CLITests.kubesim([
            "run", scenario.path, "--out", directory.appendingPathComponent("moved").path, "--quiet",
            "--start-time", "2026-03-01T09:00:00+01:00",
        ])
        try #require(moved.status == 0, "\(moved.stderr)")
        let om = try String(
            contentsOf: directory.appendingPathComponent("moved/metrics.om"), encoding: .utf8)
        // 2026-03-01T08:00:00Z: 59 days after 2026-01-01 (1767225600) plus 8 hours.
        let start = 1_767_225_600 + 59 * 86_400 + 8 * 3_600
        let stamps = om.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
            $0.split(separator: " ").last
        }
        #expect(stamps.first == "\(start)"[...])
        // 30 minutes at the default 10 s: 181 instants, the last at start + 1800.
        #expect(Set(stamps).count == 181)
        #expect(stamps.contains("\(start + 1800)"[...]))

        let bad = try CLITests.kubesim(["run", scenario.path, "--quiet", "--start-time", "yesterday"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--start-time yesterday: must be an RFC 3339 time"), "\(bad.stderr)")

        let file = scenario.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(
            of: "  duration: 30m\n", with: "  duration: 30m\n  outputs: {openMetrics: false}\n"
        )
        .write(to: file, atomically: true, encoding: .utf8)
        let off = directory.appendingPathComponent("off")
        #expect(try CLITests.kubesim(["run", scenario.path, "--out", off.path, "--quiet"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: off.appendingPathComponent("metrics.om").path))
        #expect(FileManager.default.fileExists(atPath: off.appendingPathComponent("metrics.csv").path))
        let forced = directory.appendingPathComponent("forced")
        #expect(
            try CLITests.kubesim(["run", scenario.path, "--out", forced.path, "--quiet", "--metrics-om"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: forced.appendingPathComponent("metrics.om").path))
    }

    @Test(
        "kubesim serve's /metrics passes promtool check metrics, and a Prometheus scrape of it answers as metrics.csv")
    func scrapedServe() throws {
        if let missing = LocalPrometheus.missing {
            print("skipped: \(missing)")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let run = try CLITests.kubesim(["run", "scenarios/demo", "--out", out.path, "--quiet", "--no-metrics-om"])
        try #require(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.om").path))
        let row = try #require(
            Self.csvRows(try String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8))[720])

        let server = try ServeCLITests.Server(["scenarios/demo", "--at", "12m"])
        defer { server.stop() }
        let (code, text) = try server.request("GET", "/metrics", accept: "text/plain")
        #expect(code == 200)
        let metricsFile = directory.appendingPathComponent("metrics.txt")
        try text.write(to: metricsFile, atomically: true, encoding: .utf8)
        let check = try CLITests.execute(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\(LocalPrometheus.promtool) check metrics < '\(metricsFile.path)'"])
        #expect(check.status == 0, "promtool check metrics: \(check.stdout)\(check.stderr)")

        // honor_labels keeps the job labels kubesim sets (kube-state-metrics, kube-scheduler, kubelet).
        let configuration = directory.appendingPathComponent("prometheus.yml")
        try """
        global:
          scrape_interval: 1s
        scrape_configs:
        - job_name: kubesim
          honor_labels: true
          static_configs:
          - targets: ['127.0.0.1:\(server.port)']

        """.write(to: configuration, atomically: true, encoding: .utf8)
        let prometheus = try LocalPrometheus(
            storage: directory.appendingPathComponent("tsdb"), configuration: configuration)
        defer { prometheus.stop() }
        var now = Int64(Date().timeIntervalSince1970)
        let deadline = Date().addingTimeInterval(30)
        while try prometheus.query("up == 1", at: now).isEmpty && Date() < deadline {
            usleep(500_000)
            now = Int64(Date().timeIntervalSince1970)
        }
        #expect(
            try prometheus.value("sum(kube_pod_status_phase{phase=\"Running\",job=\"kube-state-metrics\"})", at: now)
                == row["running"])
        #expect(try prometheus.value("sum(kubelet_running_pods{job=\"kubelet\"})", at: now) == row["running"])
        let allocatable = try prometheus.value("sum(kube_node_status_allocatable{resource=\"cpu\"})", at: now)
        #expect(abs(allocatable - (row["allocatable_cpu"] ?? -1)) < 1e-9)
    }
}
