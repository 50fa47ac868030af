import Foundation
import KubeModel

/// NodeResourcesBalancedAllocation (k/k `plugins/noderesources/balanced_allocation.go`).
///
/// Uses real requests (`useRequested = true`): node requested + pod request, fractions
/// `min(1, req/alloc)` over resources with `alloc > 0`; two fractions → `|f1 − f2| / 2`, more →
/// population standard deviation. ≤ v1.35: `int64((1 − std) × 100)`. v1.36 (PR
/// kubernetes/kubernetes#135573): `50 + (50 + S_with − S_without) / 2` (reference §2.3, marked
/// provisional there). From v1.33 PreScore skips pods requesting none of the resources
/// (PR kubernetes/kubernetes#130260).
struct NodeResourcesBalancedAllocation: ScorePlugin {
    static let name = "NodeResourcesBalancedAllocation"

    /// Resource slots (default cpu, memory).
    var resources: [Int] = [ResourceIndex.cpu, ResourceIndex.memory]
    /// v1.36 change-based score.
    var changeBased: Bool
    /// v1.33+ best-effort skip.
    var skipBestEffort: Bool

    init(_ configuration: inout PluginConfiguration) { self.init(version: configuration.version) }

    init(version: KubernetesVersion) {
        changeBased = version >= KubernetesVersion(minor: 36)
        skipBestEffort = version >= KubernetesVersion(minor: 33)
    }

    /// Whether PreScore returns Skip for this pod.
    func skips(_ state: CycleState) -> Bool {
        guard skipBestEffort else { return false }
        for slot in resources where state.info.request.value(slot) != 0 { return false }
        return true
    }

    /// PreScore (``skips(_:)``), then the score from the hot scalars for the default cpu and
    /// memory; from the node infos otherwise. Not memoized: at 5,000 nodes a node comes round
    /// once in ten pods, a per-node memo (64 bytes a node, written on each miss) missed two
    /// times in three, and the full envelope ran 2% faster without it (5,000 nodes, first two
    /// hours: 9%); at 500 nodes the two are within the machine's noise.
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        if skips(state) { return .skipped }
        let request = state.info.request
        if scoresHotOnly {
            let hot = scheduler.cache.hot
            scheduler.withFeasibleScores(count: count) { feasible, scores in
                hot.withUnsafeBufferPointer { hot in
                    for j in feasible.indices { scores[j] = score(request, hot: hot[Int(feasible[j])]) }
                }
            }
        } else {
            let nodes = scheduler.cache.nodes
            scheduler.withFeasibleScores(count: count) { feasible, scores in
                for j in feasible.indices { scores[j] = score(request, nodes[Int(feasible[j])]) }
            }
        }
        return .scored
    }

    @inline(__always)
    func score(_ request: PodRequest, _ node: NodeInfo) -> Int64 {
        let with = Self.balance(resources, node, request, includePod: true)
        guard changeBased else { return with }
        let without = Self.balance(resources, node, request, includePod: false)
        return 50 + (50 + with - without) / 2
    }

    /// Whether the hot path applies (default cpu+memory resources).
    var scoresHotOnly: Bool { resources == [ResourceIndex.cpu, ResourceIndex.memory] }

    /// The score from the hot scalars (cpu and memory).
    @inline(__always)
    func score(_ request: PodRequest, hot node: NodeHot) -> Int64 {
        let with = Self.balance(request, node, includePod: true)
        guard changeBased else { return with }
        let without = Self.balance(request, node, includePod: false)
        return 50 + (50 + with - without) / 2
    }

    @inline(__always)
    static func balance(_ request: PodRequest, _ node: NodeHot, includePod: Bool) -> Int64 {
        var f = (0.0, 0.0)
        var count = 0
        if node.allocCPU > 0 {
            let req = node.requestedCPU + (includePod ? request.value(ResourceIndex.cpu) : 0)
            f.0 = min(1.0, Double(req) / Double(node.allocCPU))
            count += 1
        }
        if node.allocMemory > 0 {
            let req = node.requestedMemory + (includePod ? request.value(ResourceIndex.memory) : 0)
            let x = min(1.0, Double(req) / Double(node.allocMemory))
            if count == 0 { f.0 = x } else { f.1 = x }
            count += 1
        }
        let std = count == 2 ? abs(f.0 - f.1) / 2 : 0
        return Int64((1 - std) * 100)
    }

    @inline(__always)
    static func balance(_ resources: [Int], _ node: NodeInfo, _ request: PodRequest, includePod: Bool) -> Int64 {
        var f0 = 0.0
        var f1 = 0.0
        var count = 0
        var fractions: [Double] = []
        for slot in resources {
            let alloc = node.allocatable(slot)
            if alloc == 0 { continue }
            let req = node.requested(slot) + (includePod ? request.value(slot) : 0)
            let f = min(1.0, Double(req) / Double(alloc))
            if count == 0 { f0 = f } else if count == 1 { f1 = f }
            if resources.count > 2 { fractions.append(f) }
            count += 1
        }
        var std = 0.0
        if count == 2 {
            std = abs(f0 - f1) / 2
        } else if count > 2 {
            let mean = fractions.reduce(0, +) / Double(count)
            var variance = 0.0
            for f in fractions { variance += (f - mean) * (f - mean) }
            std = (variance / Double(count)).squareRoot()
        }
        return Int64((1 - std) * 100)
    }
}
