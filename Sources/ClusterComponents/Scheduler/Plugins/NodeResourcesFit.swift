import KubeModel

/// NodeResourcesFit (k/k `plugins/noderesources/fit.go`, `least_allocated.go`,
/// `most_allocated.go`, `requested_to_capacity_ratio.go`, `resource_allocation.go`).
struct NodeResourcesFit: FilterPlugin, ScorePlugin {
    static let name = "NodeResourcesFit"
    typealias Args = NodeResourcesFitArgs
    static var helpedByPodRemoval: Bool { true }

    /// The scoring strategy.
    enum Strategy: Equatable {
        case leastAllocated
        case mostAllocated
        /// Shape points (utilization %, score already ×10 → 0…100).
        case requestedToCapacityRatio([(utilization: Int64, score: Int64)])

        static func == (a: Strategy, b: Strategy) -> Bool {
            switch (a, b) {
            case (.leastAllocated, .leastAllocated), (.mostAllocated, .mostAllocated): return true
            case (.requestedToCapacityRatio(let x), .requestedToCapacityRatio(let y)):
                return x.elementsEqual(y) { $0 == $1 }
            default: return false
            }
        }
    }

    var strategy: Strategy = .leastAllocated
    /// Scored resources: slot and weight (default cpu 1, memory 1; weight 0 → 1).
    var resources: [(slot: Int, weight: Int64)] = [(ResourceIndex.cpu, 1), (ResourceIndex.memory, 1)]
    /// Resource names the filter ignores.
    var ignoredResources: Set<String> = []
    /// Resource groups (prefix before "/") the filter ignores.
    var ignoredResourceGroups: Set<String> = []

    /// Builds from the profile's `NodeResourcesFitArgs`.
    init(_ configuration: inout PluginConfiguration) {
        self.init(args: configuration.args(of: Self.self), index: &configuration.resources)
    }

    /// Builds from `NodeResourcesFitArgs` (defaults.go SetDefaults_NodeResourcesFitArgs).
    init(args: NodeResourcesFitArgs?, index: inout ResourceIndex) {
        guard let args else { return }
        ignoredResources = Set(args.ignoredResources ?? [])
        ignoredResourceGroups = Set(args.ignoredResourceGroups ?? [])
        if let strategy = args.scoringStrategy {
            switch strategy.type ?? "LeastAllocated" {
            case "MostAllocated": self.strategy = .mostAllocated
            case "RequestedToCapacityRatio":
                let shape = (strategy.requestedToCapacityRatio?.shape ?? []).map {
                    (utilization: Int64($0.utilization), score: Int64($0.score) * 10)
                }
                self.strategy = .requestedToCapacityRatio(shape)
            default: self.strategy = .leastAllocated
            }
            if let list = strategy.resources, !list.isEmpty {
                resources = list.compactMap { spec in
                    index.slot(for: spec.name).map { ($0, Int64(max(spec.weight ?? 1, 1))) }
                }
            }
        }
    }

    init() {}

    // MARK: - Filter (fit.go fitsRequest)

