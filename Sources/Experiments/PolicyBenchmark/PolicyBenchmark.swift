import Foundation

/// `kubesim bench policies`: every workload of a suite under every policy, R replications each,
/// with common random numbers (replication r uses the same seed under every policy, so the
/// same pods arrive at the same times with the same lifetimes).
public struct PolicyBenchmark: Sendable {
    /// One run of the matrix.
    public struct Cell: Sendable, Hashable {
        /// Workload index in the suite.
        public var workload: Int
        /// Policy index.
        public var policy: Int
        /// Replication.
        public var replication: Int
        /// Seed (depends on the workload and replication only).
        public var seed: UInt64
    }

    /// The workloads.
    public var suite: BenchmarkSuite
    /// The policies, in column order.
    public var policies: [PolicyChoice]
    /// Replications per (workload, policy).
    public var replications: Int

    /// Creates a benchmark.
    public init(suite: BenchmarkSuite, policies: [PolicyChoice], replications: Int) {
        self.suite = suite
        self.policies = policies
        self.replications = replications
    }

    /// Every run, workload-major then replication then policy (so the policies of one
    /// replication finish close together).
    public var cells: [Cell] {
        var cells: [Cell] = []
        for (w, workload) in suite.workloads.enumerated() {
            for r in 0..<replications {
                let seed = ReplicationSeed.seed(base: workload.input.scenario.seed, replication: r)
                for p in policies.indices { cells.append(Cell(workload: w, policy: p, replication: r, seed: seed)) }
            }
        }
        return cells
    }

    /// Runs the matrix on `jobs` threads.
    /// - Parameters:
    ///   - run: one run (tests pass a fake); defaults to ``ScenarioRun``.
    ///   - progress: after each run, with (finished, total).
    /// - Returns: the outcomes.
    public func run(
        jobs: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        run: (@Sendable (Cell, RunConfiguration, @escaping @Sendable () -> Bool) -> RunOutcome)? = nil,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) -> PolicyBenchmarkResults {
        let cells = self.cells
        let suite = self.suite
        let policies = self.policies
        let runOne =
            run ?? { cell, configuration, stop in ScenarioRun.run(configuration, seed: cell.seed, shouldStop: stop) }
        let collector = OutcomeCollector()
        ParallelRuns.run(
            cells, jobs: jobs, shouldStop: shouldStop,
            work: { cell in
                runOne(
                    cell, RunConfiguration(input: suite.workloads[cell.workload].input, policy: policies[cell.policy]),
                    shouldStop)
            },
            completion: { cell, outcome in
                collector.outcomes[cell] = outcome
                progress(collector.outcomes.count, cells.count)
            })
        return PolicyBenchmarkResults(
            workloads: suite.workloads.map(\.name), policies: policies.map(\.name), cells: cells,
            outcomes: collector.outcomes)
    }
}

/// Outcomes gathered under the completion lock.
private final class OutcomeCollector: @unchecked Sendable {
    var outcomes: [PolicyBenchmark.Cell: RunOutcome] = [:]
}
