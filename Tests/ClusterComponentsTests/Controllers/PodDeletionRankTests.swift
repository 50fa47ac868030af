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
            #expect(earlier.key < base.key)
            #expect(!(base.key < earlier.key))
        }
    }

    /// `ActivePodsWithRanks.Less` spelled out field by field (k/k
    /// pkg/controller/controller_utils.go, exact times instead of logarithmic buckets), the
    /// reference for the packed key.
    static func lessByFields(_ a: PodDeletionRank, _ b: PodDeletionRank) -> Bool {
        if a.assigned != b.assigned { return !a.assigned }
        if a.phase != b.phase { return a.phase < b.phase }
        if (a.ready == nil) != (b.ready == nil) { return a.ready == nil }
        if a.colocated != b.colocated { return a.colocated > b.colocated }
        if let ra = a.ready, let rb = b.ready, ra != rb { return ra > rb }
        if a.restarts != b.restarts { return a.restarts > b.restarts }
        if a.created != b.created { return a.created > b.created }
        return a.pod > b.pod
    }

    @Test("property: the packed key orders pods as the field-by-field comparison does")
    func keyMatchesFields() async {
        await propertyCheck(input: Gen.int(in: 0...1000).array(of: 6).array(of: 2...40)) { rows in
            let ranks = rows.enumerated().map { Self.rank($0.offset, $0.element) }
            for a in ranks {
                for b in ranks {
                    #expect((a.key < b.key) == Self.lessByFields(a, b))
                }
            }
        }
    }

    @Test("property: the bounded selection equals the first pods of a full sort")
    func selectionMatchesSort() async {
        await propertyCheck(input: Gen.int(in: 0...1000).array(of: 6).array(of: 1...300), Gen.int(in: 0...20)) {
            rows, count in
            let ranks = rows.enumerated().map { Self.rank($0.offset, $0.element) }
            let expected = ranks.sorted(by: Self.lessByFields).prefix(count).map(\.pod)
            #expect(PodDeletionRank.first(count, of: ranks.map(\.pod)) { ranks[$0.value] } == Array(expected))
        }
    }
}
