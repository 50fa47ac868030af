import KubeModel
import SimulationCore

/// emptyDir usage and the eviction manager's local-storage check (pkg/kubelet/eviction:
/// `localStorageEviction`, `emptyDirLimitEviction`), timed lazily: the crossing of a
/// `sizeLimit` is computed analytically and one event is scheduled at the eviction tick.
extension Kubelet {
    /// Brings volume usage up to now and sets the write rates of the running containers.
    func updateVolumeRates(_ w: WorkerIndex) {
        guard !workers[w].volumes.isEmpty else { return }
        workers[w].updateVolumeRates(at: cluster.now)
        scheduleEvictionCheck(w)
    }

    /// The first eviction-manager tick (every 10 s, `evictionMonitoringPeriod`, aligned to the
    /// kubelet's start) strictly after usage crosses a sizeLimit. Model R also waits for the
    /// volume stats refresh (`volumeStatsAggPeriod` 1 m).
    func scheduleEvictionCheck(_ w: WorkerIndex) {
        cancel(workers[w].evictionEvent)
        workers[w].evictionEvent = nil
        guard workers[w].phase == .syncing else { return }
        guard let crossing = workers[w].earliestSizeLimitCrossing(now: cluster.now) else { return }
        let period: Int64 = (isRealistic ? 60 : 10) * 1_000_000_000
        let origin = cluster.api[node].createdAt
        let since = (crossing - origin).nanoseconds
        let tick = origin + SimulationDuration(nanoseconds: (since / period + 1) * period)
        workers[w].evictionEvent = schedule(.kubelet(node, .evictionCheck(w)), at: tick)
    }

    /// The eviction tick: evict when an emptyDir exceeds its sizeLimit (strictly, as
    /// `used.Cmp(size) > 0`).
    func evictionCheck(_ w: WorkerIndex) {
        guard workers[w].phase == .syncing, !isDown else { return }
        let now = cluster.now
        for volume in workers[w].volumes {
            guard let limit = volume.sizeLimit, volume.usage(at: now) > Double(limit) - 0.5 else { continue }
            // eviction/helpers.go emptyDirMessageFmt.
            evict(
                w,
                message: "Usage of EmptyDir volume \"\(volume.name)\" exceeds the limit \"\(volume.sizeLimitText)\". ")
            return
        }
        scheduleEvictionCheck(w)
    }

    /// Evicts the pod: Warning `Evicted`, phase Failed with reason Evicted, DisruptionTarget,
    /// and a kill with grace 0 (raised to the 2-s minimum).
    func evict(_ w: WorkerIndex, message: String) {
        event(w, .warning, "Evicted", message)
        workers[w].evictionMessage = message
        workers[w].statusDirty = true
        let now = cluster.now
        cluster.updatePodStatus(workers[w].pod) { status in
            // eviction_manager.go: DisruptionTarget, reason TerminationByKubelet.
            status.setCondition("DisruptionTarget", .true, reason: "TerminationByKubelet", message: message, at: now)
        }
        beginTermination(w, grace: 0)
    }
}
