/// The run loop: a clock and a future event set, generic over the event payload.
///
/// The engine knows nothing of Kubernetes. A client supplies a plain enum of events and an
/// ``EventHandler`` (or a closure); the generic code specialises, so dispatch is a `switch`,
/// not a call through an existential. Single-threaded by design: parallelism is across runs.
public struct Simulation<Event> {
    /// The current instant: the time of the event being handled, or of the last one handled.
    public var now: SimulationTime { clock }
    @usableFromInline var clock: SimulationTime = .zero
    /// The future event set.
    @usableFromInline var queue: EventQueue<Event>
    /// Events handed out so far.
    public var eventsProcessed: UInt64 { processed }
    @usableFromInline var processed: UInt64 = 0
    /// Sees every event just before it is handled (tracing, counting); `nil` costs one branch.
    public var tracer: ((ScheduledEvent<Event>) -> Void)?

    /// Creates a simulation at time zero.
    /// - Parameter capacity: expected number of pending events, to avoid regrowing the heap.
    public init(capacity: Int = 1024) {
        queue = EventQueue(capacity: capacity)
    }

    /// Number of pending events.
    @inlinable
    public var pendingCount: Int { queue.count }

    /// Schedules `event` at an absolute time.
    /// - Parameters:
    ///   - event: the payload.
    ///   - time: when it fires; must not be earlier than ``now``.
    ///   - priority: rank among events at the same instant.
    /// - Returns: an identity for ``cancel(_:)``.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: SimulationTime, priority: EventPriority = .normal) -> EventID
    {
        precondition(time >= now, "cannot schedule into the past (\(time) < \(now))")
        return queue.schedule(event, at: time, priority: priority)
    }

    /// Schedules `event` after a delay from ``now``.
    /// - Parameters:
    ///   - event: the payload.
    ///   - delay: non-negative interval from now.
    ///   - priority: rank among events at the same instant.
    /// - Returns: an identity for ``cancel(_:)``.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func schedule(
        _ event: Event, after delay: SimulationDuration, priority: EventPriority = .normal
    ) -> EventID {
        precondition(delay.nanoseconds >= 0, "negative delay \(delay)")
        return queue.schedule(event, at: now + delay, priority: priority)
    }

    /// Cancels a pending event; a no-op returning `false` if it already fired or was cancelled.
    /// - Complexity: O(1).
    @inlinable
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool { queue.cancel(id) }

    /// Whether `id` is still pending.
    /// - Complexity: O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool { queue.isPending(id) }

    /// The time of the next pending event, if any.
    @inlinable
    public mutating func nextEventTime() -> SimulationTime? { queue.nextTime() }

    /// Removes the next event if it fires no later than `limit`, advances the clock to it and
    /// returns it; otherwise leaves the queue as it is and returns `nil`.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func nextEvent(notAfter limit: SimulationTime = .distantFuture) -> ScheduledEvent<Event>? {
        guard let next = queue.popFirst(notAfter: limit) else { return nil }
        clock = next.time
        processed &+= 1
        if let tracer { tracer(next) }
        return next
    }

    /// Advances the clock to `time` without handling anything (used when a run ends at a fixed
    /// time with events still pending later).
    public mutating func advance(to time: SimulationTime) {
        precondition(time >= now, "the clock cannot go back")
        if let next = queue.nextTime() { precondition(next >= time, "events pending before \(time)") }
        clock = time
    }

    /// Runs until `stop` says so, handing each event to `handler`.
    /// - Parameters:
    ///   - stop: when to end the run.
    ///   - handler: handles each event and may schedule more.
    /// - Returns: why the run ended.
    @inlinable
    @discardableResult
    public mutating func run<Handler: EventHandler & ~Copyable>(
        until stop: StopCondition = .exhausted, handler: inout Handler
    ) -> StopReason where Handler.Event == Event {
        var progress = RunProgress(stop)
        while let next = nextEvent(&progress) {
            handler.handle(next.event, in: &self)
            if handler.shouldStop { return .handlerRequested }
        }
        return progress.reason ?? .exhausted
    }

    /// The run loop's one step toward `progress.stop`: the next event, or `nil` when the run
    /// ends, with ``RunProgress/reason`` set (and the clock advanced to a `.time` stop).
    ///
    /// The single implementation of a run's stopping rules: ``run(until:handler:)`` loops over
    /// it, and so does an owner that dispatches events itself because its handlers schedule
    /// into the simulation it holds (a class cannot lend its stored simulation `inout` while
    /// handlers reach it through `self`).
    /// - Complexity: O(log n) amortized for n pending events.
    @inlinable
    public mutating func nextEvent(_ progress: inout RunProgress) -> ScheduledEvent<Event>? {
        guard progress.remaining > 0 else {
            progress.reason = .eventLimit
            return nil
        }
        guard let next = nextEvent(notAfter: progress.limit) else {
            if case .time(let end) = progress.stop {
                if end > clock { clock = end }
                progress.reason = .reachedTime
            } else {
                progress.reason = .exhausted
            }
            return nil
        }
        progress.remaining -= 1
        return next
    }

    /// Runs with a closure as the handler; convenient in tests and small tools.
    @discardableResult
    public mutating func run(
        until stop: StopCondition = .exhausted, _ body: @escaping (Event, inout Simulation<Event>) -> Void
    ) -> StopReason {
        var handler = ClosureHandler(body: body)
        return run(until: stop, handler: &handler)
    }
}

/// Where a run stands toward its ``StopCondition`` (see ``Simulation/nextEvent(_:)``).
public struct RunProgress: Sendable {
    /// When the run ends.
    public let stop: StopCondition
    /// The last instant an event may have (`.distantFuture` unless `stop` is a time).
    @usableFromInline let limit: SimulationTime
    /// Events the run may still handle.
    @usableFromInline var remaining: UInt64
    /// Why the run ended, once it has.
    public var reason: StopReason?

    /// A run toward `stop`.
    @inlinable
    public init(_ stop: StopCondition) {
        self.stop = stop
        if case .time(let end) = stop { limit = end } else { limit = .distantFuture }
        if case .events(let count) = stop { remaining = count } else { remaining = .max }
    }
}

/// Receives the events of a ``Simulation`` run.
public protocol EventHandler<Event>: ~Copyable {
    /// The payload type.
    associatedtype Event
    /// Handles one event at `simulation.now`; may schedule or cancel others.
    mutating func handle(_ event: Event, in simulation: inout Simulation<Event>)
    /// Checked after every event; `true` ends the run (a stop condition).
    var shouldStop: Bool { get }
}

extension EventHandler where Self: ~Copyable {
    /// By default a handler never stops the run itself.
    public var shouldStop: Bool { false }
}

/// When a run ends.
public enum StopCondition: Sendable, Equatable {
    /// When no events remain.
    case exhausted
    /// After the last event at or before this time; the clock is then set to it.
    case time(SimulationTime)
    /// After this many events.
    case events(UInt64)
}

/// Why a run ended.
public enum StopReason: Sendable, Equatable {
    /// No events remained.
    case exhausted
    /// The time limit was reached.
    case reachedTime
    /// The event limit was reached.
    case eventLimit
    /// The handler's ``EventHandler/shouldStop`` became true.
    case handlerRequested
}

@usableFromInline
struct ClosureHandler<Event>: EventHandler {
    let body: (Event, inout Simulation<Event>) -> Void
    @usableFromInline
    mutating func handle(_ event: Event, in simulation: inout Simulation<Event>) { body(event, &simulation) }
}
