import SimulationCore
import Testing

@testable import SimulationOutput

/// The text pieces and the two renderers, against hand-written expected text.
@Suite struct ExpositionFormatTests {
    @Test("label values escape backslash, double quote and line feed, nothing else")
    func labelEscaping() {
        // a\b"c<LF>d → a\\b\"c\nd (the exposition formats' three escapes).
        #expect(ExpositionText.escapeLabelValue("a\\b\"c\nd") == #"a\\b\"c\nd"#)
        #expect(ExpositionText.escapeLabelValue("web-5c94768bf7 ü/é") == "web-5c94768bf7 ü/é")
        #expect(ExpositionText.labels(["pod": "x\"y", "node": ""]) == #"pod="x\"y",node="""#)
        #expect(ExpositionText.escapeHelp("a\\b\nc") == #"a\\b\nc"#)
    }

    @Test("values: integers without a fraction, others exact, infinities and NaN spelled out")
    func values() {
        #expect(ExpositionText.value(16) == "16")
        #expect(ExpositionText.value(68_719_476_736) == "68719476736")
        #expect(ExpositionText.value(0.25) == "0.25")
        #expect(ExpositionText.value(5242.88) == "5242.88")
        #expect(ExpositionText.value(-3) == "-3")
        #expect(ExpositionText.value(.infinity) == "+Inf")
        #expect(ExpositionText.value(-.infinity) == "-Inf")
        #expect(ExpositionText.value(.nan) == "NaN")
        #expect(Double(ExpositionText.value(1e-5)) == 1e-5)
    }

    @Test("timestamps are Unix seconds, with three decimals only when not whole")
    func timestamps() {
        #expect(ExpositionText.timestamp(unixMilliseconds: 1_767_225_600_000) == "1767225600")
        #expect(ExpositionText.timestamp(unixMilliseconds: 1_767_225_600_250) == "1767225600.250")
        #expect(ExpositionText.timestamp(unixMilliseconds: 1_767_225_600_005) == "1767225600.005")
    }

    @Test("a histogram counts each observation in the first bucket whose bound is at least it")
    func histogramBuckets() {
        var histogram = BucketHistogram(bounds: [0.5, 1, 2])
        // 0.5 is in le=0.5 (bounds are inclusive), 0.7 in le=1, 2 in le=2, 3 in +Inf.
        for value in [0.5, 0.7, 2, 3] { histogram.observe(value) }
        #expect(histogram.counts == [1, 1, 1, 1])
        #expect(histogram.cumulativeCounts == [1, 2, 3, 4])
        #expect(histogram.count == 4)
        #expect(abs(histogram.sum - 6.2) < 1e-12)
    }

    @Test("bucket bounds are the components' own")
    func bucketBounds() {
        // ExponentialBuckets(0.01, 2, 20): 0.01 … 0.01·2^19 = 5242.88 s.
        let scheduling = MetricCatalog.schedulingSLIBuckets
        #expect(scheduling.count == 20)
        #expect(scheduling.first == 0.01)
        #expect(abs(scheduling[8] - 2.56) < 1e-12)
        #expect(abs((scheduling.last ?? 0) - 5242.88) < 1e-9)
        // podStartupDurationBuckets: 25 hand-picked bounds from 0.5 s to 1 h.
        let startup = MetricCatalog.podStartupBuckets
        #expect(startup.count == 25)
        #expect(startup.first == 0.5)
        #expect(startup.last == 3600)
    }

