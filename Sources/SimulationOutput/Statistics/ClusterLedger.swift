import ClusterComponents
import KubeModel
import SimulationCore

/// The cluster's aggregate state, maintained incrementally from the record stream.
///
/// Counts pods by phase and sums the requests of pods holding resources on nodes (bound, not
/// terminal, not removed: what the scheduler's cache charges) per resource, for the whole
/// cluster and per node pool, together with the allocatable of live nodes. Each change costs
/// O(pools × resources); nothing scans all pods or nodes. ``RunStatistics`` and
/// ``MetricsSampler`` read it, so it must be attached to the cluster before them.
public final class ClusterLedger: ClusterRecordSink {
    /// Pod phase buckets as `kubectl get pods` groups them; `gone` = removed or never counted.
    public enum PhaseBucket: Int, CaseIterable, Sendable {
        case gone, pending, running, succeeded, failed
    }

    /// Per-resource sums of one aggregate (the cluster, or one pool).
    struct Aggregate {
        var requested: [Int64] = []
        var allocatable: [Int64] = []
        var requestedIntegral: [WideAccumulator] = []
        var allocatableIntegral: [WideAccumulator] = []
        var peakRequested: [Int64] = []
        var peakFraction: [Double] = []

        mutating func grow(to count: Int) {
            while requested.count < count {
                requested.append(0)
                allocatable.append(0)
                requestedIntegral.append(WideAccumulator())
                allocatableIntegral.append(WideAccumulator())
                peakRequested.append(0)
                peakFraction.append(0)
            }
        }

        mutating func notePeak(_ resource: Int) {
            peakRequested[resource] = max(peakRequested[resource], requested[resource])
            if allocatable[resource] > 0 {
                let fraction = Double(requested[resource]) / Double(allocatable[resource])
                peakFraction[resource] = max(peakFraction[resource], fraction)
            }
        }
    }

    struct NodeEntry {
        var pool: Int
        var live: Bool
        var allocatable: [Int64]
        var requested: [Int64]
        var podsHeld: Int
    }

    struct PodEntry {
        /// (resource index, milli-units), the effective request.
        var requests: [(resource: Int, milli: Int64)]
        var holdingNode: Int32 = -1
        var phase: PhaseBucket = .gone
    }

    /// Resource names in order of discovery (indexes of the per-resource arrays).
    public var resourceNames: [String] { resourceIndex.keys }
    /// Resource indexes by name; a run has a handful (``FewKeys``), looked up for every request.
    private var resourceIndex = FewKeys<String>()
    /// Pool names in order of discovery.
    public private(set) var poolNames: [String] = []
    private var poolIndex: [String: Int] = [:]
    /// Index 0 is the whole cluster, index `p + 1` is pool `p`.
    var aggregates: [Aggregate] = [Aggregate()]
    var nodes: [NodeEntry] = []
    var pods: [PodEntry] = []
    /// Live pods per phase bucket, indexed by ``PhaseBucket/rawValue``.
    public private(set) var phaseCounts = [Int](repeating: 0, count: PhaseBucket.allCases.count)
    /// The instant the integrals have been advanced to.
    private(set) var accountedUntil = SimulationTime.zero

    /// Creates an empty ledger; cpu, memory and pods are always present.
    public init() {
        for name in [ResourceName.cpu, ResourceName.memory, ResourceName.pods] { _ = resource(name) }
    }

    /// Live pods in `bucket`.
    public func count(_ bucket: PhaseBucket) -> Int { phaseCounts[bucket.rawValue] }

    /// The index of a resource name, registering it on first sight.
    func resource(_ name: String) -> Int {
        let count = resourceIndex.keys.count
        let index = resourceIndex.number(name)
        guard index == count else { return index }
        for a in aggregates.indices { aggregates[a].grow(to: resourceNames.count) }
        for n in nodes.indices {
            nodes[n].allocatable.append(0)
            nodes[n].requested.append(0)
        }
        return index
    }

    private func pool(_ name: String) -> Int {
        if let index = poolIndex[name] { return index }
        let index = poolNames.count
        poolNames.append(name)
        poolIndex[name] = index
        var aggregate = Aggregate()
        aggregate.grow(to: resourceNames.count)
        aggregates.append(aggregate)
        return index
    }

    // MARK: - Record stream

    /// Reads no event the spam filter dropped.
    public var droppedEventReasons: [String]? { [] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        switch record {
        case .podCreated(let id): podCreated(id, cluster)
        case .podUpdated(let id), .podRemoved(let id):
            guard id.value < pods.count else { return }
            // The stored pod is borrowed, not copied (ClusterView.withPod).
            cluster.withPod(id) { podChanged(id, $0, cluster) }
        case .nodeUpdated(let id): nodeChanged(id, cluster)
        case .event, .schedulingAttempt: break
        }
    }

    private func podCreated(_ id: PodID, _ cluster: ClusterView) {
        // The stored pod is read in place, not copied (ClusterView.withPod).
        cluster.withPod(id) { object in
            var requests: [(resource: Int, milli: Int64)] = []
            for (name, quantity) in PodRequests.effective(object.pointee.pod.spec) where quantity.milliValue > 0 {
                requests.append((resource(name), quantity.milliValue))
            }
            let gpu = GPURequest.totalMilli(annotations: object.pointee.pod.metadata.annotations)
            for (name, milli) in Self.gpuRequests(totalMilli: gpu) { requests.append((resource(name), milli)) }
            while pods.count <= id.value { pods.append(PodEntry(requests: [])) }
            pods[id.value].requests = requests
            podChanged(id, object, cluster)
        }
    }

