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
        // Arrival orders and tie-break ranks depend only on (workload, seed): built once, shared by all policies.
        let workloads = self.workloads, seeds = self.seeds, policies = self.policies
        let sequences = workloads.map { workload in seeds.map { workload.arrivalSequence(seed: $0) } }
        let priorities = workloads.map { workload in seeds.map { workload.nodePriority(seed: $0) } }
        let jobs = workloads.indices.flatMap { w in
            policies.flatMap { policy in seeds.indices.map { s in (w, policy, s) } }
        }
        let results = ResultSlots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let (w, policy, s) = jobs[index]
            let outcome = workloads[w].run(
                policy: policy, seed: seeds[s], sequence: sequences[w][s], priority: priorities[w][s])
            let rows = outcome.curve.map {
                Row(workload: workloads[w].name, policy: policy, seed: seeds[s], point: $0)
            }
            let done = results.store(rows, at: index)
            progress?(done)
        }
        return results.all.sorted { a, b in
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
