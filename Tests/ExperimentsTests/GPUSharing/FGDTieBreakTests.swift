import Testing

@testable import Experiments

/// The artifact's tie-break (its kube-scheduler fork keeps the smallest node name among the best scores, names
/// carrying a per-seed random prefix) and its target-workload configuration (95 %, CPU-only tasks included, from
/// the replayed pod list), on clusters small enough to follow by hand.
@Suite struct FGDTieBreakTests {
    /// Two 1-GPU T4 nodes; pod list 9 × (1 GPU, 300m) + 1 × (1 GPU, 1000m), all 1 core.
    /// M: counts 9 and 1, 95 % of 10 = 9.5 needs both → p(300m) = 0.9, p(1000m) = 0.1.
    private func twoNodes() -> GPUSharingWorkload {
        let pods =
            GPUSharingFixtures.pods("a", 9, gpus: 1, milli: 300)
            + GPUSharingFixtures.pods("w", 1, gpus: 1, milli: 1000)
        let nodes = [GPUSharingFixtures.node("n0", gpus: 1), GPUSharingFixtures.node("n1", gpus: 1)]
        return GPUSharingWorkload(name: "tie", nodes: nodes, pods: pods)
    }

    /// Three 300m arrivals, then the 1000m one (task indices; pods are sorted by name: a-0…a-8, w-0).
    private let sequence: [Int32] = [0, 1, 2, 9]

    @Test("equal FGD scores go to the node first in the seed's order, whatever the seed")
    func tiesFollowNodePriority() throws {
        let workload = twoNodes()
        #expect(workload.target.entries.map(\.count) == [9, 1])
        // Arrival 1 (300m): either empty GPU → 700m left; 300m still fits (no slice below 300), 1000m does not
        //   (all 700 idle): F' = 0.1 · 700 = 70, F = 0 → int(100 · σ(−0.07)) = int(48.25) = 48 on both: tie.
        // Arrival 2: the used GPU 700 → 400: F' = 0.1 · 400 = 40 → int(100 · σ(0.03)) = int(50.75) = 50;
        //   the empty one scores 48 → the used node.
        // Arrival 3: 400 → 100: neither type fits the 100m slice, F' = 100, F = 40 → int(100 · σ(−0.06)) =
        //   int(48.50) = 48; the empty node also 48: tie again → the first node in the order, the used one.
        // Arrival 4 (1000m) then fits the untouched node: nothing unscheduled, 1900 of 2000 milli-GPU (95 %).
        // A uniform draw among ties (upstream selectHost) would put arrival 3 on the empty node half of the
        // time and leave the 1000m pod unscheduled.
        for seed: UInt64 in 1...16 {
            let rankFirst = workload.run(policy: .fgd, seed: seed, sequence: sequence, priority: [0, 1])
            #expect(rankFirst.placements == [0, 0, 0, 1])
            #expect(rankFirst.unscheduled == 0)
            let rankSecond = workload.run(policy: .fgd, seed: seed, sequence: sequence, priority: [1, 0])
            #expect(rankSecond.placements == [1, 1, 1, 0])
            #expect(rankSecond.unscheduled == 0)
            let full = try #require(rankSecond.curve.first { $0.arrivedPercent == 95 })
            #expect(full.allocatedPercent == 95)
        }
    }

    @Test("BestFit ties follow the same order; Random does not")
    func bestFitTies() {
        let workload = twoNodes()
        // BestFit raw score, 300m on an empty node: int(100 · (1 − (63/128 · 0.5 + 0.7/8 · 0.5))) = int(71.02) = 71
        // on both nodes → the first in the order; then that node (63 cores, 700m left) scores
        // int(100 · (1 − (62/128 · 0.5 + 0.4/8 · 0.5))) = int(73.28) = 73 > 71, and again for the third
        // (int(100 · (1 − (61/128 · 0.5 + 0.1/8 · 0.5))) = int(75.55) = 75).
        let result = workload.run(policy: .bestfit, seed: 42, sequence: sequence, priority: [1, 0])
        #expect(result.placements == [1, 1, 1, 0])
        // Random picks uniformly among feasible nodes (RandomScore's PreScore): over 16 seeds the first arrival
        // lands on both nodes (each seed has probability 1/2; all on one node has probability 2⁻¹⁵).
        let firsts = Set(
            (1...16).map {
                workload.run(policy: .random, seed: $0, sequence: sequence, priority: [1, 0]).placements[0]
            })
        #expect(firsts == [0, 1])
    }

    @Test("the node order is a per-seed permutation shared by all policies")
    func nodePriorityIsPermutation() {
        let nodes = (0..<50).map { GPUSharingFixtures.node("n\($0)", gpus: 1) }
        let pods = GPUSharingFixtures.pods("a", 2, gpus: 1, milli: 500)
        let workload = GPUSharingWorkload(name: "p", nodes: nodes, pods: pods)
        let rank = workload.nodePriority(seed: 42)
        #expect(rank.sorted() == (0..<50).map { Int32($0) })
        #expect(workload.nodePriority(seed: 42) == rank)
        #expect(workload.nodePriority(seed: 43) != rank)  // 1/50! chance of equality
    }

    @Test("by default M is the artifact's: 95 % coverage of this pod list, CPU-only tasks included")
    func defaultTargetWorkload() {
        // 17 × (1 GPU, 500m) and 3 CPU-only pods: counts 17 and 3; 95 % of 20 = 19 > 17 keeps the CPU type:
        // p = 0.85 and 0.15.
        let pods = GPUSharingFixtures.pods("s", 17, gpus: 1, milli: 500) + GPUSharingFixtures.pods("c", 3)
        let workload = GPUSharingWorkload(name: "m", nodes: [GPUSharingFixtures.node("n0", gpus: 2)], pods: pods)
        #expect(workload.target.entries.map(\.count) == [17, 3])
        #expect(workload.target.keptCount == 20)
        // GPUs left [300, 1000]: the 500m type sees the 300 slice, the CPU type all 1300 idle:
        // F = 0.85 · 300 + 0.15 · 1300 = 255 + 195 = 450.
        let measure = workload.emptyCluster.measure
        let w = measure.weighted(cpuLeft: 60_000, gpuLeft: SIMD8(300, 1000, 0, 0, 0, 0, 0, 0), slot: 0)
        #expect(measure.milliGPU(weighted: w) == 450)
        // Another pod list on the same nodes has its own M: 19 × 500m + 1 CPU-only → 19 ≥ 19 keeps one type.
        let other = GPUSharingWorkload(
            name: "m2", nodes: [GPUSharingFixtures.node("n0", gpus: 2)],
            pods: GPUSharingFixtures.pods("s", 19, gpus: 1, milli: 500) + GPUSharingFixtures.pods("c", 1))
        #expect(other.target.entries.map(\.count) == [19])
    }
}
