import KubeModel
import Stochastics

/// The built-in alternative policies as score plugins, dispatched by switch on the hot path.
/// Each case wraps a value conforming to ``ScorePlugin``, so the same code is reachable
/// through the public plugin API.
enum PolicyScorer {
    case firstFit(FirstFit)
    case bestFit(BestFit)
    case worstFit(WorstFit)
    case random(RandomFit)
    case dotProduct(DotProduct)

    /// Looks up a policy by plugin name (case-insensitive).
    static func named(_ name: String) -> PolicyScorer? {
        switch name.lowercased() {
        case "firstfit": .firstFit(FirstFit())
        case "bestfit": .bestFit(BestFit())
        case "worstfit": .worstFit(WorstFit())
        case "random": .random(RandomFit())
        case "dotproduct", "tetris": .dotProduct(DotProduct())
        default: nil
        }
    }

    mutating func preScore(_ pod: PodContext, feasible: [NodeInfo], random: inout RandomSource) -> StatusCode {
        switch self {
        case .random(var p):
            let code = p.preScore(pod, feasible: feasible, random: &random)
            self = .random(p)
            return code
        default: return .success
        }
    }

    @inline(__always)
    func score(_ pod: PodContext, node: NodeInfo) -> Int64 {
        switch self {
        case .firstFit(let p): p.score(pod, node: node)
        case .bestFit(let p): p.score(pod, node: node)
        case .worstFit(let p): p.score(pod, node: node)
        case .random(let p): p.score(pod, node: node)
        case .dotProduct(let p): p.score(pod, node: node)
        }
    }

    func normalizeScore(_ scores: inout [Int64]) {
        switch self {
        case .firstFit(let p): p.normalizeScore(&scores)
        case .bestFit(let p): p.normalizeScore(&scores)
        case .worstFit(let p): p.normalizeScore(&scores)
        case .random(let p): p.normalizeScore(&scores)
        case .dotProduct(let p): p.normalizeScore(&scores)
        }
    }
}

/// Resources the classic heuristics look at: cpu, memory and every scalar resource (e.g.
/// `nvidia.com/gpu`) the pod requests, each as fractions of the node's allocatable.
enum PolicyVector {
    /// Calls `body(allocatable, requestedBefore, podRequest)` for each dimension with
    /// `allocatable > 0`.
    @inline(__always)
    static func forEach(_ pod: PodContext, _ node: NodeInfo, _ body: (Double, Double, Double) -> Void) {
        let r = pod.request.requested
        for slot in r.indices where slot <= ResourceIndex.memory || r[slot] > 0 {
            if slot == ResourceIndex.ephemeralStorage { continue }
            let alloc = node.allocatable(slot)
            if alloc <= 0 { continue }
            body(Double(alloc), Double(node.requested(slot)), Double(r[slot]))
        }
    }

    /// Min–max normalisation to 0…100 (all 0 when every score is equal), as the FGD
    /// simulator's BestFit does (hkust-adsl/kubernetes-scheduler-simulator `best_fit_score.go`).
    static func minMax(_ scores: inout [Int64]) {
        guard let lo = scores.min(), let hi = scores.max() else { return }
        if hi == lo {
            for i in scores.indices { scores[i] = 0 }
            return
        }
        for i in scores.indices { scores[i] = (scores[i] - lo) * 100 / (hi - lo) }
    }
}

/// First fit: the feasible node earliest in node-id order (creation order) scores 100, the
/// rest 0. Exact first-fit needs every node filtered: the policy sets
/// `percentageOfNodesToScore: 100`.
public struct FirstFit: ScorePlugin {
    /// `FirstFit`.
    public var name: String { "FirstFit" }
    /// Creates the plugin.
    public init() {}
    /// Higher for lower node ids.
    public func score(_ pod: PodContext, node: NodeInfo) -> Int64 { Int64(Int32.max) - Int64(node.id.index) }
    /// The maximum gets 100, others 0.
    public func normalizeScore(_ scores: inout [Int64]) {
        guard let hi = scores.max() else { return }
        for i in scores.indices { scores[i] = scores[i] == hi ? 100 : 0 }
    }
}

/// Best fit: minimise the remaining capacity after placement, `Σ_i (free_i − req_i)/alloc_i`
/// over cpu, memory and requested scalar resources (equal weights), min–max normalised so the
/// tightest node scores 100.
public struct BestFit: ScorePlugin {
    /// `BestFit`.
    public var name: String { "BestFit" }
    /// Creates the plugin.
    public init() {}
    /// `−remaining × 10⁶` (higher is tighter).
    public func score(_ pod: PodContext, node: NodeInfo) -> Int64 {
        var remaining = 0.0
        PolicyVector.forEach(pod, node) { alloc, used, req in remaining += (alloc - used - req) / alloc }
        return -Int64(remaining * 1_000_000)
    }
    /// Min–max to 0…100.
    public func normalizeScore(_ scores: inout [Int64]) { PolicyVector.minMax(&scores) }
}

/// Worst fit: maximise the remaining capacity after placement (≈ LeastAllocated), min–max
/// normalised.
public struct WorstFit: ScorePlugin {
    /// `WorstFit`.
    public var name: String { "WorstFit" }
    /// Creates the plugin.
    public init() {}
    /// `remaining × 10⁶`.
    public func score(_ pod: PodContext, node: NodeInfo) -> Int64 {
        var remaining = 0.0
        PolicyVector.forEach(pod, node) { alloc, used, req in remaining += (alloc - used - req) / alloc }
        return Int64(remaining * 1_000_000)
    }
    /// Min–max to 0…100.
    public func normalizeScore(_ scores: inout [Int64]) { PolicyVector.minMax(&scores) }
}

/// Random: PreScore picks one feasible node uniformly (from the seeded policy stream); it scores
/// 100, others 0 (FGD simulator `random_score.go`).
public struct RandomFit: ScorePlugin {
    /// `Random`.
    public var name: String { "Random" }
    var chosen: NodeID?
    /// Creates the plugin.
    public init() {}
    /// Draws the node.
    public mutating func preScore(_ pod: PodContext, feasible: [NodeInfo], random: inout RandomSource) -> StatusCode {
        chosen = feasible.isEmpty ? nil : feasible[random.integer(below: feasible.count)].id
        return .success
    }
    /// 100 for the drawn node.
    public func score(_ pod: PodContext, node: NodeInfo) -> Int64 { node.id == chosen ? 100 : 0 }
}

/// DotProduct — the **Tetris** variant of Grandl et al. (SIGCOMM 2014): maximise the alignment
/// `Σ_i (req_i/alloc_i) · (free_i/alloc_i)` between the pod's demand and the node's free
/// capacity (before placement), min–max normalised. (The FGD simulator's `dot_product_score.go`
/// scores `100 × (1 − dot)`, i.e. the opposite preference; this is not that variant.)
public struct DotProduct: ScorePlugin {
    /// `DotProduct`.
    public var name: String { "DotProduct" }
    /// Creates the plugin.
    public init() {}
    /// `alignment × 10⁶`.
    public func score(_ pod: PodContext, node: NodeInfo) -> Int64 {
        var dot = 0.0
        PolicyVector.forEach(pod, node) { alloc, used, req in dot += (req / alloc) * ((alloc - used) / alloc) }
        return Int64(dot * 1_000_000)
    }
    /// Min–max to 0…100.
    public func normalizeScore(_ scores: inout [Int64]) { PolicyVector.minMax(&scores) }
}
