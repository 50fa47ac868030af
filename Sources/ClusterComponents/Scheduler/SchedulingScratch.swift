/// The buffers of one scheduling attempt, kept by the scheduler and reused by every attempt so
/// that an attempt allocates nothing once they have grown to the cluster's size (k/k keeps the
/// same lists per cycle: `feasibleNodes`, `diagnosis.NodeToStatus`, the plugin score lists).
///
/// The loops move a buffer out (`let buffer = scratch.feasible; scratch.feasible = []`), fill it
/// and store it back, so the hot loops index a local array without exclusivity checks on the
/// scheduler.
struct SchedulingScratch {
    /// The feasible nodes of the attempt, in scan order (`findNodesThatFit`).
    var feasible: [Int32] = []
    /// The nodes a filter rejected, with the verdict (the FitError's `NodeToStatus`).
    var failed: [(node: Int32, status: FilterStatus)] = []
    /// One score plugin's scores of `feasible[j]`, at `j` (PreScore, Score, NormalizeScore).
    var scores: [Int64] = []
    /// PodTopologySpread's raw (pre-rounding) score of `feasible[j]`, at `j`.
    var spreadRaw: [Double] = []
    /// The weighted sum of all scores of `feasible[j]`, at `j`.
    var totals: [Int64] = []
}
