import Foundation
import Testing

@testable import SimulationOutput

/// Percentiles with samples censored at the end of the run, against ranks worked out by hand.
///
/// Values below 2048 are exact in an HdrHistogram with three significant digits, so the
/// recorded samples 1, 2, …, 100 (plain counts, scale 1) come back as themselves.
@Suite struct CensoredDistributionTests {
    static func oneToHundred() -> LatencyRecorder {
        var recorder = LatencyRecorder()
        for value in 1...100 { recorder.record(value: UInt64(value)) }
        return recorder
    }

    static func censored(_ values: [UInt64]) -> CensoredSamples {
        var samples = CensoredSamples()
        for value in values { samples.record(atLeast: value) }
        return samples
    }

    @Test("five censored samples above 1…100: ranks over 105 samples")
    func fiveCensored() {
        let summary = Self.oneToHundred().summary(scale: 1, censored: Self.censored([300, 200, 250, 400, 500]))
        // n = 105. p50: rank ⌈52.5⌉ = 53 → 53. p90: ⌈94.5⌉ = 95 → 95. p99: ⌈103.95⌉ = 104 > 100
        // recorded → censored. p99.9: ⌈104.895⌉ = 105 → censored. The maximum is censored too.
        #expect(summary.p50 == 53)
        #expect(summary.p90 == 95)
        #expect(summary.p99 == nil)
        #expect(summary.p999 == nil)
        #expect(summary.max == nil)
        #expect(summary.censored == 5)
        #expect(summary.atLeast == 200)  // the smallest censored value
        // Count, mean and minimum are over the recorded samples: (1 + 100) / 2.
        #expect(summary.count == 100)
        #expect(summary.mean == 50.5)
        #expect(summary.min == 1)
    }

    @Test("one censored sample: p99 still recorded, p99.9 censored")
    func oneCensored() {
        let summary = Self.oneToHundred().summary(scale: 1, censored: Self.censored([150]))
        // n = 101. p99: ⌈99.99⌉ = 100 → 100. p99.9: ⌈100.899⌉ = 101 → censored.
        #expect(summary.p99 == 100)
        #expect(summary.p999 == nil)
        #expect(summary.atLeast == 150)
    }

    @Test("half the samples censored: the median is censored")
    func halfCensored() {
        let summary = Self.oneToHundred().summary(scale: 1, censored: Self.censored(Array(repeating: 7, count: 100)))
        // n = 200. p50: rank 100 → 100 (the last recorded). p90: rank 180 → censored.
        #expect(summary.p50 == 100)
        #expect(summary.p90 == nil)
        #expect(summary.atLeast == 7)
        let more = Self.oneToHundred().summary(scale: 1, censored: Self.censored(Array(repeating: 7, count: 101)))
        // n = 201. p50: ⌈100.5⌉ = 101 → censored.
        #expect(more.p50 == nil)
    }

    @Test("no censored samples: HdrHistogram's nearest rank, exact extremes")
    func uncensored() {
        let summary = Self.oneToHundred().summary(scale: 1)
        #expect(summary.p50 == 50)
        #expect(summary.p90 == 90)
        #expect(summary.p99 == 99)
        #expect(summary.p999 == 100)
        #expect(summary.max == 100)
        #expect(summary.censored == 0)
        #expect(summary.atLeast == nil)
    }

    @Test("only censored samples: every percentile unknown")
    func onlyCensored() {
        let summary = LatencyRecorder().summary(censored: Self.censored([3_000_000, 2_000_000]))
        #expect(summary.count == 0)
        #expect(summary.p50 == nil)
        #expect(summary.censored == 2)
        #expect(summary.atLeast == 2)  // µs → s
    }

    @Test("the rank walk agrees with HdrHistogram where the ranks coincide")
    func rankWalkAgrees() {
        // Latencies spread over many buckets (7 µs to ~70 s): with c censored samples and
        // percentile p, the recorded rank is ⌈p(n + c)/100⌉; HdrHistogram's own percentile
        // 100·rank/n gives the same rank when that product is exact.
        var recorder = LatencyRecorder()
        var x: UInt64 = 7
        for _ in 0..<1000 {
            recorder.record(value: x)
            x = (x * 1_103_515_245 + 12345) % 70_000_000 + 7
        }
        // n = 1000, c = 1000: p50 → rank 1000 = HdrHistogram's p100 (the maximum);
        // p25 → rank 500 = HdrHistogram's p50.
        #expect(recorder.quantile(25, censored: 1000) == recorder.histogram.valueAtPercentile(50))
        #expect(recorder.quantile(50, censored: 1000) == recorder.summary(scale: 1).max.map { UInt64($0) })
        #expect(recorder.quantile(50.05, censored: 1000) == nil)
    }

    @Test("JSON: null percentiles with censored and atLeast; neither key when nothing is censored")
    func json() throws {
        let censored = Self.oneToHundred().summary(scale: 1, censored: Self.censored([1200]))
        let object = try #require(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(censored)) as? [String: Any])
        #expect(object["p999"] is NSNull)
        #expect(object["max"] is NSNull)
        #expect(object["censored"] as? Int == 1)
        #expect(object["atLeast"] as? Double == 1200)
        #expect(object["p99"] as? Double == 100)
        #expect(try JSONDecoder().decode(DistributionSummary.self, from: JSONEncoder().encode(censored)) == censored)

        let plain = Self.oneToHundred().summary(scale: 1)
        let plainObject = try #require(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any])
        #expect(plainObject["censored"] == nil)
        #expect(plainObject["atLeast"] == nil)
        #expect(plainObject["max"] as? Double == 100)
    }

    @Test("tables show a censored percentile as more than the smallest censored value")
    func tableText() {
        var summary = DistributionSummary()
        summary.p99 = nil
        summary.censored = 3
        summary.atLeast = 1200
        #expect(summary.text(summary.p99) { "\($0)" } == "> 20m")
        #expect(summary.text(summary.p50) { "\($0)" } == "0.0")
    }
}
