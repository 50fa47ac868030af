/// Resources the classic heuristics look at: cpu, memory and every scalar resource (e.g.
/// `nvidia.com/gpu`) the pod requests, each as fractions of the node's allocatable.
enum PolicyVector {
    /// Calls `body(allocatable, requestedBefore, podRequest)` for each dimension with
    /// `allocatable > 0`.
    @inline(__always)
    static func forEach(_ request: PodRequest, _ node: NodeInfo, _ body: (Double, Double, Double) -> Void) {
        let r = request.requested
        for slot in r.indices where slot <= ResourceIndex.memory || r[slot] > 0 {
            if slot == ResourceIndex.ephemeralStorage { continue }
            let alloc = node.allocatable(slot)
            if alloc <= 0 { continue }
            body(Double(alloc), Double(node.requested(slot)), Double(r[slot]))
        }
    }

    /// `Σ_i (free_i − req_i)/alloc_i` over the dimensions of ``forEach(_:_:_:)``: the node's
    /// remaining capacity after placing the pod (BestFit minimises it, WorstFit maximises it).
    @inline(__always)
    static func remainingFraction(_ request: PodRequest, _ node: NodeInfo) -> Double {
        var remaining = 0.0
        forEach(request, node) { alloc, used, req in remaining += (alloc - used - req) / alloc }
        return remaining
    }

    /// Min–max normalisation to 0…100 (all 0 when every score is equal), as the FGD
    /// simulator's BestFit does (hkust-adsl/kubernetes-scheduler-simulator `best_fit_score.go`).
    static func minMax(_ scores: inout ArraySlice<Int64>) {
        guard let lo = scores.min(), let hi = scores.max() else { return }
        if hi == lo {
            for i in scores.indices { scores[i] = 0 }
            return
        }
        for i in scores.indices { scores[i] = (scores[i] - lo) * 100 / (hi - lo) }
    }
}
