/// What a cleaned-up worker no longer needs.
extension PodWorker {
    /// The pod was removed and its worker forgotten (``PodWorkers/forget(_:)``): no event finds
    /// it again (every kubelet event looks its worker up by pod) and the kubelet's loops over all
    /// workers skip terminated ones, so its containers, queues, volumes and texts are released.
    /// The table keeps the worker itself (its position may still sit in the status manager's
    /// queue, where an empty ``pendingStatus`` is skipped); without this, every pod ever deleted
    /// on a node kept its runtime state (about half a kilobyte per container) to the end of the
    /// run.
    mutating func releaseAfterCleanup() {
        precondition(phase == .terminated, "only a cleaned-up worker is released")
        containers = []
        initCount = 0
        startQueue = []
        killTargets = []
        volumes = []
        pending = nil
        pendingStatus = nil
        evictionMessage = nil
        description = nil
    }
}
