import KubeModel
import Testing

@testable import ClusterComponents

/// NodeResourcesFit's LeastAllocated score on cpu and memory, computed without the strategy's
/// switch, against the general score of the same hot record.
@Suite struct LeastAllocatedScoreTests {
    @Test("LeastAllocated on cpu and memory equals the general score, for any weights and order")
    func matchesGeneralScore() throws {
        var state: UInt64 = 42
        func next(_ bound: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % UInt64(bound))
        }
        let orders: [[(slot: Int, weight: Int64)]] = [
            [(ResourceIndex.cpu, 1), (ResourceIndex.memory, 1)],
            [(ResourceIndex.memory, 2), (ResourceIndex.cpu, 5)],
            [(ResourceIndex.cpu, 3), (ResourceIndex.memory, 1)],
        ]
        for resources in orders {
            var plugin = NodeResourcesFit()
            plugin.resources = resources
            let weights = try #require(plugin.leastAllocatedWeights)
            for _ in 0..<2_000 {
                var node = NodeHot()
                // Zero allocatable (a resource the node lacks) and requests beyond it occur.
                node.allocCPU = next(5) == 0 ? 0 : 1_000 * (1 + next(64))
                node.allocMemory = next(5) == 0 ? 0 : (1 << 30) * (1 + next(256)) * 1_000
                node.nonZeroCPU = next(max(1, node.allocCPU + 2_000))
                node.nonZeroMemory = next(max(1, node.allocMemory / 1_000 + 1)) * 1_000
                var index = ResourceIndex()
                var spec = PodSpec(containers: [Container(name: "a", image: "app:1")])
                spec.containers[0].resources = ResourceRequirements(requests: [
                    "cpu": Quantity(stringLiteral: "\(next(4_000))m"),
                    "memory": Quantity(stringLiteral: "\(next(8_192))Mi"),
                ])
                let request = PodRequest(pod: spec, index: &index)
                let general = plugin.score(request, hot: node)
                let fast = NodeResourcesFit.leastAllocated(
                    node, cpu: request.nonZeroCPU, memory: request.nonZeroMemory, weights)
                #expect(fast == general)
            }
        }
        // Other strategies and resource lists keep the general path.
        var most = NodeResourcesFit()
        most.strategy = .mostAllocated
        #expect(most.leastAllocatedWeights == nil)
        var withStorage = NodeResourcesFit()
        withStorage.resources.append((ResourceIndex.ephemeralStorage, 1))
        #expect(withStorage.leastAllocatedWeights == nil)
    }
}
