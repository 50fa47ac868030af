/// Orders events that fall on the same instant, before insertion order does.
///
/// Kept deliberately few and named (as SimPy's `URGENT`/`NORMAL`): components agree on them
/// instead of inventing numbers.
@frozen
public enum EventPriority: UInt8, Sendable, CaseIterable {
    /// Runs before anything else at the same instant (e.g. a timer that must see the old state).
    case urgent = 0
    /// The default.
    case normal = 1
    /// Runs after everything else at the same instant (e.g. sampling, end-of-instant bookkeeping).
    case late = 2
}

/// Identifies one scheduled event so that it can be cancelled or rescheduled.
///
/// It carries the event's full ordering key (time, priority, insertion sequence), which is
/// what lets the queue decide in O(1), without per-event bookkeeping, whether it already fired.
@frozen
public struct EventID: Hashable, Sendable, Comparable {
    @usableFromInline let order: UInt128

    @inlinable
    init(order: UInt128) { self.order = order }

    /// The insertion sequence number, unique within one ``EventQueue``.
    @inlinable
    public var sequence: UInt64 { UInt64(truncatingIfNeeded: order) & ((1 << 62) - 1) }

    /// The time the event fires, in nanoseconds.
    @inlinable
    public var time: Int64 { Int64(bitPattern: UInt64(truncatingIfNeeded: order >> 64) ^ (1 << 63)) }

    /// The event's priority.
    @inlinable
    public var priority: EventPriority {
        EventPriority(rawValue: UInt8(truncatingIfNeeded: UInt64(truncatingIfNeeded: order) >> 62)).unsafelyUnwrapped
    }

    /// Orders identities as the queue orders their events.
    @inlinable
    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.order < rhs.order }
}

/// An event as the queue hands it out: when it fires, its identity and payload.
@frozen
public struct ScheduledEvent<Event> {
    /// The instant the event fires.
    public let time: SimulationTime
    /// Its identity (for tracing).
    public let id: EventID
    /// Its priority among events at the same instant.
    public let priority: EventPriority
    /// The payload the owner scheduled.
    public let event: Event

    @inlinable
    init(time: SimulationTime, id: EventID, priority: EventPriority, event: Event) {
        self.time = time
        self.id = id
        self.priority = priority
        self.event = event
    }
}
