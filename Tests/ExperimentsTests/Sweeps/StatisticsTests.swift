import Testing

@testable import Experiments

/// Confidence intervals against values computed by hand from the t table.
@Suite struct StatisticsTests {
    @Test("5 values: mean 3, s = √2.5, half-width t(0.975, 4)·s/√5 = 1.963243")
    func fiveValues() {
        let estimate = MeanEstimate([1, 2, 3, 4, 5])
        #expect(estimate.count == 5)
        #expect(estimate.mean == 3)
        #expect(abs(estimate.standardDeviation - 2.5.squareRoot()) < 1e-12)
        #expect(abs(estimate.halfWidth - 1.963243) < 1e-5)
        #expect(abs(estimate.lower - (3 - 1.963243)) < 1e-5)
    }

    @Test("8 values: mean 5, s = 2.138090, half-width 1.787488")
    func eightValues() {
        let estimate = MeanEstimate([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(estimate.mean == 5)
        #expect(abs(estimate.standardDeviation - 2.138090) < 1e-6)
        #expect(abs(estimate.halfWidth - 1.787488) < 1e-5)
    }

    @Test("one value has no interval; infinite values have no interval")
    func degenerate() {
        #expect(MeanEstimate([4]).halfWidth.isNaN)
        #expect(MeanEstimate([4]).mean == 4)
        let withInfinity = MeanEstimate([1, .infinity, 2])
        #expect(withInfinity.mean == .infinity)
        #expect(withInfinity.halfWidth.isNaN)
        #expect(MeanEstimate([]).mean.isNaN)
    }

    @Test("paired differences: d = (1, 2, 0, 2, 1) → 1.2 ± 1.038851, significant")
    func paired() {
        let baseline: [Int: Double] = [0: 10, 1: 12, 2: 11, 3: 13, 4: 9]
        let point: [Int: Double] = [0: 11, 1: 14, 2: 11, 3: 15, 4: 10, 5: 99]  // replication 5 has no pair
        let difference = PairedDifference(values: point, baseline: baseline)
        #expect(difference.estimate.count == 5)
        #expect(abs(difference.estimate.mean - 1.2) < 1e-12)
        #expect(abs(difference.estimate.halfWidth - 1.038851) < 1e-5)
        #expect(difference.isSignificant)
    }

    @Test("pairing removes shared noise that the unpaired intervals keep")
    func pairingHelps() {
        // Large replication-to-replication noise, a constant +0.5 effect.
        let baseline: [Int: Double] = [0: 3, 1: 10, 2: 6, 3: 15]
        let point = baseline.mapValues { $0 + 0.5 }
        let difference = PairedDifference(values: point, baseline: baseline)
        #expect(abs(difference.estimate.mean - 0.5) < 1e-12)
        #expect(difference.estimate.halfWidth < 1e-9)
        #expect(MeanEstimate(Array(baseline.values)).halfWidth > 5)
    }
}
