import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Stochastics
import Testing

/// `spec.images[].pull.latency`: the registry round trip of each pull of a matching image.
@Suite struct PullLatencyTests {
    func pulledTimes(latency: Distribution?, seed: UInt64 = 1) -> [Double] {
        var h = KubeletHarness(preloaded: []) { _, _ in .default }
        // 1 MB at the default bandwidth: the transfer takes the same time with or without latency.
        h.cluster.registry.entries = [.init(pattern: "slow:*", sizeBytes: 1_000_000, latency: latency)]
        h.create(PodSpec(containers: [app("a", image: "slow:1"), app("b", image: "fast:1")]))
        h.run(to: 60)
        return h.recorder.times("Pulled")
    }

    @Test("a constant latency delays that image's pull end by exactly that much; other images are not delayed")
    func constant() {
        let without = pulledTimes(latency: nil)
        let with = pulledTimes(latency: .constant(2.5))
        #expect(without.count == 2 && with.count == 2)
        // Container a pulls slow:1 first; b's pull starts when a has started.
        #expect(abs((with[0] - without[0]) - 2.5) < 1e-9, "\(without) \(with)")
    }

    @Test("a distribution is drawn per pull, within its range")
    func uniform() {
        let without = pulledTimes(latency: nil)
        let with = pulledTimes(latency: .uniform(min: 1, max: 3))
        let delay = with[0] - without[0]
        #expect(delay >= 1 && delay <= 3, "\(delay)")
        #expect(pulledTimes(latency: .uniform(min: 1, max: 3)) == with)
    }
}
