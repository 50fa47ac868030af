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

/// Identifies one scheduled event so that it can be cancelled.
///
/// It carries the event's insertion sequence number (unique within one ``EventQueue``) and the
/// queue slot that the event holds while pending.
@frozen
public struct EventID: Hashable, Sendable, Comparable {
    /// The insertion sequence number.
    public let sequence: UInt64
    @usableFromInline let slot: UInt32

    @inlinable
    init(sequence: UInt64, slot: UInt32) {
        self.sequence = sequence
        self.slot = slot
    }

    @inlinable
    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.sequence < rhs.sequence }
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
