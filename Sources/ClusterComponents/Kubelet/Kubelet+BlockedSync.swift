import SimulationCore

/// A container start that crash-loop back-off blocked, when it was all its sync had to do: the
/// container and the FinishedAt of its last instance (the back-off's reference time).
struct BlockedStart: Sendable {
    var container: ContainerIndex
    var reference: SimulationTime
}

/// A crash loop's blocked syncs, repeated without working out again what they already know.
///
/// Between two restarts a crash-looping pod's worker is requeued every 10–15 s (≤ 1.34,
/// pod_workers.go `completeWork`), and each sync finds what the last one found: a clean status,
/// no kills, one start, blocked by back-off, a `BackOff` event and the requeue. That is half of
/// the full envelope's 10.9 million engine events. While nothing has happened to the worker
/// since (every other kubelet event about the pod drops ``PodWorker/blockedStart``), a full
/// sync would compute the same status, kills and starts again; only the back-off check depends
/// on the time. The repeat checks it and does what the full sync then does, in the same order:
/// the same event through the correlator, the same draw of the requeue's jitter, the same
/// engine event, so outputs are byte-identical with the full sync (`cluster.kubeletsRepeatBlockedSyncs`
/// off, tested in `BlockedSyncRepeatTests`).
extension Kubelet {
    /// Repeats the blocked sync of worker `w` if nothing has changed since it; otherwise leaves
    /// the sync to the caller (``sync(_:)`` drops the memo first).
    /// - Returns: whether the sync was done.
    func repeatBlockedSync(_ w: WorkerIndex) -> Bool {
        guard let blocked = workers[w].blockedStart else { return false }
        let pod = workers[w].pod.value
        // The `BackOff` event's correlator entries and the requeue's draw are read last, each
        // at the end of its own chain of misses; their loads start now, alongside the checks'.
        if let source = eventSource {
            let hints = workers[w].eventHints
            withCluster { $0.eventCorrelator.prefetch(source: source, hints: hints) }
        }
        random.prefetchNextDraw()
        // The worker and the pod's facts read in place (copies of either cost a retain and a
        // release of each reference they hold).
        guard !isDown, workers.reading(w, { $0.isAsBlocked(blocked) }),
            withCluster({ $0.api.podFacts.withUnsafeBufferPointer { !$0[pod].isRemoved && !$0[pod].isTerminating } }),
            let backoff = blockingBackOff(w, blocked.container, since: blocked.reference)
        else { return false }
        repeatedBlockedSyncs &+= 1
        // What the full sync does from here: beginActions' reset, the skipped start, finishSync.
        workers[w].syncHadError = false
        workers[w].earliestExpiry = nil
        skipStart(w, blocked.container, since: blocked.reference, backoff: backoff)
        finishSync(w)
        return true
    }
}

extension PodWorker {
    /// Whether the worker is still as the sync that found `blocked` left it: syncing with its
    /// sandbox up, no sync suspended or pending, the status clean and not terminal, no start
    /// queued, and the container still exited at the same instant. Other containers' changes
    /// arrive as kubelet events about the pod, which drop the memo. The phase is checked first:
    /// a cleaned-up worker's containers are released, and `self[c]` would be out of range.
    func isAsBlocked(_ blocked: BlockedStart) -> Bool {
        let c = blocked.container
        return phase == .syncing && sandboxReady && pending == nil && !pendingSync && !statusDirty
            && !lastPhaseIsTerminal && startQueue.isEmpty && !self[c].running && !self[c].stopping
            && self[c].current?.finishedAt == blocked.reference
    }
}
