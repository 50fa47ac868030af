/// The future event set: a 4-ary min-heap ordered by `(time, priority, insertion order)`.
///
/// Layout, chosen by measurement against a C++ `std::priority_queue` (see the README):
/// - heap entries are one 16-byte integer, `(time, priority | sequence | slot)`, so the four
///   children of a node span one cache line and ordering is a single branch-free unsigned
///   comparison (an inline-payload variant with 32-byte entries measured 25% slower at 10⁶
///   pending events);
/// - payloads live in a side table of slots, touched once per push and once per pop, so the
///   payload type never slows the sift loops (no per-event allocation, no boxing: a cluster's
///   events are a plain enum);
/// - sifting moves a hole instead of swapping, and a pop followed by a push (a handler
///   scheduling its follow-up, the common case) is one sift instead of two.
///
/// Equal times pop in priority order and then FIFO, which makes runs reproducible.
/// Cancellation is lazy, as OMNeT++'s `isStale()`: a cancelled event's slot is freed at once and
/// its heap entry, whose sequence no longer matches the slot's, is dropped when it reaches the
/// top. Cancel and cancel-after-fire are O(1).
public struct EventQueue<Event> {
    @usableFromInline
    struct Entry {
        /// `(time, key)` as one 128-bit integer: the high half is the time in nanoseconds with its
        /// sign bit flipped (so unsigned order is time order), the low half is
        /// `priority (2 bits) | sequence (38 bits) | slot (24 bits)`. One unsigned comparison
        /// orders entries, and compiles to branch-free code, which matters in the sift loops.
        @usableFromInline var packed: UInt128

        @inlinable
        init(time: Int64, key: UInt64) {
            packed = UInt128(UInt64(bitPattern: time) ^ (1 << 63)) << 64 | UInt128(key)
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool { packed < other.packed }

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

    @usableFromInline var heap: ContiguousArray<Entry> = []
    @usableFromInline var slots: ContiguousArray<Slot> = []
    /// The first free slot, or `noFreeSlot`; the rest are linked through `Slot.sequence`.
    @usableFromInline var freeHead = EventQueue.noFreeSlot
    @usableFromInline var nextSequence: UInt64 = 0
    /// Entries in `heap` whose event was cancelled.
    @usableFromInline var staleCount = 0
    /// The root was handed out by a pop but not yet removed; the next push drops its entry
    /// into the root and sifts once (see the type's documentation).
    @usableFromInline var rootVacant = false

    /// Creates an empty queue.
    public init() {}

    /// Creates an empty queue with room for `capacity` pending events.
    public init(capacity: Int) {
        heap.reserveCapacity(capacity)
        slots.reserveCapacity(capacity)
    }

    /// Number of live (not cancelled) events.
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { heap.count - staleCount - (rootVacant ? 1 : 0) }

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
        let entry = Entry(time: time.nanoseconds, key: key)
        if rootVacant {
            rootVacant = false
            heap.withUnsafeMutableBufferPointer { Self.siftDown($0, from: 0, placing: entry) }
        } else {
            heap.append(entry)
            heap.withUnsafeMutableBufferPointer { Self.siftUp($0, from: $0.count - 1, placing: entry) }
        }
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
        if staleCount > 4096 && staleCount > heap.count / 2 { compact() }
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
        settleRoot()
        return heap.isEmpty ? nil : SimulationTime(nanoseconds: heap[0].time)
    }

    /// Removes and returns the earliest live event.
    /// - Complexity: O(log₄ n) amortised.
    @inlinable
    public mutating func popFirst() -> ScheduledEvent<Event>? { popFirst(notAfter: .distantFuture) }

    /// Removes and returns the earliest live event if it fires no later than `limit`.
    /// - Complexity: O(log₄ n) amortised.
    @inlinable
    public mutating func popFirst(notAfter limit: SimulationTime) -> ScheduledEvent<Event>? {
        settleRoot()
        guard let top = heap.first, top.time <= limit.nanoseconds else { return nil }
        rootVacant = true
        let slot = top.slot
        let event = slots.withUnsafeMutableBufferPointer { slots in
            let event = slots[slot].event.unsafelyUnwrapped
            slots[slot] = Slot(sequence: Self.freeLink(to: freeHead), event: nil)
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
        heap.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        freeHead = Self.noFreeSlot
        staleCount = 0
        rootVacant = false
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

    /// Removes a handed-out root and any stale entries from the top.
    @inlinable
    mutating func settleRoot() {
        if rootVacant {
            rootVacant = false
            removeTop()
        }
        guard staleCount > 0 else { return }
        while let first = heap.first, slots[first.slot].sequence != first.sequence {
            removeTop()
            staleCount -= 1
        }
    }

    @inlinable
    mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap.withUnsafeMutableBufferPointer { Self.siftDown($0, from: 0, placing: last) }
    }

    /// Drops every stale entry and rebuilds the heap, so that many cancelled far-future timers
    /// cannot make the heap grow without bound.
    /// - Complexity: O(n).
    @usableFromInline
    mutating func compact() {
        if rootVacant {
            rootVacant = false
            removeTop()
        }
        let table = slots
        heap.removeAll { table[$0.slot].sequence != $0.sequence }
        staleCount = 0
        guard heap.count > 1 else { return }
        heap.withUnsafeMutableBufferPointer { buffer in
            for index in stride(from: (buffer.count - 2) >> 2, through: 0, by: -1) {
                Self.siftDown(buffer, from: index, placing: buffer[index])
            }
        }
    }

    @inlinable
    static func siftUp(_ buffer: UnsafeMutableBufferPointer<Entry>, from index: Int, placing moving: Entry) {
        var hole = index
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard moving.precedes(buffer[parent]) else { break }
            buffer[hole] = buffer[parent]
            hole = parent
        }
        buffer[hole] = moving
    }

    /// Places `moving` into the hole at `start` and sifts the hole down.
    @inlinable
    static func siftDown(_ buffer: UnsafeMutableBufferPointer<Entry>, from start: Int, placing moving: Entry) {
        let count = buffer.count
        var hole = start
        while true {
            let first = 4 &* hole &+ 1
            if first >= count { break }
            var best = first
            if first &+ 3 < count {
                // Full family: a fixed tournament the compiler can schedule without a loop.
                let left = buffer[first].precedes(buffer[first &+ 1]) ? first : first &+ 1
                let right = buffer[first &+ 2].precedes(buffer[first &+ 3]) ? first &+ 2 : first &+ 3
                best = buffer[left].precedes(buffer[right]) ? left : right
            } else {
                var child = first &+ 1
                while child < count {
                    if buffer[child].precedes(buffer[best]) { best = child }
                    child &+= 1
                }
            }
            guard buffer[best].precedes(moving) else { break }
            buffer[hole] = buffer[best]
            hole = best
        }
        buffer[hole] = moving
    }
}
