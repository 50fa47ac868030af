import SimulationCore

/// A component the cluster creates and holds for its whole life (the scheduler, the controller
/// manager and each of its controllers, each kubelet, the cluster autoscaler, the metrics
/// server), which reaches the cluster through an `unowned(unsafe)` reference: the cluster
/// outlives it, and the checked `unowned` cost a strong retain and release on every access.
///
/// Even unchecked, a call on `cluster` whose body is inlined into a write to the cluster's
/// storage (the engine's `schedule` and `cancel`, the event correlator, the API store) retains
/// and releases the cluster around it, since the compiler cannot see that nothing in the write
/// releases the last reference: two atomics on the cluster's header for every timer a
/// component sets. ``withCluster(_:)`` lends the cluster for a call without them, and the
/// components set and cancel their timers through ``schedule(_:after:priority:)``,
/// ``schedule(_:at:priority:)`` and ``cancel(_:)``, which use it.
protocol ClusterComponent: AnyObject {
    /// The owning cluster.
    var cluster: Cluster { get }
}

extension ClusterComponent {
    /// Calls `body` with ``cluster`` lent for the call (`Unmanaged._withUnsafeGuaranteedRef`:
    /// no retain, no release).
    @inline(__always)
    func withCluster<R>(_ body: (Cluster) throws -> R) rethrows -> R {
        try Unmanaged.passUnretained(cluster)._withUnsafeGuaranteedRef(body)
    }

    /// Schedules one of this component's events after `delay` (``Cluster/schedule(_:after:priority:)``).
    @inline(__always)
    @discardableResult
    func schedule(_ event: ClusterEvent, after delay: SimulationDuration, priority: EventPriority = .normal) -> EventID
    {
        withCluster { $0.schedule(event, after: delay, priority: priority) }
    }

    /// Schedules one of this component's events at `time`, clamped to now
    /// (``Cluster/schedule(_:at:priority:)``).
    @inline(__always)
    @discardableResult
    func schedule(_ event: ClusterEvent, at time: SimulationTime, priority: EventPriority = .normal) -> EventID {
        withCluster { $0.schedule(event, at: time, priority: priority) }
    }

    /// Cancels one of this component's pending events; harmless if it already fired.
    @inline(__always)
    func cancel(_ id: EventID?) {
        withCluster { $0.cancel(id) }
    }
}