    /// Two instants 10 s apart: a gauge present at both, one that appears at the second, a
    /// counter and a histogram.
    func snapshots() -> [MetricsSnapshot] {
        var first = MetricsSnapshot(time: .zero)
        first.add(.kubeletRunningPods, #"node="a""#, 1)
        first.add(.schedulerAttempts, #"profile="default-scheduler",result="scheduled""#, 2)
        var histogram = BucketHistogram(bounds: MetricCatalog.schedulingSLIBuckets)
        histogram.observe(0.25)
        first.add(.schedulerSchedulingSLI, #"attempts="1""#, histogram: histogram)
        var second = MetricsSnapshot(time: .seconds(10))
        second.add(.kubeletRunningPods, #"node="a""#, 2)
        second.add(.kubeletRunningPods, #"node="b\"q""#, 0)
        second.add(.schedulerAttempts, #"profile="default-scheduler",result="scheduled""#, 3)
        histogram.observe(100)
        second.add(.schedulerSchedulingSLI, #"attempts="1""#, histogram: histogram)
        return [first, second]
    }

    @Test("metrics.om groups each family and each series, stamps every point, and ends in # EOF")
    func openMetricsText() throws {
        let output = try StreamingTextFile(url: nil)
        let writer = OpenMetricsWriter(
            output: output, registry: MetricsRegistry(), startUnixMilliseconds: 1_767_225_600_000)
        for snapshot in snapshots() { writer.add(snapshot) }
        try writer.finish()
        // Scheduler families come before the kubelet's (MetricID order). Buckets of the
        // histogram: 0.25 falls in le=0.32 (0.01·2^5) and above; 100 in le=163.84 (0.01·2^14)
        // and above.
        let bounds = MetricCatalog.schedulingSLIBuckets.map(ExpositionText.value) + ["+Inf"]
        func buckets(_ counts: (Double) -> Int, _ stamp: String) -> String {
            zip(bounds, MetricCatalog.schedulingSLIBuckets + [.infinity]).map { bound, value in
                "scheduler_pod_scheduling_sli_duration_seconds_bucket{attempts=\"1\",job=\"kube-scheduler\",le=\"\(bound)\"} \(counts(value)) \(stamp)\n"
            }.joined()
        }
        let expected =
            "# TYPE scheduler_schedule_attempts counter\n"
            + "# HELP scheduler_schedule_attempts \(MetricID.schedulerAttempts.family.help)\n"
            + "scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\",job=\"kube-scheduler\"} 2 1767225600\n"
            + "scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\",job=\"kube-scheduler\"} 3 1767225610\n"
            + "# TYPE scheduler_pod_scheduling_sli_duration_seconds histogram\n"
            + "# HELP scheduler_pod_scheduling_sli_duration_seconds \(MetricID.schedulerSchedulingSLI.family.help)\n"
            + buckets({ $0 >= 0.32 ? 1 : 0 }, "1767225600")
            + "scheduler_pod_scheduling_sli_duration_seconds_count{attempts=\"1\",job=\"kube-scheduler\"} 1 1767225600\n"
            + "scheduler_pod_scheduling_sli_duration_seconds_sum{attempts=\"1\",job=\"kube-scheduler\"} 0.25 1767225600\n"
            + buckets({ $0 >= 163.84 ? 2 : $0 >= 0.32 ? 1 : 0 }, "1767225610")
            + "scheduler_pod_scheduling_sli_duration_seconds_count{attempts=\"1\",job=\"kube-scheduler\"} 2 1767225610\n"
            + "scheduler_pod_scheduling_sli_duration_seconds_sum{attempts=\"1\",job=\"kube-scheduler\"} 100.25 1767225610\n"
            + "# TYPE kubelet_running_pods gauge\n"
            + "# HELP kubelet_running_pods Number of pods that have a running pod sandbox\n"
            + "kubelet_running_pods{node=\"a\",job=\"kubelet\"} 1 1767225600\n"
            + "kubelet_running_pods{node=\"a\",job=\"kubelet\"} 2 1767225610\n"
            + "kubelet_running_pods{node=\"b\\\"q\",job=\"kubelet\"} 0 1767225610\n"
            + "# EOF\n"
        #expect(output.text == expected)
    }

    @Test("/metrics text: HELP and TYPE per family with the sample name, no timestamps")
    func prometheusText() {
        let text = PrometheusText.render(snapshots()[1])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# HELP scheduler_schedule_attempts_total \(MetricID.schedulerAttempts.family.help)")
        #expect(lines[1] == "# TYPE scheduler_schedule_attempts_total counter")
        #expect(
            lines[2]
                == "scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\",job=\"kube-scheduler\"} 3"
        )
        #expect(lines[4] == "# TYPE scheduler_pod_scheduling_sli_duration_seconds histogram")
        // 20 bounds + +Inf, then _sum and _count.
        #expect(
            lines[5]
                == "scheduler_pod_scheduling_sli_duration_seconds_bucket{attempts=\"1\",job=\"kube-scheduler\",le=\"0.01\"} 0"
        )
        #expect(
            lines[9]
                == "scheduler_pod_scheduling_sli_duration_seconds_bucket{attempts=\"1\",job=\"kube-scheduler\",le=\"0.16\"} 0"
        )
        #expect(
            lines[10]
                == "scheduler_pod_scheduling_sli_duration_seconds_bucket{attempts=\"1\",job=\"kube-scheduler\",le=\"0.32\"} 1"
        )
        #expect(
            lines[25]
                == "scheduler_pod_scheduling_sli_duration_seconds_bucket{attempts=\"1\",job=\"kube-scheduler\",le=\"+Inf\"} 2"
        )
        #expect(
            lines[26]
                == "scheduler_pod_scheduling_sli_duration_seconds_sum{attempts=\"1\",job=\"kube-scheduler\"} 100.25")
        #expect(
            lines[27] == "scheduler_pod_scheduling_sli_duration_seconds_count{attempts=\"1\",job=\"kube-scheduler\"} 2")
        #expect(lines[30] == "kubelet_running_pods{node=\"a\",job=\"kubelet\"} 2")
        #expect(lines.last == "")
        #expect(!text.contains("# EOF"))
    }
}
