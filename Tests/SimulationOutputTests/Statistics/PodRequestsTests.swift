import KubeModel
import Stochastics
import Testing

@testable import SimulationOutput

/// The ledger's effective request: the one-container shortcut against the general rule (the
/// same spec with an empty `overhead`, which takes the general path and adds nothing) and
/// against the container's own requests plus the pod slot, written out.
@Suite struct PodRequestsTests {
    @Test("one regular container: its requests and one pod, as the general rule gives")
    func oneContainerMatchesGeneralRule() {
        var random = RandomSource(seed: 29)
        func next(_ bound: Int) -> Int { random.integer(below: bound) }
        func milli(_ list: ResourceList) -> [String: Int64] {
            Dictionary(uniqueKeysWithValues: list.entries.map { ($0.name, $0.quantity.milliValue) })
        }
        var sawEmpty = false
        var sawScalar = false
        for _ in 0..<300 {
            var requests: ResourceList = [:]
            if next(4) != 0 { requests = requests + ["cpu": Quantity(stringLiteral: "\(50 * next(40))m")] }
            if next(4) != 0 { requests = requests + ["memory": Quantity(stringLiteral: "\(64 * next(32))Mi")] }
            if next(3) == 0 { requests = requests + ["example.com/device": Quantity(stringLiteral: "\(next(3))")] }
            sawEmpty = sawEmpty || requests.entries.isEmpty
            sawScalar = sawScalar || requests["example.com/device"] != nil
            var spec = PodSpec(
                containers: [
                    Container(name: "main", image: "app:1", resources: ResourceRequirements(requests: requests))
                ])
            let shortcut = PodRequests.effective(spec)
            spec.overhead = ResourceList()
            let general = PodRequests.effective(spec)
            #expect(shortcut.entries.map(\.name) == general.entries.map(\.name))
            #expect(milli(shortcut) == milli(general))
            var expected = milli(requests)
            expected["pods"] = 1000
            #expect(milli(shortcut) == expected)
        }
        #expect(sawEmpty && sawScalar)
    }
}
