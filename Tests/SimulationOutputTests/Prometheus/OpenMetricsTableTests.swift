import ClusterComponents
import SimulationCore
import Testing

@testable import SimulationOutput

/// The compact store behind `metrics.om`: series found by key or labels, points kept as runs,
/// and the registry's keys standing for one label set each.
@Suite struct OpenMetricsTableTests {
    /// A collector that keeps every series with its key, to check the registry's keys.
    struct KeyedSeries: MetricsCollector {
        var entries: [(id: MetricID, key: Int32, labels: String)] = []
        mutating func add(_ id: MetricID, key: Int32, _ value: Double, labels: () -> String) {
            entries.append((id, key, labels()))
        }
        mutating func add(_ id: MetricID, key: Int32, histogram: BucketHistogram, labels: () -> String) {
            entries.append((id, key, labels()))
        }
    }

    @Test("a key seen before needs no labels; a new key with known labels is the same series")
    func keysAndLabels() {
        var table = OpenMetricsTable()
        var rendered = 0
        func add(_ point: Int32, key: Int32, _ labels: String, _ value: Double) {
            table.point = point
            table.add(.kubeletRunningPods, key: key, value) {
                rendered += 1
                return labels
            }
        }
        add(0, key: 7, #"node="a""#, 1)
        add(1, key: 7, #"node="a""#, 1)
        // Key 7 was rendered once, at its first sample.
        #expect(rendered == 1)
        // The same labels under a new key: rendered once more, and the same series.
        add(2, key: 12, #"node="a""#, 3)
        add(2, key: -1, #"node="b""#, 0)
        #expect(rendered == 3)
        #expect(table.series.map(\.labels) == [#"node="a""#, #"node="b""#])
        let runs = table.series[0].runs.map { [Int($0.first), Int($0.count), Int(Double(bitPattern: $0.value))] }
        #expect(runs == [[0, 2, 1], [2, 1, 3]])
    }

    @Test("metrics.om from keyed snapshots: one series per label set, each point stamped")
    func keyedText() throws {
        let output = try StreamingTextFile(url: nil)
        let writer = OpenMetricsWriter(output: output, registry: MetricsRegistry(), startUnixMilliseconds: 0)
        for (seconds, key, value): (Int, Int32, Double) in [(0, 7, 1), (10, 7, 1), (20, 12, 3)] {
            var snapshot = MetricsSnapshot(time: .seconds(seconds))
            snapshot.add(.kubeletRunningPods, key: key, value) { #"node="a""# }
            if seconds == 20 { snapshot.add(.kubeletRunningPods, #"node="b""#, 0) }
            writer.add(snapshot)
        }
        try writer.finish()
        // Series a at 0, 10 and 20 s (values 1, 1, 3), then b at 20 s.
        #expect(
            output.text == "# TYPE kubelet_running_pods gauge\n"
                + "# HELP kubelet_running_pods Number of pods that have a running pod sandbox\n"
                + #"kubelet_running_pods{node="a",job="kubelet"} 1 0"# + "\n"
                + #"kubelet_running_pods{node="a",job="kubelet"} 1 10"# + "\n"
                + #"kubelet_running_pods{node="a",job="kubelet"} 3 20"# + "\n"
                + #"kubelet_running_pods{node="b",job="kubelet"} 0 20"# + "\n" + "# EOF\n")
    }

    @Test("runs of one value stop at a change and at a sample the series missed")
    func runs() {
        var table = OpenMetricsTable()
        // Samples 0–5 of one series: 1, 1, (absent), 1, 2, 2.
        for (point, value) in [(0, 1.0), (1, 1), (3, 1), (4, 2), (5, 2)] {
            table.point = Int32(point)
            table.add(.kubeletRunningPods, key: 0, value) { #"node="a""# }
        }
        let runs = table.series[0].runs.map { [Int($0.first), Int($0.count), Int(Double(bitPattern: $0.value))] }
        #expect(runs == [[0, 2, 1], [3, 1, 1], [4, 2, 2]])
    }

    @Test("an unchanged histogram keeps one state; a changed one a new state")
    func histogramStates() throws {
        var table = OpenMetricsTable()
        var histogram = BucketHistogram(bounds: [1, 2])
        histogram.observe(1.5)
        for point in 0..<3 {
            table.point = Int32(point)
            if point == 2 { histogram.observe(5) }
            table.add(.schedulerSchedulingSLI, key: -1, histogram: histogram) { #"attempts="1""# }
        }
        // Two states of (le=1, le=2, +Inf, sum): (0, 1, 1, 1.5), then (0, 1, 2, 6.5).
        #expect(table.histogramStates == [0, 1, 1, 1.5, 0, 1, 2, 6.5])
        let runs = table.series[0].runs.map { [Int($0.first), Int($0.count), Int($0.value)] }
        #expect(runs == [[0, 2, 0], [2, 1, 4]])
    }

    @Test("the registry's keys: one label set per key; a pod keeps its keys until its labels' inputs change")
    func registryKeys() {
        let t = TestCluster()
        let registry = MetricsRegistry()
        t.cluster.addSink(registry)
        let node = t.addNode("worker-0", cpu: "4", memory: "16Gi")
        t.at(1)
        let pod = t.create("web", cpu: "500m", memory: "256Mi")
        func collect() -> [(id: MetricID, key: Int32, labels: String)] {
            var collector = KeyedSeries()
            registry.collect(ClusterView(t.cluster), into: &collector)
            return collector.entries.filter { $0.key >= 0 }
        }
        let pending = collect()
        t.at(2)
        let again = collect()
        t.at(3)
        t.bind(pod, node)
        t.creating(pod)
        t.running(pod)
        let running = collect()
        func podSeries(_ entries: [(id: MetricID, key: Int32, labels: String)]) -> [Int32] {
            entries.filter { $0.labels.hasPrefix("namespace=\"default\",pod=\"web\"") }.map(\.key)
        }
        func nodeSeries(_ entries: [(id: MetricID, key: Int32, labels: String)]) -> [Int32] {
            entries.filter { $0.labels.hasPrefix("node=\"worker-0\"") }.map(\.key)
        }
        // Pending, before any status: kube_pod_info, one kube_pod_owner with empty labels (no
        // owner), the 5 phases and the container's cpu and memory requests: 9 series, the
        // first the registry keys (pods come first), so keys 0–8; no conditions and no
        // container statuses yet.
        #expect(podSeries(pending) == Array(0..<9))
        // Nothing changed: the same keys and labels for every series.
        #expect(again.map(\.key) == pending.map(\.key))
        #expect(again.map(\.labels) == pending.map(\.labels))
        // Bound, with an IP and running: new keys for every pod series, none reused; the
        // node's capacity, allocatable and taints did not change, so its keys stay.
        #expect(Set(podSeries(running)).isDisjoint(with: podSeries(pending)))
        #expect(!nodeSeries(running).isEmpty)
        #expect(nodeSeries(running) == nodeSeries(pending))
        // No key ever stands for two label sets.
        var seen: [Int32: String] = [:]
        for entry in pending + again + running {
            let text = "\(entry.id.rawValue) " + entry.labels
            #expect(seen[entry.key, default: text] == text)
            seen[entry.key] = text
        }
    }
}
