/// The future event set, ordered by `(time, priority, insertion order)`.
///
/// Layout, chosen by measurement against a C++ `std::priority_queue` (see the README's engine
/// section, `Benchmarks/compare-engine.sh`):
/// - each event is one 16-byte key, `(time, priority | sequence | slot)`, so ordering is a single
///   branch-free unsigned comparison;
/// - the keys sit in a ``RadixHeap``: buckets by the highest 8-bit digit in which a time differs
///   from the last minimum, appended to and scanned in 1 KiB blocks, with a 4-ary heap for the
///   current instant (and for everything up to 4,096 keys). The 4-ary heap it replaces touched
///   one random cache line per level; at 10⁶ pending that was 3.86 read misses of a 1 MiB cache
///   per hold operation (callgrind's cache simulation), the radix heap takes 1.40, with about as
///   many instructions as the C++ reference (692 per operation, C++ 680, the 4-ary heap 852);
/// - payloads live in a side table of slots, touched once per push and once per pop, so the
///   payload type never slows the ordering (no per-event allocation, no boxing: a cluster's
///   events are a plain enum). That lookup is the one random access left per event, so a pop
///   prefetches the slot of the key most likely to come next: at 10⁶ pending this alone doubled
///   the hold model's speed.
///
/// The hold model against the C++ reference on a shared 2-core AMD EPYC (2026-12-06, three runs
/// of `Benchmarks/compare-engine.sh`): 1.08–1.20 at 10³ pending, 1.32–1.46 at 10⁵, 2.43–2.59
/// at 10⁶; the 4-ary heap alone, run alternately with it: 1.07–1.18, 0.85–0.87, 0.63–0.69.
///
/// Equal times pop in priority order and then FIFO, which makes runs reproducible.
/// Cancellation is lazy, as OMNeT++'s `isStale()`: a cancelled event's slot is freed at once and
/// its key, whose sequence no longer matches the slot's, is dropped when it reaches the top.
/// Cancel and cancel-after-fire are O(1); once more than half the keys are stale (and over
/// 4,096), they are all dropped in one pass.
public struct EventQueue<Event> {
    /// An event's key: the time in nanoseconds with its sign bit flipped in the high half (so
    /// unsigned order is time order), `priority (2 bits) | sequence (38 bits) | slot (24 bits)`
    /// in the low half. One unsigned comparison orders keys, branch-free.
    @usableFromInline
    struct Entry {
        @usableFromInline var packed: UInt128

        @inlinable
        init(time: Int64, key: UInt64) {
            packed = UInt128(UInt64(bitPattern: time) ^ (1 << 63)) << 64 | UInt128(key)
        }

        @inlinable
        init(packed: UInt128) { self.packed = packed }

        @inlinable var time: Int64 { Int64(bitPattern: UInt64(truncatingIfNeeded: packed >> 64) ^ (1 << 63)) }
        @inlinable var key: UInt64 { UInt64(truncatingIfNeeded: packed) }
        @inlinable var slot: Int { Int(truncatingIfNeeded: key & EventQueue.slotMask) }
        @inlinable var sequence: UInt64 { (key >> EventQueue.slotBits) & EventQueue.sequenceMask }
    }

    @usableFromInline
    struct Slot {
        /// Sequence number of the pending event in this slot; in a free slot, `freeBit` plus the
        /// index of the next free slot (an intrusive free list: no separate array to grow,
        /// check and pop, and never equal to a sequence, which is below 2^38).
        @usableFromInline var sequence: UInt64
        @usableFromInline var event: Event?

        @inlinable
        init(sequence: UInt64, event: Event?) {
            self.sequence = sequence
            self.event = event
        }
    }

    @usableFromInline static var slotBits: UInt64 { 24 }
    @usableFromInline static var slotMask: UInt64 { (1 << 24) - 1 }
    @usableFromInline static var sequenceBits: UInt64 { 38 }
    @usableFromInline static var sequenceMask: UInt64 { (1 << 38) - 1 }
    /// Marks a free slot's `sequence`; the low bits link to the next free slot.
    @usableFromInline static var freeBit: UInt64 { 1 << 63 }
    /// The end of the free list.
    @usableFromInline static var noFreeSlot: Int { -1 }
    /// At most this many events may be pending at once (16.7 million).
    public static var maximumPending: Int { 1 << 24 }

    /// The keys in time order.
    @usableFromInline var order = RadixHeap()
    @usableFromInline var slots: ContiguousArray<Slot> = []
    /// The first free slot, or `noFreeSlot`; the rest are linked through `Slot.sequence`.
    @usableFromInline var freeHead = EventQueue.noFreeSlot
    @usableFromInline var nextSequence: UInt64 = 0
    /// Keys in `order` whose event was cancelled.
    @usableFromInline var staleCount = 0

    /// Creates an empty queue.
    public init() {}

    /// Creates an empty queue with room for `capacity` pending events.
    public init(capacity: Int) {
        order = RadixHeap(capacity: capacity)
        slots.reserveCapacity(capacity)
    }

    /// Number of live (not cancelled) events.
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { order.physicalCount - staleCount - (order.rootVacant ? 1 : 0) }

