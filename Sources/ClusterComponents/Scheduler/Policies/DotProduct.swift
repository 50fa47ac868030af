/// DotProduct — the **Tetris** variant of Grandl et al. (SIGCOMM 2014): maximise the alignment
/// `Σ_i (req_i/alloc_i) · (free_i/alloc_i)` between the pod's demand and the node's free
/// capacity (before placement), min–max normalised. (The FGD simulator's `dot_product_score.go`
/// scores `100 × (1 − dot)`, i.e. the opposite preference: ``GPUScores/dotProduct(cpuFree:cpuRequest:gpuIdle:gpuRequest:)``.)
struct DotProduct: ScorePlugin {
    static let name = "DotProduct"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }
    static var aliases: [String] { ["Tetris"] }

    init(_ configuration: inout PluginConfiguration) {}

    /// `alignment × 10⁶`.
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 {
        var dot = 0.0
        PolicyVector.forEach(state.info.request, scheduler.cache.nodes[node]) { alloc, used, req in
            dot += (req / alloc) * ((alloc - used) / alloc)
        }
        return Int64(dot * 1_000_000)
    }

    /// Min–max to 0…100.
    func normalizeScore(_ scores: inout ArraySlice<Int64>) { PolicyVector.minMax(&scores) }
}
