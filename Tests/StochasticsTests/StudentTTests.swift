import Testing

@testable import Stochastics

/// Student-t quantiles against printed tables (any statistics textbook's t table; values to six
/// digits from scipy.stats.t.ppf).
@Suite struct StudentTTests {
    @Test(
        "t quantiles match the t table",
        arguments: [
            (0.975, 4.0, 2.776445), (0.975, 1.0, 12.706205), (0.975, 9.0, 2.262157), (0.975, 29.0, 2.045230),
            (0.95, 10.0, 1.812461), (0.995, 3.0, 5.840909), (0.975, 1e6, 1.959966),
        ])
    func quantiles(p: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: df) - expected) < 1e-5)
    }

    @Test("the CDF is symmetric and inverts the quantile")
    func cdf() {
        #expect(abs(StudentT.cdf(0, degreesOfFreedom: 5) - 0.5) < 1e-12)
        #expect(abs(StudentT.cdf(2.776445, degreesOfFreedom: 4) - 0.975) < 1e-6)
        #expect(abs(StudentT.cdf(-2.776445, degreesOfFreedom: 4) - 0.025) < 1e-6)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 4) + 2.776445) < 1e-5)
    }

}
