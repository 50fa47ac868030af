/// The scheduler's own events.
public enum SchedulerEvent: Sendable {
    /// Run one scheduling cycle (pop the head of activeQ); re-scheduled while activeQ has pods.
    case cycle
    /// A binding decided earlier becomes visible (after the bind latency).
    case bindComplete(PodID, NodeID)
    /// Move pods whose back-off expired to the active queue (the 1 s ticker upstream; here one
    /// event at the next whole second after the earliest expiry).
    case flushBackoff
    /// Move pods that waited in the unschedulable pool longer than 5 minutes (every 30 s while
    /// the pool is non-empty).
    case flushUnschedulable
}
