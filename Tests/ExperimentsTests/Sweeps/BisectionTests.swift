import Testing

@testable import Experiments

@Suite struct BisectionTests {
    @Test(
        "smallest v with v² ≥ 50 in 1…100 is 8, in at most ⌈log₂ 99⌉ + 2 probes",
        arguments: [(1, 100), (8, 8), (2, 9), (7, 1000)])
    func square(low: Int, high: Int) {
        var calls = 0
        let outcome = Bisection.smallest(low: low, high: high) { (value: Int) -> Bool in
            calls += 1
            return value * value >= 50
        }
        #expect(outcome.answer == 8)
        #expect(outcome.probes.count == calls)
        #expect(calls <= 12)
        // Every probe at or above the answer passes, below it fails.
        for probe in outcome.probes { #expect(probe.satisfied == (probe.value >= 8)) }
    }

    @Test("no answer when even the top fails; the bottom when it already passes")
    func edges() {
        let none = Bisection.smallest(low: 1, high: 7) { (value: Int) -> Bool in value * value >= 50 }
        #expect(none.answer == nil)
        #expect(none.probes.map(\.value) == [7])
        let bottom = Bisection.smallest(low: 9, high: 20) { (value: Int) -> Bool in value * value >= 50 }
        #expect(bottom.answer == 9)
        #expect(bottom.probes.map(\.value) == [20, 9])
    }

    @Test("capacity search: startup p99 = 40/nodes s (± noise) ≤ 5 s in ≥ 95 % of replications → 9 nodes")
    func capacitySearch() throws {
        // Synthetic monotone metric: replication r adds r·0.01 s; 40/8 = 5.0 fails for r > 0.
        let interval = try SearchInterval(parsing: "spec.nodes[worker].count=1..64")
        let metric = try #require(MetricCatalog.index(of: "startup.p99"))
        let search = CapacitySearch(
            interval: interval, fixed: [], target: try MetricTarget(metric: metric, parsing: "<=5s"), confidence: 0.95)
        var evaluated: [Int] = []
        let (outcome, probes) = search.run { (point: ParameterPoint) -> [Int: Double] in
            let nodes = Int(point.settings.last!.value)!
            evaluated.append(nodes)
            var values: [Int: Double] = [:]
            for replication in 0..<20 { values[replication] = 40 / Double(nodes) + Double(replication) * 0.01 }
            return values
        }
        #expect(outcome.answer == 9)
        #expect(probes.first?.value == 64)
        let at8 = try #require(probes.first { $0.value == 8 })
        #expect(at8.met == 1)  // only replication 0 (exactly 5.0 s)
        #expect(!at8.satisfied)
        #expect(evaluated.count == outcome.probes.count)
    }

    @Test(
        "targets parse units and compare",
        arguments: [
            ("<=5s", 5.0, 5.0, true), ("<500ms", 0.5, 0.5, false), (">=99%", 0.99, 0.995, true),
            ("> 0.1", 0.1, 0.05, false),
            ("<=2m", 120.0, .infinity, false), (">=1s", 1.0, .infinity, false), ("<=5", 5.0, .nan, false),
        ])
    func targets(text: String, bound: Double, value: Double, met: Bool) throws {
        let target = try MetricTarget(metric: 0, parsing: text)
        #expect(abs(target.bound - bound) < 1e-12)
        #expect(target.isMet(by: value) == met)
    }

    @Test("malformed targets are rejected", arguments: ["5s", "<=", "<=fast", "=5"])
    func badTargets(text: String) {
        #expect(throws: SweepError.malformedTarget(text)) { try MetricTarget(metric: 0, parsing: text) }
    }
}
