/// The placement policies of the FGD paper's evaluation (Weng et al., ATC '23, §6; scheduler.md §6.3), as
/// configured by the artifact's `experiments/run_scripts/generate_run_scripts.py`: each is the only score
/// plugin (weight 1000), `percentageOfNodesToScore: 100`. Ties among the best nodes do not go to a uniform draw
/// (upstream kube-scheduler's `selectHost`): the artifact's scheduler fork keeps the smallest node name, i.e. the
/// first node of a per-seed random order (``GPUSharingWorkload/nodePriority(seed:)``).
public enum GPUSharingPolicy: String, CaseIterable, Sendable, Hashable, Comparable {
    /// `RandomScore`: a uniformly random feasible node; GPU share placed on a random fitting device
    /// (`-gpusel random`).
    case random
    /// `DotProductScore` (merge, max): `100 × (1 − (free·request)/2)` on the (CPU, total GPU) vectors normalised
    /// by the max spec (128 cores, 8 GPUs) — the packing variant (smallest alignment wins), not Tetris's
    /// largest-alignment rule.
    case dotproduct
    /// `GpuClusteringScore`: nodes already hosting the same GPU-request class first.
    case gpuclustering
    /// `GpuPackingScore`: already-shared GPUs first, then whole GPUs on used nodes, then idle nodes.
    case gpupacking
    /// `BestFitScore`: least weighted leftover (CPU, GPU) after placement.
    case bestfit
    /// `FGDScore`: the placement (node and device) that most reduces the fragmentation measure.
    case fgd

    /// Stable order for output: the paper's order.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The name of the random stream of this policy's own draws: `random`'s choice of node and device (the other
    /// policies break ties by ``GPUSharingWorkload/nodePriority(seed:)`` and draw nothing).
    public var tieStreamName: String { "fgd/\(rawValue)/ties" }
}
