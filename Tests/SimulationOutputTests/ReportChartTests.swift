import Testing

@testable import SimulationOutput

/// The report's chart helpers where the rendered page looked wrong in Chromium (scripts/check-report
/// renders the whole page): latency histograms, time axes, long Gantt labels.
@Suite struct ReportChartTests {
    @Test("zero latencies get their own bin instead of dozens of empty '≥0ms' bins before the first value")
    func zeroBin() {
        var recorder = LatencyRecorder()
        for _ in 0..<3 { recorder.record(value: 0) }
        recorder.record(value: 150)  // 150 µs: log10(1.5e-4) × 5 = −19.1, bin −20, lower edge 10^−4 s
        recorder.record(value: 2_000_000)  // 2 s: log10(2) × 5 = 1.5, bin 1, lower edge 10^0.2 s = 1.585 s
        let bins = HTMLReport.logBins(recorder.histogram)
        // One zero bin, then bins −20…1: 22 of them.
        #expect(bins.count == 1 + 22)
        #expect(bins.first?.label == "≤1µs")
        #expect(bins.first?.count == 3)
        #expect(bins[1].label == "≥100µs")
        #expect(bins[1].count == 1)
        #expect(bins.last?.label == "≥1.58s")
        #expect(bins.last?.count == 1)
        #expect(!bins.contains { $0.label == "≥0ms" })
        #expect(bins.reduce(0) { $0 + $1.count } == 5)
    }

    /// (span, expected step) in seconds, for about 6 ticks.
    static let timeSteps: [(Double, Double)] = [
        (1200, 300),  // 20 min / 6 = 200 s → 5 min, not 200 s (3m20s)
        (1800, 300),  // 300 s → 5 min
        (3000, 600),  // 500 s → 10 min, not 500 s (8m20s)
        (6, 1),  // 1 s
        (0.6, 0.1),  // below a second: 1-2-5
        (86400, 18000),  // 4 h → 5 h
    ]

    @Test("time axes step in clock units", arguments: timeSteps)
    func timeStep(span: Double, step: Double) {
        #expect(abs(SVGChart.niceTimeStep(span, count: 6) - step) < 1e-9)
    }

    @Test("long Gantt labels keep both ends around an ellipsis")
    func abbreviatedLabel() {
        let name = "kube-system/coredns-autoscaler-5d78c9869d-abcde"  // 47 characters
        let shown = SVGChart.abbreviated(name, limit: 34)
        #expect(shown.count == 34)
        // 17 characters, the ellipsis, 16 characters.
        #expect(shown == "kube-system/cored" + "…" + "5d78c9869d-abcde")
        #expect(SVGChart.abbreviated("default/web-0", limit: 34) == "default/web-0")
    }
}
