import KubeModel
import SimulationCore

/// emptyDir usage and the eviction manager's local-storage check (pkg/kubelet/eviction:
/// `localStorageEviction`, `emptyDirLimitEviction`), timed lazily: the crossing of a
/// `sizeLimit` is computed analytically and one event is scheduled at the eviction tick.
extension Kubelet {
    /// Brings volume usage up to now and sets the write rates of the running containers.
    func updateVolumeRates(_ w: Int) {
        guard !workers[w].volumes.isEmpty else { return }
        let now = cluster.now
        for v in workers[w].volumes.indices {
            workers[w].volumes[v].usage = workers[w].volumes[v].usage(at: now)
            workers[w].volumes[v].updatedAt = now
            var rate = 0.0
            for runtime in workers[w].containers where runtime.running {
                for write in runtime.behavior.volumeWrites where write.volume == workers[w].volumes[v].name {
                    rate += write.bytesPerSecond
                }
            }
            workers[w].volumes[v].rate = rate
        }
        scheduleEvictionCheck(w)
    }

    /// The first eviction-manager tick (every 10 s, `evictionMonitoringPeriod`, aligned to the
    /// kubelet's start) strictly after usage crosses a sizeLimit. Model R also waits for the
    /// volume stats refresh (`volumeStatsAggPeriod` 1 m).
    func scheduleEvictionCheck(_ w: Int) {
        cluster.cancel(workers[w].evictionEvent)
        workers[w].evictionEvent = nil
        guard workers[w].phase == .syncing else { return }
        let now = cluster.now
        var earliest: SimulationTime?
        for volume in workers[w].volumes {
            guard let limit = volume.sizeLimit else { continue }
            let crossing: SimulationTime
            if volume.usage > Double(limit) {
                crossing = now
            } else if volume.rate > 0 {
                crossing = now + .seconds((Double(limit) - volume.usage) / volume.rate)
            } else {
                continue
            }
            if earliest == nil || crossing < earliest! { earliest = crossing }
        }
        guard let crossing = earliest else { return }
        let period: Int64 = (isRealistic ? 60 : 10) * 1_000_000_000
        let origin = cluster.api[node].createdAt
        let since = (crossing - origin).nanoseconds
        let tick = origin + SimulationDuration(nanoseconds: (since / period + 1) * period)
        workers[w].evictionEvent = cluster.schedule(.kubelet(node, .evictionCheck(workers[w].pod)), at: tick)
    }

    /// The eviction tick: evict when an emptyDir exceeds its sizeLimit (strictly, as
    /// `used.Cmp(size) > 0`).
    func evictionCheck(_ w: Int) {
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
    func evict(_ w: Int, message: String) {
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