    /// Whether no live event remains.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Adds an event.
    /// - Parameters:
    ///   - event: the payload.
    ///   - time: when it fires.
    ///   - priority: its rank among events at the same instant.
    /// - Returns: an identity for ``cancel(_:)``.
    /// - Complexity: O(log₄ n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: SimulationTime, priority: EventPriority = .normal) -> EventID
    {
        let sequence = nextSequence
        nextSequence &+= 1
        precondition(sequence <= Self.sequenceMask, "event sequence space (2^38 events per run) exhausted")
        let slot: UInt32
        if freeHead != Self.noFreeSlot {
            let reused = freeHead
            slot = UInt32(truncatingIfNeeded: reused)
            slots.withUnsafeMutableBufferPointer { slots in
                freeHead = Self.nextFree(slots[reused].sequence)
                slots[reused] = Slot(sequence: sequence, event: event)
            }
        } else {
            precondition(slots.count < Self.maximumPending, "more than 2^24 events pending")
            slot = UInt32(truncatingIfNeeded: slots.count)
            slots.append(Slot(sequence: sequence, event: event))
        }
        let key =
            UInt64(priority.rawValue) << (Self.sequenceBits + Self.slotBits) | sequence << Self.slotBits
            | UInt64(slot)
        order.insert(Entry(time: time.nanoseconds, key: key).packed)
        return EventID(sequence: sequence, slot: slot)
    }

    /// Cancels a pending event. Cancelling an event that already fired or was cancelled is a
    /// no-op that returns `false`, so owners need not track whether their timer fired.
    /// - Complexity: O(1) amortised; the entry is discarded when it reaches the top.
    @inlinable
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool {
        guard isPending(id) else { return false }
        release(slot: Int(id.slot))
        staleCount += 1
        if staleCount > 4096 && staleCount > order.physicalCount / 2 { compact() }
        return true
    }

    /// Whether `id` is still in the queue and not cancelled.
    /// - Complexity: O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        Int(id.slot) < slots.count && slots[Int(id.slot)].sequence == id.sequence
    }

    /// The earliest live event's time, dropping cancelled entries on the way.
    /// - Complexity: O(log n) amortised.
    @inlinable
    public mutating func nextTime() -> SimulationTime? {
        guard settleRoot() else { return nil }
        return SimulationTime(nanoseconds: Entry(packed: order.first).time)
    }

    /// Removes and returns the earliest live event.
    /// - Complexity: O(log₄ n) amortised.
    @inlinable
    public mutating func popFirst() -> ScheduledEvent<Event>? { popFirst(notAfter: .distantFuture) }

    /// Removes and returns the earliest live event if it fires no later than `limit`.
    /// - Complexity: O(log₄ n) amortised.
    @inlinable
    public mutating func popFirst(notAfter limit: SimulationTime) -> ScheduledEvent<Event>? {
        guard settleRoot() else { return nil }
        let top = Entry(packed: order.first)
        guard top.time <= limit.nanoseconds else { return nil }
        order.vacateFirst()
        let slot = top.slot
        // The next pop reads the next event's slot: start loading it now, so that the miss
        // overlaps the handler instead of stalling the pop (one random miss per event at 10⁶
        // pending).
        let next = order.likelyNext.map { Entry(packed: $0).slot } ?? slot
        let event = slots.withUnsafeMutableBufferPointer { slots in
            let event = slots[slot].event.unsafelyUnwrapped
            slots[slot] = Slot(sequence: Self.freeLink(to: freeHead), event: nil)
            Prefetch.forReading(slots.baseAddress.unsafelyUnwrapped + next)
            return event
        }
        freeHead = slot
        return ScheduledEvent(
            time: SimulationTime(nanoseconds: top.time),
            id: EventID(sequence: top.sequence, slot: UInt32(truncatingIfNeeded: slot)),
            priority: EventPriority(rawValue: UInt8(truncatingIfNeeded: top.key >> (Self.sequenceBits + Self.slotBits)))
                .unsafelyUnwrapped,
            event: event)
    }

    /// Removes every event.
    public mutating func removeAll() {
        order.removeAll()
        slots.removeAll(keepingCapacity: true)
        freeHead = Self.noFreeSlot
        staleCount = 0
    }

    // MARK: - Heap mechanics

    @inlinable
    mutating func release(slot: Int) {
        slots[slot] = Slot(sequence: Self.freeLink(to: freeHead), event: nil)
        freeHead = slot
    }

    /// A free slot's `sequence`: `freeBit` and the next free slot plus one (0 ends the list).
    @inlinable
    static func freeLink(to next: Int) -> UInt64 { freeBit | UInt64(truncatingIfNeeded: next &+ 1) }

    /// The next free slot that a free slot's `sequence` links to, or `noFreeSlot`.
    @inlinable
    static func nextFree(_ link: UInt64) -> Int { Int(truncatingIfNeeded: link & ~freeBit) &- 1 }

    /// Makes the earliest live key the first in `order`, dropping cancelled ones; returns
    /// whether there is one.
    @inlinable
    mutating func settleRoot() -> Bool {
        while order.settle() {
            guard staleCount > 0 else { return true }
            let first = Entry(packed: order.first)
            if slots[first.slot].sequence == first.sequence { return true }
            order.removeFirst()
            staleCount -= 1
        }
        return false
    }

    /// Drops every stale key, so that many cancelled far-future timers cannot make the queue
    /// grow without bound.
    /// - Complexity: O(n).
    @usableFromInline
    mutating func compact() {
        let table = slots
        order.removeAll { table[Entry(packed: $0).slot].sequence != Entry(packed: $0).sequence }
        staleCount = 0
    }
}
