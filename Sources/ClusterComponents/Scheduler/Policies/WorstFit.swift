/// Worst fit: maximise the remaining capacity after placement (≈ LeastAllocated), min–max
/// normalised.
struct WorstFit: ScorePlugin {
    static let name = "WorstFit"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }

    init(_ configuration: inout PluginConfiguration) {}

    /// `remaining × 10⁶`.
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 {
        Int64(PolicyVector.remainingFraction(state.info.request, scheduler.cache.nodes[node]) * 1_000_000)
    }

    /// Min–max to 0…100.
    func normalizeScore(_ scores: inout ArraySlice<Int64>) { PolicyVector.minMax(&scores) }
}
