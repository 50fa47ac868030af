import KubeModel
import Stochastics
import Testing

@testable import ClusterComponents

/// A pod's request as the scheduler counts it: the one-pass sum for pods with regular
/// containers only against the general rule (component-helpers `resource.PodRequests`).
@Suite struct PodRequestTests {
    /// Pods of one to three containers, each naming any subset of cpu, memory,
    /// ephemeral-storage and a scalar (so missing cpu and memory requests, which the scores
    /// count as 100m and 200 MiB, occur), drawn from the project's seeded source.
    @Test("the regular-containers sum equals the general rule, resource names registered alike")
    func regularContainersMatchGeneralRule() {
        var random = RandomSource(seed: 23)
        func next(_ bound: Int) -> Int { random.integer(below: bound) }
        var sawMissingCPU = false
        var sawScalar = false
        for _ in 0..<500 {
            var containers: [Container] = []
            for c in 0..<Int(1 + next(3)) {
                var requests: ResourceList = [:]
                if next(4) != 0 { requests = requests + ["cpu": Quantity(stringLiteral: "\(50 * next(40))m")] }
                if next(4) != 0 { requests = requests + ["memory": Quantity(stringLiteral: "\(64 * next(32))Mi")] }
                if next(3) == 0 { requests = requests + ["ephemeral-storage": Quantity(stringLiteral: "\(next(4))Gi")] }
                if next(5) == 0 {
                    requests = requests + ["example.com/device-\(next(2))": Quantity(stringLiteral: "\(next(3))")]
                }
                sawMissingCPU = sawMissingCPU || requests["cpu"] == nil
                sawScalar = sawScalar || requests.entries.contains { $0.name.hasPrefix("example.com/") }
                containers.append(
                    Container(name: "c\(c)", image: "app:1", resources: ResourceRequirements(requests: requests)))
            }
            let spec = PodSpec(containers: containers)
            var fastIndex = ResourceIndex()
            var generalIndex = ResourceIndex()
            let fast = PodRequest(pod: spec, index: &fastIndex)
            let general = PodRequest(general: spec, index: &generalIndex)
            #expect(fast == general)
            #expect(fastIndex.names == generalIndex.names)
        }
        #expect(sawMissingCPU && sawScalar)
        // Written out: 250m and no memory, then no cpu and 1 GiB.
        var index = ResourceIndex()
        let two = PodRequest(
            pod: PodSpec(containers: [
                Container(name: "a", image: "app:1", resources: ResourceRequirements(requests: ["cpu": "250m"])),
                Container(name: "b", image: "app:1", resources: ResourceRequirements(requests: ["memory": "1Gi"])),
            ]), index: &index)
        #expect(two.requested == [250, 1024 * 1024 * 1024 * 1000, 0])
        #expect(two.nonZeroCPU == 250 + 100)
        #expect(two.nonZeroMemory == 200 * 1024 * 1024 * 1000 + 1024 * 1024 * 1024 * 1000)
    }
}
