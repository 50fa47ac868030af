import Stochastics

/// The outcome of one (policy, seed) run of the FGD experiment.
public struct GPUSharingRunResult: Sendable {
    /// The policy.
    public var policy: GPUSharingPolicy
    /// The seed.
    public var seed: UInt64
    /// Pods that arrived.
    public var arrivals: Int
    /// Pods that fitted nowhere and stayed unscheduled.
    public var unscheduled: Int
    /// The per-percent curve.
    public var curve: [AllocationCurve.Point]
    /// Where each arrival went, in arrival order: the node's index in the node list, -1 if unscheduled.
    public var placements: [Int32]
}

extension GPUSharingWorkload {
    /// Runs one policy on one seed: the empty cluster, pods arriving one at a time in
    /// ``arrivalSequence(seed:tuningRatio:)`` order and never leaving; a pod that fits nowhere stays unscheduled.
    /// Each pod goes to the best-scoring feasible node; among equal best scores, the node first in
    /// ``nodePriority(seed:)`` (the artifact's scheduler keeps the lexicographically smallest node name, and the
    /// names carry a per-seed random prefix). `random` instead picks a feasible node uniformly from the stream
    /// `fgd/random/ties` (RandomScore's PreScore), and places a GPU share on a uniformly chosen fitting device.
    /// - Parameters:
    ///   - sequence: the arrival order, if already built for this seed.
    ///   - priority: the tie-break rank of each node, if already built for this seed.
    /// - Complexity: O(arrivals × nodes) filter and score steps; FGD scores are cached per (node, task shape)
    ///   until the node changes, so the fragmentation measure is evaluated only for changed nodes.
    public func run(
        policy: GPUSharingPolicy, seed: UInt64, sequence: [Int32]? = nil, priority: [Int32]? = nil
    ) -> GPUSharingRunResult {
        let order = sequence ?? arrivalSequence(seed: seed)
        let rank = priority ?? nodePriority(seed: seed)
        precondition(rank.count == emptyCluster.count, "one tie-break rank per node")
        var cluster = emptyCluster
        var ties = RandomStreams(seed: seed).stream(named: policy.tieStreamName)
        var curve = AllocationCurve(totalGPUs: cluster.totalGPUs)
        let nodeCount = cluster.count
        var best: [Int] = []  // the feasible nodes, for `random` only
        best.reserveCapacity(policy == .random ? nodeCount : 0)
        // FGD score cache, indexed node × shape: valid while the stamp equals the node's version.
        var cacheStamp = [UInt32](repeating: 0, count: policy == .fgd ? nodeCount * shapeCount : 0)
        var cacheScore = [Int16](repeating: 0, count: cacheStamp.count)
        var cacheDevice = [Int8](repeating: 0, count: cacheStamp.count)
        var arrived = 0
        var unscheduled = 0
        var placements: [Int32] = []
        placements.reserveCapacity(order.count)
        for taskIndex in order {
            let task = tasks[Int(taskIndex)]
            arrived += task.totalGPUMilli
            best.removeAll(keepingCapacity: true)
            var bestScore = Int.min
            var chosen = -1
            for node in 0..<nodeCount where cluster.fits(task, on: node) {
                let score: Int
                switch policy {
                case .random: score = 0
                case .dotproduct: score = cluster.dotProductScore(task, on: node)
                case .gpuclustering: score = cluster.gpuClusteringScore(task, on: node)
                case .gpupacking: score = cluster.gpuPackingScore(task, on: node)
                case .bestfit: score = cluster.bestFitRawScore(task, on: node)
                case .fgd:
                    let slot = node * shapeCount + Int(task.shape)
                    if cacheStamp[slot] != cluster.version[node] {
                        let (value, device) = cluster.fgdScore(task, on: node)
                        cacheStamp[slot] = cluster.version[node]
                        cacheScore[slot] = Int16(value)
                        cacheDevice[slot] = Int8(device)
                    }
                    score = Int(cacheScore[slot])
                }
                if policy == .random {
                    best.append(node)
                } else if score > bestScore || (score == bestScore && rank[node] < rank[chosen]) {
                    // selectHost of the artifact's scheduler fork: the highest score, then the smallest name.
                    bestScore = score
                    chosen = node
                }
            }
            if policy == .random, !best.isEmpty {
                chosen = best.count == 1 ? best[0] : best[ties.integer(below: best.count)]
            }
            placements.append(Int32(chosen))
            if chosen < 0 {
                unscheduled += 1
            } else {
                let node = chosen
                var device = -1
                if task.isGPUShare {
                    switch policy {
                    case .random:
                        let devices = cluster.fittingDevices(task, on: node)
                        device = devices.count == 1 ? devices[0] : devices[ties.integer(below: devices.count)]
                    case .fgd: device = Int(cacheDevice[node * shapeCount + Int(task.shape)])
                    default: device = cluster.bestFitDevice(task, on: node)
                    }
                }
                cluster.place(task, on: node, device: device)
            }
            curve.record(
                arrivedGPUMilli: arrived, allocatedGPUMilli: cluster.allocatedGPUMilli,
                fragmentedGPUMilli: cluster.fragmentedGPUMilli)
        }
        return GPUSharingRunResult(
            policy: policy, seed: seed, arrivals: order.count, unscheduled: unscheduled, curve: curve.points,
            placements: placements)
    }
}