    /// Pod count, then every requested resource against `allocatable − requested` (real requests).
    /// A request larger than the node's whole allocatable is UnschedulableAndUnresolvable.
    @inline(__always)
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        filter(state.info.request, node, names: scheduler.cache.resources.names)
    }

    @inline(__always)
    func filter(_ request: PodRequest, _ node: NodeInfo, names: [String]) -> FilterStatus {
        var status = FilterStatus.success
        if node.pods.count + 1 > node.allowedPodNumber {
            status.code = .unschedulable
            status.tooManyPods = true
        }
        let request = request.requested
        var unresolvable = false
        for slot in request.indices {
            let want = request[slot]
            if want == 0 { continue }
            let alloc = node.allocatable(slot)
            if want > alloc - node.requested(slot) {
                if slot >= ResourceIndex.firstScalar && isIgnored(names[slot]) { continue }
                status.code = .unschedulable
                status.insufficient |= 1 << UInt64(min(slot, 63))
                if want > alloc { unresolvable = true }
            }
        }
        if unresolvable { status.code = .unschedulableAndUnresolvable }
        return status
    }

    private func isIgnored(_ name: String) -> Bool {
        if ignoredResources.contains(name) { return true }
        if let slash = name.firstIndex(of: "/"), ignoredResourceGroups.contains(String(name[..<slash])) { return true }
        return false
    }

    // MARK: - Score

    /// Scores from the hot scalars, memoized per node, when only cpu, memory and
    /// ephemeral-storage are scored; from the node infos otherwise.
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        let request = state.info.request
        if let weights = leastAllocatedWeights {
            // Two divisions a node: computed at once, without the memo's lookup and the
            // strategy's switch per resource.
            let (cpu, memory) = (request.nonZeroCPU, request.nonZeroMemory)
            let hot = scheduler.cache.hot
            scheduler.withFeasibleScores(count: count) { feasible, scores in
                hot.withUnsafeBufferPointer { hot in
                    for j in feasible.indices {
                        scores[j] = Self.leastAllocated(hot[Int(feasible[j])], cpu: cpu, memory: memory, weights)
                    }
                }
            }
        } else if scoresHotOnly {
            scheduler.memoizedHotScores(count: count, memo: \.fitMemo, profile: state.profile, request: request) {
                score(request, hot: $0)
            }
        } else {
            let nodes = scheduler.cache.nodes
            scheduler.withFeasibleScores(count: count) { feasible, scores in
                for j in feasible.indices { scores[j] = score(request, nodes[Int(feasible[j])]) }
            }
        }
        return .scored
    }

    /// Score of the node (0…100, no normalization).
    @inline(__always)
    func score(_ request: PodRequest, _ node: NodeInfo) -> Int64 {
        var total = StrategyScore(strategy: strategy)
        for (slot, weight) in resources {
            let alloc: Int64
            let req: Int64
            switch slot {
            case ResourceIndex.cpu:
                alloc = node.allocatable(slot)
                req = node.nonZeroCPU + request.nonZeroCPU
            case ResourceIndex.memory:
                alloc = node.allocatable(slot)
                req = node.nonZeroMemory + request.nonZeroMemory
            default:
                // A scalar resource the pod does not request is skipped for this pod
                // (resource_allocation.go: calculateResourceAllocatableRequest).
                if slot >= ResourceIndex.firstScalar && request.value(slot) == 0 { continue }
                alloc = node.allocatable(slot)
                req = node.requested(slot) + request.value(slot)
            }
            total.add(requested: req, allocatable: alloc, weight: weight)
        }
        return total.score
    }

    /// Whether ``score(_:_:)-hot`` applies (only cpu/memory/ephemeral-storage are scored).
    var scoresHotOnly: Bool { resources.allSatisfy { $0.slot < ResourceIndex.firstScalar } }

    /// The same score from the hot scalars (cpu, memory, ephemeral-storage only).
    @inline(__always)
    func score(_ request: PodRequest, hot node: NodeHot) -> Int64 {
        var total = StrategyScore(strategy: strategy)
        for (slot, weight) in resources {
            let alloc: Int64
            let req: Int64
            switch slot {
            case ResourceIndex.cpu:
                alloc = node.allocCPU
                req = node.nonZeroCPU + request.nonZeroCPU
            case ResourceIndex.memory:
                alloc = node.allocMemory
                req = node.nonZeroMemory + request.nonZeroMemory
            default:
                alloc = node.allocEphemeral
                req = node.requestedEphemeral + request.value(slot)
            }
            total.add(requested: req, allocatable: alloc, weight: weight)
        }
        return total.score
    }

    /// The weights of cpu and memory when the strategy is LeastAllocated on those two alone
    /// (the default profile's), whose score ``leastAllocated(_:cpu:memory:_:)`` computes.
    var leastAllocatedWeights: (cpu: Int64, memory: Int64)? {
        guard case .leastAllocated = strategy, resources.count == 2 else { return nil }
        switch (resources[0].slot, resources[1].slot) {
        case (ResourceIndex.cpu, ResourceIndex.memory): return (resources[0].weight, resources[1].weight)
        case (ResourceIndex.memory, ResourceIndex.cpu): return (resources[1].weight, resources[0].weight)
        default: return nil
        }
    }

    /// ``score(_:hot:)`` for LeastAllocated on cpu and memory (least_allocated.go): the same
    /// integer sums, whose order does not matter.
    @inline(__always)
    static func leastAllocated(
        _ node: NodeHot, cpu: Int64, memory: Int64, _ weights: (cpu: Int64, memory: Int64)
    ) -> Int64 {
        var weightedSum: Int64 = 0
        var weightSum: Int64 = 0
        if node.allocCPU != 0 {
            weightedSum += StrategyScore.leastAllocated(node.nonZeroCPU + cpu, node.allocCPU) * weights.cpu
            weightSum += weights.cpu
        }
        if node.allocMemory != 0 {
            weightedSum += StrategyScore.leastAllocated(node.nonZeroMemory + memory, node.allocMemory) * weights.memory
            weightSum += weights.memory
        }
        // The default weights (1 and 1) divide by 2: a shift, exact for the non-negative sum,
        // in place of a 64-bit division per node.
        if weightSum.nonzeroBitCount == 1 { return weightedSum >> weightSum.trailingZeroBitCount }
        return weightSum == 0 ? 0 : weightedSum / weightSum
    }

    /// Combines per-resource scores as the scoring strategy says (least_allocated.go,
    /// most_allocated.go, requested_to_capacity_ratio.go): shared by the general and the
    /// hot-scalar paths so the two cannot drift apart.
    struct StrategyScore {
        let strategy: Strategy
        var weightedSum: Int64 = 0
        var weightSum: Int64 = 0
        var ratioSum: Double = 0

        @inline(__always)
        mutating func add(requested req: Int64, allocatable alloc: Int64, weight: Int64) {
            guard alloc != 0 else { return }
            switch strategy {
            case .leastAllocated:
                weightedSum += Self.leastAllocated(req, alloc) * weight
                weightSum += weight
            case .mostAllocated:
                weightedSum += min(req, alloc) * 100 / alloc * weight
                weightSum += weight
            case .requestedToCapacityRatio(let shape):
                let utilization = req > alloc ? 100 : req * 100 / alloc
                let s = NodeResourcesFit.brokenLinear(shape, utilization)
                if s > 0 {
                    ratioSum += Double(s * weight)
                    weightSum += weight
                }
            }
        }

        /// One resource's LeastAllocated score, 0…100 (least_allocated.go
        /// `leastRequestedScore`); shared with ``NodeResourcesFit/leastAllocated(_:cpu:memory:_:)``.
        @inline(__always)
        static func leastAllocated(_ requested: Int64, _ allocatable: Int64) -> Int64 {
            requested > allocatable ? 0 : (allocatable - requested) * 100 / allocatable
        }

        /// The node's score: the weighted average (rounded for RequestedToCapacityRatio).
        var score: Int64 {
            if weightSum == 0 { return 0 }
            if case .requestedToCapacityRatio = strategy {
                return roundedHalfAwayFromZero(ratioSum / Double(weightSum))
            }
            return weightedSum / weightSum
        }
    }

    /// `helper.BuildBrokenLinearFunction` (k/k `plugins/helper/shape_score.go`).
    static func brokenLinear(_ shape: [(utilization: Int64, score: Int64)], _ p: Int64) -> Int64 {
        guard let first = shape.first else { return 0 }
        for i in shape.indices where p <= shape[i].utilization {
            if i == 0 { return first.score }
            let a = shape[i - 1]
            let b = shape[i]
            return a.score + (b.score - a.score) * (p - a.utilization) / (b.utilization - a.utilization)
        }
        return shape[shape.count - 1].score
    }
}
