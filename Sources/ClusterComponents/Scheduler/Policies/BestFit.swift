/// Best fit: minimise the remaining capacity after placement, `Σ_i (free_i − req_i)/alloc_i`
/// over cpu, memory and requested scalar resources (equal weights), min–max normalised so the
/// tightest node scores 100.
struct BestFit: ScorePlugin {
    static let name = "BestFit"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }

    init(_ configuration: inout PluginConfiguration) {}

    /// `−remaining × 10⁶` (higher is tighter).
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 {
        -Int64(PolicyVector.remainingFraction(state.info.request, scheduler.cache.nodes[node]) * 1_000_000)
    }

    /// Min–max to 0…100.
    func normalizeScore(_ scores: inout ArraySlice<Int64>) { PolicyVector.minMax(&scores) }
}
