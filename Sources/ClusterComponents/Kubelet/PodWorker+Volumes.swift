import SimulationCore

/// A pod worker's emptyDir volumes: usage grows linearly from the running containers' writes
/// (`ContainerBehavior.volumeWrites`), so a `sizeLimit` crossing is computed, not polled.
extension PodWorker {
    /// Brings every volume's usage up to `now` and sets its write rate from the containers
    /// running now.
    /// - Complexity: O(volumes × containers × writes).
    mutating func updateVolumeRates(at now: SimulationTime) {
        for v in volumes.indices {
            volumes[v].usage = volumes[v].usage(at: now)
            volumes[v].updatedAt = now
            var rate = 0.0
            for runtime in containers where runtime.running {
                for write in runtime.behavior.volumeWrites where write.volume == volumes[v].name {
                    rate += write.bytesPerSecond
                }
            }
            volumes[v].rate = rate
        }
    }

    /// When the first volume with a `sizeLimit` goes over it at the current rates (`now` if one
    /// is over already), or `nil` if none will.
    func earliestSizeLimitCrossing(now: SimulationTime) -> SimulationTime? {
        var earliest: SimulationTime?
        for volume in volumes {
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
        return earliest
    }

    /// The pod's volumes are torn down (terminal phase): nothing is used or written any more.
    mutating func clearVolumeUsage() {
        for v in volumes.indices {
            volumes[v].usage = 0
            volumes[v].rate = 0
        }
    }
}
