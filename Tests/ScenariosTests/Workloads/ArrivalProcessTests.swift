import Foundation
import Scenarios
import SimulationCore
import Stochastics
import Testing

@Suite struct ArrivalProcessTests {
    /// Poisson 20/m over 10 simulated hours: the count is Poisson with mean and variance
    /// 20 × 600 = 12,000 (σ ≈ 109.5), and exponential gaps have a coefficient of variation of 1.
    @Test func poissonRateAndVariability() {
        var process = PoissonArrivals(rate: 20.0 / 60)
        var source = RandomStreams(seed: 7).stream(named: "workload/web/arrivals")
        let horizon = SimulationTime.seconds(36_000)
        var times: [Int64] = []
        while let time = process.next(using: &source), time < horizon { times.append(time.nanoseconds) }
        let expected = 12_000.0
        #expect(abs(Double(times.count) - expected) < 3 * expected.squareRoot(), "count \(times.count)")
        var gaps: [Double] = []
        var previous: Int64 = 0
        for time in times {
            gaps.append(Double(time - previous) / 1e9)
            previous = time
        }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let variance = gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count - 1)
        let cv = variance.squareRoot() / mean
        #expect(abs(mean - 3) < 0.1, "mean gap \(mean) s")
        // The CV estimate's standard error is about 1/sqrt(n) ≈ 0.009 for exponential gaps.
        #expect(abs(cv - 1) < 0.04, "coefficient of variation \(cv)")
    }

    @Test func sameSeedSameTimes() {
        func first(_ n: Int, seed: UInt64) -> [SimulationTime] {
            var process = PoissonArrivals(rate: 2)
            var source = RandomStreams(seed: seed).stream(named: "workload/x/arrivals")
            return (0..<n).compactMap { _ in process.next(using: &source) }
        }
        #expect(first(100, seed: 3) == first(100, seed: 3))
        #expect(first(100, seed: 3) != first(100, seed: 4))
    }

    /// λ(t) = m (1 + a cos(2π(t − peak)/P)). With peakToTrough 3 ⇒ a = 0.5; the expected count
    /// in the hour centred on the peak is m·3600·(1 + a·sinc) and on the trough m·3600·(1 − a·sinc),
    /// where sinc = sin(π/24)/(π/24) ≈ 0.99715 averages the cosine over one hour of a day.
    @Test func diurnalPeakToTroughRatio() throws {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: d}
            spec:
              workloads:
              - template: {inline: {metadata: {name: p}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {diurnal: {mean: 60/m, peakToTrough: 3, period: 24h, peak: 14h}}
                until: 480h
            """
        let decoded = ScenarioDecoder.decode(text: yaml, fileName: "d.yaml")
        #expect(decoded.diagnostics.isEmpty)
        guard case .diurnal(let spec) = try #require(decoded.scenario.workloads.first).arrivals else {
            Issue.record("expected diurnal arrivals")
            return
        }
        #expect(spec == DiurnalSpec(meanRate: 1, amplitude: 0.5, period: .seconds(86_400), peak: .seconds(50_400)))
        var process = DiurnalArrivals(spec: spec)
        var source = RandomStreams(seed: 11).stream(named: "workload/d/arrivals")
        let days = 20
        var peak = 0, trough = 0, total = 0
        while let time = process.next(using: &source), time < .seconds(days * 86_400) {
            total += 1
            let secondOfDay = Int(time.nanoseconds / 1_000_000_000) % 86_400
            if abs(secondOfDay - 50_400) < 1800 { peak += 1 }
            if abs(secondOfDay - 7200) < 1800 { trough += 1 }  // 12 h after the peak
        }
        let sinc = sin(Double.pi / 24) / (Double.pi / 24)
        let expectedRatio = (1 + 0.5 * sinc) / (1 - 0.5 * sinc)
        let ratio = Double(peak) / Double(trough)
        // σ(ratio) ≈ ratio × sqrt(1/peak + 1/trough) ≈ 0.06 here; allow 4σ.
        #expect(abs(ratio - expectedRatio) < 0.25, "peak \(peak), trough \(trough), ratio \(ratio)")
        let expectedTotal = Double(days * 86_400)
        #expect(abs(Double(total) - expectedTotal) < 4 * expectedTotal.squareRoot(), "total \(total)")
    }

    @Test func diurnalRateFunction() {
        let process = DiurnalArrivals(
            spec: DiurnalSpec(
                meanRate: 2, amplitude: 0.25, period: .seconds(3600),
                peak: .seconds(900)))
        #expect(abs(process.rate(at: .seconds(900)) - 2.5) < 1e-12)
        #expect(abs(process.rate(at: .seconds(2700)) - 1.5) < 1e-12)
        #expect(abs(process.rate(at: .seconds(4500)) - 2.5) < 1e-12)  // one period later
        #expect(abs(process.rate(at: .seconds(1800)) - 2) < 1e-12)  // a quarter period after the peak
    }

    @Test func fixedTimesInOrder() {
        var process = FixedArrivals(times: [.seconds(5), .zero, .seconds(2)])
        var source = RandomSource(seed: 1)
        var times: [SimulationTime] = []
        while let time = process.next(using: &source) { times.append(time) }
        #expect(times == [.zero, .seconds(2), .seconds(5)])
    }
}
