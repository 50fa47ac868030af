import Testing

@testable import ClusterComponents

/// The score plugins' rounding (Go's `math.Round`, half away from zero) against the standard
/// library's, on the halves and their neighbours, where a rounding rule shows.
@Suite struct ScoreRoundingTests {
    @Test("half away from zero, as Double.rounded(.toNearestOrAwayFromZero), halves and neighbours included")
    func matchesStandardRounding() {
        var values: [Double] = [0, -0.0, 0.49999999999999994, 0.5, 1.5, 2.5, 99.5, 4_503_599_627_370_495.5]
        for k in 0..<2_000 {
            let half = Double(k) + 0.5
            values += [half, half.nextUp, half.nextDown, Double(k), Double(k).nextUp, Double(k).nextDown]
            values.append(Double(k) * 0.37 + 1.0 / 3.0)
        }
        values += [1e15 + 0.5, 2e15 + 0.25, 9.007_199_254_740_992e15, 4e18]
        values += values.map { -$0 }
        for x in values {
            #expect(roundedHalfAwayFromZero(x) == Int64(x.rounded(.toNearestOrAwayFromZero)), "\(x)")
        }
        #expect(roundedHalfAwayFromZero(2.5) == 3 && roundedHalfAwayFromZero(-2.5) == -3)
        #expect(roundedHalfAwayFromZero(0.49999999999999994) == 0)
    }
}
