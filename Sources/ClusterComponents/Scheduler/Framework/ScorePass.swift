/// What a Score plugin's pass over the feasible nodes (PreScore, Score, NormalizeScore) left
/// for the weighted sum.
enum ScorePass {
    /// PreScore skipped the plugin (k/k `framework.Skip`): it adds nothing to any node.
    case skipped
    /// `scheduler.scratch.scores[0..<count]` hold the normalized scores.
    case scored
    /// Every feasible node has this normalized score; the score buffer is not written. A score
    /// common to all nodes adds the same to every total, so it changes neither the highest
    /// total nor which nodes tie for it (selectHost), and the sum can leave it out.
    case uniform(Int64)
}
