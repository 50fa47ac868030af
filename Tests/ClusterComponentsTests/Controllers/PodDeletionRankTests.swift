import PropertyBased
import SimulationCore
import Testing

@testable import ClusterComponents

@Suite("PodDeletionRank")
struct PodDeletionRankTests {
    static func rank(_ i: Int, _ fields: [Int]) -> PodDeletionRank {
        PodDeletionRank(
            pod: PodID(i), assigned: fields[0] % 2 == 0, phase: fields[1] % 3,
            ready: fields[2] % 3 == 0 ? nil : .zero + .seconds(fields[2] % 5), colocated: fields[3] % 4,
            restarts: fields[4] % 3, created: .zero + .seconds(fields[5] % 4))
    }

    @Test("the order of ActivePodsWithRanks: unassigned, Pending, not ready, crowded, newer first")
    func order() {
        let base = PodDeletionRank(
            pod: PodID(0), assigned: true, phase: 2, ready: .zero + .seconds(10), colocated: 1, restarts: 0,
            created: .zero)
        var unassigned = base
        unassigned.assigned = false
        var pending = base
        pending.phase = 0
        var notReady = base
        notReady.ready = nil
        var crowded = base
        crowded.colocated = 3
        var readyLater = base
        readyLater.ready = .zero + .seconds(20)
        var restarted = base
        restarted.restarts = 2
        var newer = base
        newer.created = .zero + .seconds(5)
        for earlier in [unassigned, pending, notReady, crowded, readyLater, restarted, newer] {
            #expect(PodDeletionRank.precedes(earlier, base))
            #expect(!PodDeletionRank.precedes(base, earlier))
        }
    }

    @Test("property: the bounded selection equals the first pods of a full sort")
    func selectionMatchesSort() async {
        await propertyCheck(input: Gen.int(in: 0...1000).array(of: 6).array(of: 1...300), Gen.int(in: 0...20)) {
            rows, count in
            let ranks = rows.enumerated().map { Self.rank($0.offset, $0.element) }
            let expected = ranks.sorted(by: PodDeletionRank.precedes).prefix(count).map(\.pod)
            #expect(PodDeletionRank.first(count, of: ranks).map(\.pod) == Array(expected))
        }
    }
}
