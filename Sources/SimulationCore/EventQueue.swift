/// The future event set: a 4-ary min-heap ordered by `(time, priority, insertion order)`.
///
/// Layout, chosen by measurement against a C++ `std::priority_queue` (see the README):
/// - each entry's order is one 128-bit integer: the time in nanoseconds with its sign bit
///   flipped (so unsigned order is time order), then `priority (2 bits) | sequence (62 bits)`.
///   One unsigned comparison orders two entries and compiles to branch-free code, which
///   matters in the sift loops where branches are unpredictable;
/// - payloads are stored inline next to their key: no per-event allocation, no boxing, and no
///   second memory access when an event is popped (a cluster's events are a plain enum);
/// - sifting moves a hole instead of swapping, and a pop followed by a push (a handler
///   scheduling its follow-up, the common case) is one sift instead of two.
///
/// Equal times pop in priority order and then FIFO, which makes runs reproducible.
///
/// Cancellation is lazy, as OMNeT++'s `isStale()`, and needs no per-event bookkeeping:
/// because events leave the queue in strictly increasing `(time, priority, sequence)` order,
/// an ``EventID`` (which carries that triple) is still pending exactly when it is ordered
/// after the last event handed out and has not been cancelled. Cancelled sequences are kept in
/// a set, consulted only while it is non-empty, and their entries are dropped when they
/// reach the top (or all at once when they are more than half the heap).
public struct EventQueue<Event> {
    @usableFromInline
    struct Entry {
        @usableFromInline var order: UInt128
        @usableFromInline var event: Event

        @inlinable
        init(order: UInt128, event: Event) {
            self.order = order
            self.event = event
        }
    }

    @usableFromInline static var sequenceMask: UInt64 { (1 << 62) - 1 }

    @usableFromInline var heap: ContiguousArray<Entry> = []
    @usableFromInline var nextSequence: UInt64 = 0
    /// Order of the last entry handed out by a pop; everything at or below it has fired.
    @usableFromInline var lastPopped: UInt128 = 0
    @usableFromInline var anyPopped = false
    /// Sequence numbers of cancelled events whose entries are still in `heap`.
    @usableFromInline var cancelled: Set<UInt64> = []
    /// The root was handed out by a pop but not yet removed; the next push drops its entry
    /// into the root and sifts once (see the type's documentation).
    @usableFromInline var rootVacant = false

    /// Creates an empty queue.
    public init() {}

    /// Creates an empty queue with room for `capacity` pending events.
    public init(capacity: Int) { heap.reserveCapacity(capacity) }

    /// Number of live (not cancelled) events.
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { heap.count - cancelled.count - (rootVacant ? 1 : 0) }

    /// Whether no live event remains.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    @inlinable
    static func order(time: Int64, priority: EventPriority, sequence: UInt64) -> UInt128 {
        UInt128(UInt64(bitPattern: time) ^ (1 << 63)) << 64 | UInt128(UInt64(priority.rawValue) << 62 | sequence)
    }

    /// Adds an event.
    /// - Parameters:
    ///   - event: the payload.
    ///   - time: when it fires.
    ///   - priority: its rank among events at the same instant.
    /// - Returns: an identity for ``cancel(_:)``.
    /// - Complexity: O(log₄ n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: SimulationTime, priority: EventPriority = .normal) -> EventID {
        let sequence = nextSequence
        nextSequence &+= 1
        var order = Self.order(time: time.nanoseconds, priority: priority, sequence: sequence)
        if anyPopped && order < lastPopped {
            // A higher priority at an instant whose lower-priority events already began firing:
            // join the current priority class instead, so that pop order stays monotonic (what
            // makes O(1) `isPending` exact). It still fires at this instant, after the events
            // of that class already queued.
            precondition(time.nanoseconds >= EventID(order: lastPopped).time, "cannot schedule into the past")
            order = lastPopped & ~UInt128(Self.sequenceMask) | UInt128(sequence)
        }
        let entry = Entry(order: order, event: event)
        if rootVacant {
            rootVacant = false
            heap.withUnsafeMutableBufferPointer { Self.siftDown($0, from: 0, placing: entry) }
        } else {
            heap.append(entry)
            heap.withUnsafeMutableBufferPointer { Self.siftUp($0, from: $0.count - 1, placing: entry) }
        }
        return EventID(order: order)
    }

    /// Cancels a pending event. Cancelling an event that already fired or was cancelled is a
    /// no-op that returns `false`, so owners need not track whether their timer fired.
    /// - Complexity: O(1) amortised; the entry is discarded when it reaches the top.
    @inlinable
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool {
        guard isPending(id) else { return false }
        cancelled.insert(id.sequence)
        if cancelled.count > 4096 && cancelled.count > heap.count / 2 { compact() }
        return true
    }

    /// Whether `id` is still in the queue and not cancelled.
    /// - Complexity: O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        guard id.sequence < nextSequence, !anyPopped || id.order > lastPopped else { return false }
        return cancelled.isEmpty || !cancelled.contains(id.sequence)
    }

    /// The earliest live event's time, dropping cancelled entries on the way.
    /// - Complexity: O(log n) amortised.
    @inlinable
    public mutating func nextTime() -> SimulationTime? {
        settleRoot()
        return heap.isEmpty ? nil : SimulationTime(nanoseconds: EventID(order: heap[0].order).time)
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
        guard let top = heap.first else { return nil }
        let id = EventID(order: top.order)
        guard id.time <= limit.nanoseconds else { return nil }
        rootVacant = true
        lastPopped = top.order
        anyPopped = true
        return ScheduledEvent(time: SimulationTime(nanoseconds: id.time), id: id, priority: id.priority, event: top.event)
    }

    /// Removes every event.
    public mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
        cancelled.removeAll()
        rootVacant = false
    }

    // MARK: - Heap mechanics

    /// Removes a handed-out root and any cancelled entries from the top.
    @inlinable
    mutating func settleRoot() {
        if rootVacant {
            rootVacant = false
            removeTop()
        }
        guard !cancelled.isEmpty else { return }
        while let first = heap.first, cancelled.remove(UInt64(truncatingIfNeeded: first.order) & Self.sequenceMask) != nil {
            removeTop()
        }
    }

    @inlinable
    mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap.withUnsafeMutableBufferPointer { Self.siftDown($0, from: 0, placing: last) }
    }

    /// Drops every cancelled entry and rebuilds the heap, so that many cancelled far-future
    /// timers cannot make the heap grow without bound.
    /// - Complexity: O(n).
    @usableFromInline
    mutating func compact() {
        if rootVacant {
            rootVacant = false
            removeTop()
        }
        let dropped = cancelled
        heap.removeAll { dropped.contains(UInt64(truncatingIfNeeded: $0.order) & Self.sequenceMask) }
        cancelled.removeAll()
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
            let parent = (hole &- 1) >> 2
            guard moving.order < buffer[parent].order else { break }
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
                // Full family: a fixed tournament the compiler turns into conditional moves.
                let left = buffer[first].order < buffer[first &+ 1].order ? first : first &+ 1
                let right = buffer[first &+ 2].order < buffer[first &+ 3].order ? first &+ 2 : first &+ 3
                best = buffer[left].order < buffer[right].order ? left : right
            } else {
                var child = first &+ 1
                while child < count {
                    if buffer[child].order < buffer[best].order { best = child }
                    child &+= 1
                }
            }
            guard buffer[best].order < moving.order else { break }
            buffer[hole] = buffer[best]
            hole = best
        }
        buffer[hole] = moving
    }
}
