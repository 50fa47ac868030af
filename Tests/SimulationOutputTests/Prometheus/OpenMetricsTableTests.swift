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
    func keysAndLabels() throws {
        let output = try StreamingTextFile(url: nil)
        let writer = OpenMetricsWriter(output: output, registry: MetricsRegistry(), startUnixMilliseconds: 0)
        var rendered = 0
        var first = MetricsSnapshot(time: .zero)
        first.add(.kubeletRunningPods, key: 7, 1) {
            rendered += 1
            return #"node="a""#
        }
        writer.add(first)
        var second = MetricsSnapshot(time: .seconds(10))
        second.add(.kubeletRunningPods, key: 7, 1) {
            rendered += 1
            return #"node="a""#
        }
        // The snapshot renders labels (for /metrics); the writer's table asks only for key 7's
        // first sample, which the snapshot already did: two renderings in all.
        writer.add(second)
        #expect(rendered == 2)
        // Sample 3: the same labels under a new key, and an unkeyed series.
        var third = MetricsSnapshot(time: .seconds(20))
        third.add(.kubeletRunningPods, key: 12, 3) { #"node="a""# }
        third.add(.kubeletRunningPods, #"node="b""#, 0)
        writer.add(third)
        try writer.finish()
        // Series a at 0, 10 and 20 s (values 1, 1, 3), then b at 20 s.
        let lines = output.text.split(separator: "\n").filter { $0.hasPrefix("kubelet_running_pods{") }
        #expect(
            lines == [
                #"kubelet_running_pods{node="a",job="kubelet"} 1 0"#,
                #"kubelet_running_pods{node="a",job="kubelet"} 1 10"#,
                #"kubelet_running_pods{node="a",job="kubelet"} 3 20"#,
                #"kubelet_running_pods{node="b",job="kubelet"} 0 20"#,
            ])
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
        // Pending, before any status: kube_pod_info, one kube_pod_owner with empty labels (no
        // owner), the 5 phases and the container's cpu and memory requests: 9 keyed series
        // (the pod's), keys 0–8; no conditions and no container statuses yet.
        #expect(pending.map(\.key) == Array(0..<9))
        #expect(again.map(\.key) == pending.map(\.key))
        #expect(again.map(\.labels) == pending.map(\.labels))
        // Bound, with an IP and running: new keys for every pod series, none reused.
        #expect(Set(running.map(\.key)).isDisjoint(with: pending.map(\.key)))
        // No key ever stands for two label sets.
        var seen: [Int32: String] = [:]
        for entry in pending + again + running {
            let text = "\(entry.id.rawValue) " + entry.labels
            #expect(seen[entry.key, default: text] == text)
            seen[entry.key] = text
        }
    }
}
