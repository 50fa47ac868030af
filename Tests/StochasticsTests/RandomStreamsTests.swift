import Testing

@testable import Stochastics

@Suite struct RandomStreamsTests {
    @Test("the same name and seed give the same sequence; other names differ")
    func reproducibleStreams() {
        let streams = RandomStreams(seed: 42)
        var a = streams.stream(named: "workload/web")
        var b = streams.stream(named: "workload/web")
        var c = streams.stream(named: "node/worker-0")
        let xs = (0..<5).map { _ in a.uniform() }
        let ys = (0..<5).map { _ in b.uniform() }
        let zs = (0..<5).map { _ in c.uniform() }
        #expect(xs == ys)
        #expect(xs != zs)
        #expect(RandomStreams(seed: 43).seed(named: "workload/web") != streams.seed(named: "workload/web"))
    }

    @Test("FNV-1a matches its published test vectors")
    func fnvVectors() {
        // Vectors from the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/).
        #expect(RandomStreams.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(RandomStreams.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(RandomStreams.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test(
        "sample means match theory (100k draws)",
        arguments: [
            (Distribution.exponential(mean: 2), 2.0),
            (.lognormal(median: 1, sigma: 0.5), 1.1331),  // e^(σ²/2)
            (.gamma(shape: 2, scale: 1.5), 3.0),
            (.weibull(scale: 1, shape: 1.5), 0.9027),  // Γ(1 + 1/1.5)
            (.uniform(min: 2, max: 4), 3.0),
            (.empirical([1, 2, 3, 10]), 4.0),
            (.constant(7), 7.0),
        ])
    func means(distribution: Distribution, expected: Double) {
        var source = RandomStreams(seed: 7).stream(named: "means")
        let n = 100_000
        var sum = 0.0
        for _ in 0..<n { sum += distribution.sample(using: &source) }
        #expect(abs(sum / Double(n) - expected) < 0.02 * expected)
        #expect(abs(distribution.mean - expected) < 1e-3 * expected)
    }

    @Test("invalid parameters are reported, valid ones are not")
    func parameterProblems() {
        #expect(Distribution.exponential(mean: 0).parameterProblems.count == 1)
        #expect(Distribution.uniform(min: 5, max: 1).parameterProblems.count == 1)
        #expect(Distribution.empirical([]).parameterProblems.count == 1)
        #expect(Distribution.gamma(shape: 2, scale: 1).parameterProblems.isEmpty)
    }

    @Test("shuffle is a permutation and reproducible")
    func shuffle() {
        var first = Array(0..<50)
        var second = Array(0..<50)
        var a = RandomStreams(seed: 1).stream(named: "s")
        var b = RandomStreams(seed: 1).stream(named: "s")
        a.shuffle(&first)
        b.shuffle(&second)
        #expect(first == second)
        #expect(first.sorted() == Array(0..<50))
        #expect(first != Array(0..<50))
    }
}
