import PropertyBased
import Testing

@testable import SimulationCore

@Suite struct EventQueueTests {
    @Test("events pop in time order")
    func timeOrder() {
        var queue = EventQueue<Int>()
        for (index, t) in [50, 10, 40, 20, 30].enumerated() {
            queue.schedule(index, at: .seconds(t))
        }
        var times: [Int64] = []
        while let next = queue.popFirst() { times.append(next.time.nanoseconds / 1_000_000_000) }
        #expect(times == [10, 20, 30, 40, 50])
    }

    @Test("equal times pop by priority, then FIFO", arguments: [1, 7, 100, 1000])
    func fifoTies(count: Int) {
        var queue = EventQueue<Int>()
        for index in 0..<count {
            let priority: EventPriority = index % 3 == 0 ? .late : (index % 3 == 1 ? .normal : .urgent)
            queue.schedule(index, at: .seconds(5), priority: priority)
        }
        var popped: [Int] = []
        while let next = queue.popFirst() { popped.append(next.event) }
        let expected =
            (0..<count).filter { $0 % 3 == 2 } + (0..<count).filter { $0 % 3 == 1 } + (0..<count).filter { $0 % 3 == 0 }
        #expect(popped == expected)
    }

    @Test("cancelled events never fire, and cancelling twice or after firing is a no-op")
    func cancellation() {
        var queue = EventQueue<String>()
        let a = queue.schedule("a", at: .seconds(1))
        let b = queue.schedule("b", at: .seconds(2))
        let c = queue.schedule("c", at: .seconds(3))
        let cancelledOnce = queue.cancel(b)
        let cancelledTwice = queue.cancel(b)
        #expect(cancelledOnce)
        #expect(!cancelledTwice)
        #expect(queue.count == 2)
        let first = queue.popFirst()
        #expect(first?.event == "a")
        let cancelledAfterFiring = queue.cancel(a)
        #expect(!cancelledAfterFiring, "a already fired")
        #expect(queue.isPending(c))
        let second = queue.popFirst()
        #expect(second?.event == "c")
        #expect(queue.popFirst() == nil)
        #expect(queue.isEmpty)
    }

    @Test("an urgent event scheduled at an instant whose normal events began firing runs next, and is cancellable")
    func urgentAfterNormalAtSameInstant() {
        var queue = EventQueue<String>()
        queue.schedule("n1", at: .seconds(1))
        queue.schedule("n2", at: .seconds(1))
        let first = queue.popFirst()
        #expect(first?.event == "n1")
        let urgent = queue.schedule("u", at: .seconds(1), priority: .urgent)
        #expect(queue.isPending(urgent))
        let rest = [queue.popFirst()?.event, queue.popFirst()?.event]
        #expect(rest == ["u", "n2"])
        let again = queue.schedule("v", at: .seconds(1), priority: .urgent)
        let cancelled = queue.cancel(again)
        #expect(cancelled)
        #expect(queue.popFirst() == nil)
    }

    @Test("a cancelled event's identity never matches a later event")
    func slotReuse() {
        var queue = EventQueue<String>()
        let old = queue.schedule("old", at: .seconds(1))
        queue.cancel(old)
        let new = queue.schedule("new", at: .seconds(2))
        #expect(!queue.isPending(old))
        #expect(queue.isPending(new))
        let popped = queue.popFirst()
        #expect(popped?.event == "new")
        #expect(queue.popFirst() == nil)
    }

    @Test("mass cancellation compacts the heap and keeps order")
    func compaction() {
        var queue = EventQueue<Int>()
        var ids: [EventID] = []
        for index in 0..<20_000 { ids.append(queue.schedule(index, at: .seconds(20_000 - index))) }
        for (index, id) in ids.enumerated() where index % 4 != 0 { queue.cancel(id) }
        #expect(queue.count == 5_000)
        #expect(queue.order.physicalCount < 20_000, "compaction should have dropped cancelled entries")
        var previous = Int64.min
        var popped = 0
        while let next = queue.popFirst() {
            #expect(next.event % 4 == 0)
            #expect(next.time.nanoseconds >= previous)
            previous = next.time.nanoseconds
            popped += 1
        }
        #expect(popped == 5_000)
    }

    @Test("property: any schedule/cancel mix pops sorted by (time, priority, sequence)")
    func propertyOrdering() async {
        await propertyCheck(input: Gen.int(in: 0...30).array(of: 1...200), Gen.int(in: 0...5).array(of: 1...200)) {
            times, cancelPattern in
            var queue = EventQueue<Int>()
            var ids: [EventID] = []
            for (index, t) in times.enumerated() {
                let priority = EventPriority.allCases[index % 3]
                ids.append(queue.schedule(index, at: .seconds(t), priority: priority))
            }
            var cancelled = Set<Int>()
            for (index, pattern) in cancelPattern.enumerated() where index < ids.count && pattern == 0 {
                queue.cancel(ids[index])
                cancelled.insert(index)
            }
            let expected = times.indices.filter { !cancelled.contains($0) }.sorted {
                (times[$0], $0 % 3, $0) < (times[$1], $1 % 3, $1)
            }
            var popped: [Int] = []
            while let next = queue.popFirst() { popped.append(next.event) }
            #expect(popped == expected)
        }
    }

    @Test("property: interleaved pops and pushes, pop in (time, priority, sequence) order")
    func propertyInterleaved() async {
        // Offsets up to 2^40 ns; offset 0 lands on the current instant and a negative one before
        // it (the queue itself accepts any time). Pops free slots that later pushes reuse.
        await propertyCheck(
            input: Gen.int(in: -3...40).array(of: 1...300), Gen.int(in: 0...1 << 20).array(of: 1...300)
        ) { shifts, mantissas in
            var queue = EventQueue<Int>()
            // The reference: every live entry as (time, priority, sequence), popped by sorting.
            var reference: [(time: Int64, priority: Int, sequence: Int)] = []
            var now: Int64 = 0
            for (index, shift) in shifts.enumerated() {
                let mantissa = Int64(mantissas[index % mantissas.count])
                let time = shift < 0 ? now + Int64(shift) : (shift == 0 ? now : now + (mantissa << (shift / 2)) + 1)
                let priority = index % 3
                queue.schedule(index, at: SimulationTime(nanoseconds: time), priority: EventPriority.allCases[priority])
                reference.append((time, priority, index))
                if index % 3 == 2 {
                    reference.sort { ($0.time, $0.priority, $0.sequence) < ($1.time, $1.priority, $1.sequence) }
                    let expected = reference.removeFirst()
                    let popped = queue.popFirst()
                    #expect(popped?.event == expected.sequence)
                    #expect(popped?.time.nanoseconds == expected.time)
                    now = max(now, expected.time)
                }
            }
            reference.sort { ($0.time, $0.priority, $0.sequence) < ($1.time, $1.priority, $1.sequence) }
            var popped: [Int] = []
            while let next = queue.popFirst() { popped.append(next.event) }
            #expect(popped == reference.map(\.sequence))
        }
    }
}
