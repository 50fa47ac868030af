/// The scheduler's own events.
public enum SchedulerEvent: Sendable {
    /// Run scheduling cycles while the active queue has pods.
    case cycle
    /// A binding decided earlier becomes visible (after the bind latency).
    case bindComplete(PodID, NodeID)
    /// Move pods whose back-off expired to the active queue (every 1 s upstream).
    case flushBackoff
    /// Move pods that waited in the unschedulable pool longer than 5 minutes (every 30 s).
    case flushUnschedulable
}
