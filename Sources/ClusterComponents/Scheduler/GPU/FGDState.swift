/// ``FGD``'s state besides the devices it reads from ``GPUShareCache``: the target workload with
/// its compiled fragmentation measure, and the memo of `W_n` and scores per node. Kept in the
/// shared ``GPUShareCache`` because the target is the scheduler's (one for every profile) and
/// the memo is valid for any profile that scores with FGD.
struct FGDState {
    /// FGD's target workload (nil: none given; every node then measures no fragment).
    var target: GPUTargetWorkload? {
        didSet { compiled = nil }
    }
    private var compiled: GPUFragmentation?
    private var compiledModels = -1
    /// Bumped whenever the measure is recompiled (invalidates ``memo``).
    private(set) var generation: UInt32 = 0
    /// Per node: FGD's `W_n` before placement, valid while the node's version and the measure
    /// are unchanged.
    var before: [FGDBefore] = []
    /// FGD scores by pod shape, then node: valid while the node's version and the measure are
    /// unchanged (a placement changes one node, so every other node's score is reused; the
    /// standalone experiment's per (node, shape) cache).
    var scores: [[FGDScore]] = []
    /// Interned pod shapes (CPU milli, GPU count, milli-GPU) of ``scores``.
    var shapes: [FGDShapeKey: Int] = [:]

    /// Shapes with a score row at most (rows cost 8 bytes per node; workloads whose requests are
    /// drawn from continuous distributions would otherwise grow them without bound).
    static let maxCachedShapes = 256

    /// The row of ``scores`` for a pod shape, interned on first sight; -1 once
    /// ``maxCachedShapes`` rows exist (the shape is then scored without the cache).
    mutating func shapeIndex(cpu: Int64, gpu: GPURequest) -> Int {
        let key = FGDShapeKey(cpu: cpu, count: gpu.count, milli: gpu.milli)
        if let index = shapes[key] { return index }
        if scores.count >= Self.maxCachedShapes { return -1 }
        shapes[key] = scores.count
        scores.append([])
        return scores.count - 1
    }

    /// The measure of ``target``, recompiled when nodes brought new models.
    mutating func fragmentation(models: inout GPUModelTable) -> GPUFragmentation? {
        guard let target else { return nil }
        if compiled == nil || compiledModels != models.count {
            compiled = GPUFragmentation(target: target, models: &models)
            compiledModels = models.count
            generation &+= 1
        }
        return compiled
    }
}

/// A pod shape as FGD scores it (memory and model constraint play no part).
struct FGDShapeKey: Hashable {
    var cpu: Int64
    var count: Int32
    var milli: Int32
}

/// A node's `W_n` for (`version`, `generation`).
struct FGDBefore {
    var version: UInt32 = 0
    var generation: UInt32 = .max
    var weighted: Int64 = 0
}

/// A node's FGD score and device for one shape, for (`version`, `generation`).
struct FGDScore {
    var version: UInt32 = 0
    var generation: UInt32 = .max
    var score: Int16 = 0
    var device: Int8 = -1
}
