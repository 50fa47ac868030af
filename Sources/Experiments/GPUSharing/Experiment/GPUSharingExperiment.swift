import Dispatch
import Foundation

/// The paper's experiment (Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing Workloads with
/// Fragmentation Gradient Descent", USENIX ATC '23, Fig. 7/9): every (workload, policy, seed) run on an empty
/// cluster, in parallel across runs, with the output sorted so that the CSV is the same bytes whatever the
/// scheduling of the runs.
public struct GPUSharingExperiment: Sendable {
    /// One CSV row: a whole percent of one run's curve.
    public struct Row: Sendable, Hashable {
        /// The pod-list name.
        public var workload: String
        /// The policy.
        public var policy: GPUSharingPolicy
        /// The seed.
        public var seed: UInt64
        /// The curve point.
        public var point: AllocationCurve.Point
    }

    /// The CSV header.
    public static let csvHeader = "workload,policy,seed,arrived_pct,gpu_alloc_pct,frag_gpu_pct"

    /// The prepared workloads.
    public var workloads: [GPUSharingWorkload]
    /// The policies to run.
    public var policies: [GPUSharingPolicy]
    /// The seeds to run.
    public var seeds: [UInt64]

    /// Creates an experiment.
    public init(workloads: [GPUSharingWorkload], policies: [GPUSharingPolicy], seeds: [UInt64]) {
        self.workloads = workloads
        self.policies = policies
        self.seeds = seeds
    }

    /// Number of runs.
    public var runCount: Int { workloads.count * policies.count * seeds.count }

    /// Runs everything, spreading independent runs over the cores.
    /// - Parameter progress: called (from any thread, serialised) after each run with the number done.
    /// - Returns: the rows sorted by workload, policy (paper order), seed and percent.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> [Row] {
        let results = ResultSlots(count: runCount)
        run(only: Array(0..<runCount)) { index, rows in
            let done = results.store(rows, at: index)
            progress?(done)
        }
        return Self.sorted(results.all)
    }

    /// The run at a position of the plan: workloads, then policies (as given), then seeds.
    public func run(at index: Int) -> (workload: Int, policy: GPUSharingPolicy, seed: UInt64) {
        let perWorkload = policies.count * seeds.count
        return (index / perWorkload, policies[index % perWorkload / seeds.count], seeds[index % seeds.count])
    }

    /// Runs the runs at these plan positions in parallel, handing each run's rows to `completion`
    /// (from any thread) as it ends; runs not started when `shouldStop` turns true are skipped.
    public func run(
        only indexes: [Int], shouldStop: @escaping @Sendable () -> Bool = { false },
        completion: @escaping @Sendable (Int, [Row]) -> Void
    ) {
        // Arrival orders and tie-break ranks depend only on (workload, seed): built once, shared by all policies.
        let workloads = self.workloads, seeds = self.seeds
        var needed: [Int: Set<Int>] = [:]
        for index in indexes {
            let (w, _, seed) = run(at: index)
            needed[w, default: []].insert(seeds.firstIndex(of: seed)!)
        }
        var sequences: [Int: [Int: [Int32]]] = [:]
        var priorities: [Int: [Int: [Int32]]] = [:]
        for (w, seedIndexes) in needed {
            for s in seedIndexes {
                sequences[w, default: [:]][s] = workloads[w].arrivalSequence(seed: seeds[s])
                priorities[w, default: [:]][s] = workloads[w].nodePriority(seed: seeds[s])
            }
        }
        let frozenSequences = sequences, frozenPriorities = priorities
        DispatchQueue.concurrentPerform(iterations: indexes.count) { position in
            guard !shouldStop() else { return }
            let index = indexes[position]
            let (w, policy, seed) = run(at: index)
            let s = seeds.firstIndex(of: seed)!
            let outcome = workloads[w].run(
                policy: policy, seed: seed, sequence: frozenSequences[w]![s]!, priority: frozenPriorities[w]![s]!)
            completion(
                index, outcome.curve.map { Row(workload: workloads[w].name, policy: policy, seed: seed, point: $0) })
        }
    }

    /// Rows in the CSV's order: workload, policy (paper order), seed, percent.
    public static func sorted(_ rows: [Row]) -> [Row] {
        rows.sorted { a, b in
            if a.workload != b.workload { return a.workload < b.workload }
            if a.policy != b.policy { return a.policy < b.policy }
            if a.seed != b.seed { return a.seed < b.seed }
            return a.point.arrivedPercent < b.point.arrivedPercent
        }
    }

    /// The rows as CSV (`workload,policy,seed,arrived_pct,gpu_alloc_pct,frag_gpu_pct`, percentages with two
    /// decimals).
    public static func csv(_ rows: [Row]) -> String {
        var text = csvHeader + "\n"
        text.reserveCapacity(rows.count * 40)
        for row in rows {
            text += "\(row.workload),\(row.policy.rawValue),\(row.seed),\(row.point.arrivedPercent),"
            text += String(format: "%.2f,%.2f\n", row.point.allocatedPercent, row.point.fragmentedPercent)
        }
        return text
    }

    /// Writes the CSV atomically (a temporary file renamed over `path`).
    public static func writeCSV(_ rows: [Row], to path: String) throws {
        try Data(csv(rows).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Per-job result slots written from `concurrentPerform` workers.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[GPUSharingExperiment.Row]]
    private var done = 0

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ rows: [GPUSharingExperiment.Row], at index: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = rows
        done += 1
        return done
    }

    var all: [GPUSharingExperiment.Row] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
