/// The scheduler's queue sizes as its `scheduler_pending_pods` gauge reports them
/// (k/k `pkg/scheduler/metrics/metrics.go`: `ActivePods`, `BackoffPods`, `UnschedulablePods`,
/// `GatedPods`). Pods popped and in a scheduling cycle are in none of the four.
public struct PendingPodCounts: Sendable, Equatable {
    /// Pods in activeQ.
    public var active: Int
    /// Pods in backoffQ.
    public var backoff: Int
    /// Pods in the unschedulable pool.
    public var unschedulable: Int
    /// Pods held by scheduling gates, never attempted.
    public var gated: Int
}

extension Scheduler {
    /// The queue sizes now. - Complexity: O(1).
    public var pendingPods: PendingPodCounts {
        PendingPodCounts(
            active: queue.activeCount, backoff: queue.backoffCount, unschedulable: queue.unschedulableCount,
            gated: queue.gatedCount)
    }
}