    private func podChanged(_ id: PodID, _ object: UnsafePointer<PodObject>, _ cluster: ClusterView) {
        let bucket: PhaseBucket
        if object.pointee.isRemoved {
            bucket = .gone
        } else {
            switch object.pointee.status.phase {
            case .running: bucket = .running
            case .succeeded: bucket = .succeeded
            case .failed: bucket = .failed
            default: bucket = .pending
            }
        }
        if bucket != pods[id.value].phase {
            phaseCounts[pods[id.value].phase.rawValue] -= 1
            phaseCounts[bucket.rawValue] += 1
            pods[id.value].phase = bucket
        }
        let holds =
            !object.pointee.isRemoved && !object.pointee.status.phase.isTerminal
            ? object.pointee.nodeID.map { Int32($0.value) } ?? -1 : -1
        let held = pods[id.value].holdingNode
        guard holds != held else { return }
        advance(to: cluster.now)
        if held >= 0 { charge(pod: id.value, node: Int(held), sign: -1) }
        if holds >= 0 {
            while nodes.count <= Int(holds) { addPlaceholderNode(pool: pool(cluster.api[NodeID(nodes.count)].pool)) }
            charge(pod: id.value, node: Int(holds), sign: 1)
        }
        pods[id.value].holdingNode = holds
    }

    private func charge(pod: Int, node: Int, sign: Int64) {
        let pool = nodes[node].pool
        nodes[node].podsHeld += Int(sign)
        for (resource, milli) in pods[pod].requests {
            nodes[node].requested[resource] += sign * milli
            aggregates[0].requested[resource] += sign * milli
            aggregates[pool + 1].requested[resource] += sign * milli
            if sign > 0 {
                aggregates[0].notePeak(resource)
                aggregates[pool + 1].notePeak(resource)
            }
        }
    }

    private func addPlaceholderNode(pool: Int) {
        nodes.append(
            NodeEntry(
                pool: pool, live: false, allocatable: [Int64](repeating: 0, count: resourceNames.count),
                requested: [Int64](repeating: 0, count: resourceNames.count), podsHeld: 0))
    }

    private func nodeChanged(_ id: NodeID, _ cluster: ClusterView) {
        let object = cluster.api[id]
        advance(to: cluster.now)
        let poolIndex = pool(object.pool)
        var allocatable = [Int64](repeating: 0, count: resourceNames.count)
        for (name, quantity) in object.node.status.allocatable {
            let r = resource(name)
            while allocatable.count < resourceNames.count { allocatable.append(0) }
            allocatable[r] = quantity.milliValue
        }
        while nodes.count <= id.value { addPlaceholderNode(pool: poolIndex) }
        let previous = nodes[id.value]
        let live = !object.isRemoved
        // Most node updates (image lists, conditions, heartbeats) change no aggregate: every
        // charge already noted its peaks, so there is nothing to withdraw, add or note.
        if previous.pool == poolIndex, previous.live == live, previous.allocatable == allocatable { return }
        // Withdraw the old contribution, then add the new one.
        if previous.live {
            for r in previous.allocatable.indices {
                aggregates[0].allocatable[r] -= previous.allocatable[r]
                aggregates[previous.pool + 1].allocatable[r] -= previous.allocatable[r]
            }
        }
        // Requests held on this node follow it into its (possibly new) pool.
        if previous.pool != poolIndex {
            for r in previous.requested.indices {
                aggregates[previous.pool + 1].requested[r] -= previous.requested[r]
                aggregates[poolIndex + 1].requested[r] += previous.requested[r]
            }
        }
        nodes[id.value].pool = poolIndex
        nodes[id.value].live = live
        nodes[id.value].allocatable = allocatable
        if live {
            for r in allocatable.indices {
                aggregates[0].allocatable[r] += allocatable[r]
                aggregates[poolIndex + 1].allocatable[r] += allocatable[r]
            }
        }
        for r in allocatable.indices {
            aggregates[0].notePeak(r)
            aggregates[poolIndex + 1].notePeak(r)
        }
    }

    /// Integrates requested and allocatable up to `time`.
    /// - Complexity: O(pools × resources) when time moved, O(1) otherwise.
    public func advance(to time: SimulationTime) {
        let dt = time.nanoseconds - accountedUntil.nanoseconds
        guard dt > 0 else { return }
        for a in aggregates.indices {
            for r in aggregates[a].requested.indices {
                aggregates[a].requestedIntegral[r].add(aggregates[a].requested[r], times: dt)
                aggregates[a].allocatableIntegral[r].add(aggregates[a].allocatable[r], times: dt)
            }
        }
        accountedUntil = time
    }

    // MARK: - Queries

    /// Requested and allocatable (milli-units) of `resource` in the cluster (`pool == nil`) or one pool.
    public func current(resource name: String, pool: String?) -> (requested: Int64, allocatable: Int64) {
        guard let r = resourceIndex.existingNumber(name) else { return (0, 0) }
        let a: Int
        if let pool {
            guard let p = poolIndex[pool] else { return (0, 0) }
            a = p + 1
        } else {
            a = 0
        }
        return (aggregates[a].requested[r], aggregates[a].allocatable[r])
    }

    /// Whether any live node belongs to the pool.
    func poolHasNodes(_ p: Int) -> Bool { nodes.contains { $0.pool == p && $0.live } }
}
