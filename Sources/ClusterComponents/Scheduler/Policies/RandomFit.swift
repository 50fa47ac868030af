/// Random: PreScore picks one feasible node uniformly (from the seeded stream
/// `scheduler/policy`); it scores 100, others 0 (FGD simulator `random_score.go`).
struct RandomFit: ScorePlugin {
    static let name = "Random"
    static var ignoresNameCase: Bool { true }
    static var isPlacementPolicy: Bool { true }
    /// The drawn node, kept in the cycle state.
    static let chosenKey = CycleStateKey<Int>(Self.self)

    init(_ configuration: inout PluginConfiguration) {}

    /// Draws the node.
    func preScore(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> StatusCode {
        if count > 0 {
            state.write(Self.chosenKey, Int(scheduler.scratch.feasible[scheduler.policyRandom.integer(below: count)]))
        }
        return .success
    }

    /// 100 for the drawn node.
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 {
        node == state.read(Self.chosenKey) ? 100 : 0
    }
}
