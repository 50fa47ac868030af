import PropertyBased
import Testing

@testable import SimulationCore

/// The event queue against the plainest possible future event set: a list of pending events,
/// whose first is found by comparing `(time, priority, sequence)` over all of them.
@Suite struct EventQueueReferenceTests {
    /// The reference: every live event with its ordering fields, in no order.
    struct Reference {
        var pending: [(time: Int64, priority: Int, sequence: UInt64, event: Int)] = []

        /// Index of the event that must pop next.
        var firstIndex: Int? {
            pending.indices.min {
                (pending[$0].time, pending[$0].priority, pending[$0].sequence)
                    < (pending[$1].time, pending[$1].priority, pending[$1].sequence)
            }
        }
    }

    /// A time from one draw: the current instant, a few nanoseconds later, or up to 2^45 ns later
    /// (so keys land in every digit position of the radix part).
    static func time(after now: Int64, draw: Int) -> Int64 {
        switch draw % 4 {
        case 0: now
        case 1: now + Int64(draw >> 2 & 7)
        default: now + Int64(draw >> 2 & 0xffff) << Int64(draw >> 18 % 30)
        }
    }

    @Test("property: schedule/cancel/peek/pop mixes pop exactly as sorting by (time, priority, sequence)")
    func matchesReference() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...99).array(of: 1...400), Gen.int(in: 0...(1 << 30)).array(of: 1...400),
            Gen.int(in: 0...3)
        ) { operations, draws, limit in
            var queue = EventQueue<Int>()
            // The radix buckets turn on above this many keys (4,096 unless a test lowers it).
            queue.order.heapOnlyLimit = [0, 1, 5, 4096][limit]
            var reference = Reference()
            var ids: [EventID] = []
            var now: Int64 = 0
            for (step, operation) in operations.enumerated() {
                let draw = draws[step % draws.count]
                switch operation % 10 {
                case 0...4:
                    // Includes an urgent event at the instant whose normal events are firing.
                    let priority = draw % 3
                    let time = Self.time(after: now, draw: draw >> 2)
                    let id = queue.schedule(
                        step, at: SimulationTime(nanoseconds: time), priority: EventPriority.allCases[priority])
                    ids.append(id)
                    reference.pending.append((time, priority, id.sequence, step))
                case 5 where !ids.isEmpty:
                    // Any earlier event: pending, fired or already cancelled.
                    let id = ids[draw % ids.count]
                    let live = reference.pending.firstIndex { $0.sequence == id.sequence }
                    #expect(queue.isPending(id) == (live != nil))
                    let cancelled = queue.cancel(id)
                    #expect(cancelled == (live != nil))
                    if let live { reference.pending.remove(at: live) }
                case 6, 7:
                    let popped = queue.popFirst()
                    guard let index = reference.firstIndex else {
                        #expect(popped == nil)
                        continue
                    }
                    let expected = reference.pending.remove(at: index)
                    #expect(popped?.event == expected.event)
                    #expect(popped?.time.nanoseconds == expected.time)
                    #expect(popped?.priority == EventPriority.allCases[expected.priority])
                    now = expected.time
                case 8:
                    // A peek may settle the queue past the current instant; later events may
                    // still be scheduled between the two.
                    let next = queue.nextTime()
                    #expect(next?.nanoseconds == reference.firstIndex.map { reference.pending[$0].time })
                default:
                    let limit = SimulationTime(nanoseconds: now + Int64(draw & 0xff))
                    let popped = queue.popFirst(notAfter: limit)
                    if let index = reference.firstIndex, reference.pending[index].time <= limit.nanoseconds {
                        let expected = reference.pending.remove(at: index)
                        #expect(popped?.event == expected.event)
                        now = expected.time
                    } else {
                        #expect(popped == nil)
                    }
                }
                #expect(queue.count == reference.pending.count)
            }
            while let index = reference.firstIndex {
                let expected = reference.pending.remove(at: index)
                #expect(queue.popFirst()?.event == expected.event)
            }
            #expect(queue.popFirst() == nil)
        }
    }

    @Test("mass cancellation across buckets compacts, and pops and pushes afterwards keep the order")
    func compactionKeepsOrder() throws {
        var queue = EventQueue<Int>()
        var reference = Reference()
        var ids: [EventID] = []
        // A fixed linear congruential stream (Knuth's MMIX constants) for times over 2^40 ns.
        var state: UInt64 = 42
        func draw() -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64(state >> 24)
        }
        for index in 0..<20_000 {
            let time = draw()
            let id = queue.schedule(index, at: SimulationTime(nanoseconds: time), priority: .allCases[index % 3])
            ids.append(id)
            reference.pending.append((time, index % 3, id.sequence, index))
        }
        for (index, id) in ids.enumerated() where index % 4 != 0 { queue.cancel(id) }
        reference.pending.removeAll { $0.event % 4 != 0 }
        #expect(queue.count == 5_000)
        #expect(queue.order.physicalCount < 20_000, "compaction should have dropped cancelled keys")
        // The reference kept sorted latest first, so the next event is the last.
        var sorted = reference.pending.sorted {
            ($0.time, $0.priority, $0.sequence) > ($1.time, $1.priority, $1.sequence)
        }
        var now: Int64 = 0
        for step in 0..<10_000 {
            if step % 2 == 0 {
                let last = sorted.popLast()
                let expected = try #require(last)
                let popped = queue.popFirst()
                #expect(popped?.event == expected.event)
                now = expected.time
            } else {
                let time = now + draw() % 1_000_000_000
                let id = queue.schedule(20_000 + step, at: SimulationTime(nanoseconds: time))
                let entry = (time: time, priority: 1, sequence: id.sequence, event: 20_000 + step)
                // The first position whose event comes before the new one (binary search).
                var low = 0
                var high = sorted.count
                while low < high {
                    let middle = (low + high) / 2
                    let other = sorted[middle]
                    if (other.time, other.priority, other.sequence) < (time, 1, id.sequence) {
                        high = middle
                    } else {
                        low = middle + 1
                    }
                }
                sorted.insert(entry, at: low)
            }
        }
        #expect(queue.count == sorted.count)
    }

    @Test("removeAll empties the queue, and it works as new afterwards")
    func removeAllResets() {
        var queue = EventQueue<Int>()
        for index in 0..<1_000 { queue.schedule(index, at: SimulationTime(nanoseconds: Int64(index) << 20)) }
        _ = queue.popFirst()
        queue.removeAll()
        #expect(queue.isEmpty)
        #expect(queue.popFirst() == nil)
        queue.schedule(2, at: .seconds(2))
        queue.schedule(1, at: .seconds(1))
        #expect(queue.popFirst()?.event == 1)
        #expect(queue.popFirst()?.event == 2)
        #expect(queue.popFirst() == nil)
    }
}
