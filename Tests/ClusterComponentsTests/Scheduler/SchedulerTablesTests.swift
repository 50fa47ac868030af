import ClusterComponents
import SimulationCore
import Testing

/// G9 tables of /work/shared/reference/scheduler.md §7 (and §1.3).
@Suite struct SchedulerTablesTests {
    @Test(
        "G9 numFeasibleNodesToFind (adaptive)",
        arguments: [
            (50, 50), (100, 100), (150, 100), (500, 230), (1000, 420), (2000, 680), (5000, 500), (6000, 300),
            (15000, 750),
        ])
    func numFeasible(nodes: Int, expected: Int) {
        #expect(Scheduler.numFeasibleNodesToFind(percentage: nil, numAllNodes: nodes) == expected)
    }

    @Test(
        "G9 backoff by attempts: 0→0, 1→1 s, 2→2 s, 3→4 s, 4→8 s, ≥5→10 s",
        arguments: [(0, 0), (1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (9, 10)])
    func backoff(attempts: Int, seconds: Int) {
        let (cluster, _) = Fixture.cluster()
        #expect(cluster.scheduler.backoffDuration(attempts: attempts) == .seconds(seconds))
    }
}
