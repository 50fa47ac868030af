/// First fit: the feasible node earliest in node-id order (creation order) scores 100, the
/// rest 0. Exact first-fit needs every node filtered: the policy sets
/// `percentageOfNodesToScore: 100`.
struct FirstFit: ScorePlugin {
    static let name = "FirstFit"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }

    init(_ configuration: inout PluginConfiguration) {}

    /// Higher for lower node ids.
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 { Int64(Int32.max) - Int64(node) }

    /// The maximum gets 100, others 0.
    func normalizeScore(_ scores: inout ArraySlice<Int64>) {
        guard let hi = scores.max() else { return }
        for i in scores.indices { scores[i] = scores[i] == hi ? 100 : 0 }
    }
}
