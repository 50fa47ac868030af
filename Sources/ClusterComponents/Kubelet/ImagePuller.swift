import SimulationCore

/// The node's image puller (pkg/kubelet/images/puller.go): a FIFO queue served one at a time
/// (`serializeImagePulls`, the default) or up to `maxParallelImagePulls` at once. Each pull
/// first waits the registry round trip, then transfers its bytes; transfers share the node's
/// bandwidth equally (processor sharing), so completion times are recomputed at every change.
struct ImagePuller: Sendable {
    /// One pull request.
    struct Request: Sendable {
        /// Who asked.
        var pod: PodID
        var container: ContainerIndex
        /// The image reference as written in the spec.
        var image: String
        /// Bytes to transfer.
        var sizeBytes: Int64
        /// When it was queued and when it left the queue.
        var requestedAt: SimulationTime
        var startedAt = SimulationTime.zero
        /// End of the registry round trip.
        var latencyEnd = SimulationTime.zero
        /// Bytes still to transfer.
        var remaining: Double
        /// The pull fails at `latencyEnd` with this error.
        var failure: String?
        /// The registry round trip of this pull.
        var latency = SimulationDuration.zero
    }

    /// Waiting requests, FIFO.
    var queue: [Request] = []
    /// Requests being pulled.
    var active: [Request] = []
    /// Time the transfers' progress was last brought up to date.
    var lastAdvance = SimulationTime.zero
    /// Bumped at every reschedule; older timers are stale.
    var generation = 0
    /// Concurrency limit.
    var slots: Int
    /// Node bandwidth in bytes per second.
    var bandwidth: Double

    /// Brings the transfers' remaining bytes up to `now`.
    /// - Complexity: O(active pulls).
    mutating func advance(to now: SimulationTime) {
        let elapsed = (now - lastAdvance).seconds
        let from = lastAdvance
        lastAdvance = now
        guard elapsed > 0 else { return }
        let transferring = active.indices.filter { active[$0].failure == nil && active[$0].latencyEnd <= from }
        // Pulls whose latency ended exactly at lastAdvance or earlier share for the whole interval:
        // reschedules happen at every latency end, so membership is constant over the interval.
        guard !transferring.isEmpty else { return }
        let share = bandwidth / Double(transferring.count) * elapsed
        for index in transferring { active[index].remaining = max(0, active[index].remaining - share) }
    }

    /// Moves queued requests into free slots; each starts with its registry round trip.
    mutating func admit(now: SimulationTime) {
        while active.count < slots, !queue.isEmpty {
            var request = queue.removeFirst()
            request.startedAt = now
            request.latencyEnd = now + request.latency
            active.append(request)
        }
    }

    /// Requests whose pull is over at `now` (failures at their latency end, transfers at zero bytes).
    mutating func takeFinished(now: SimulationTime) -> [Request] {
        var done: [Request] = []
        var kept: [Request] = []
        let transferring = active.filter { $0.failure == nil && $0.latencyEnd <= now }.count
        let rate = transferring > 0 ? bandwidth / Double(transferring) : bandwidth
        for request in active {
            let finished: Bool
            if request.latencyEnd > now {
                finished = false
            } else if request.failure != nil {
                finished = true
            } else {
                finished = request.remaining / rate < 1e-9  // within a nanosecond
            }
            if finished { done.append(request) } else { kept.append(request) }
        }
        active = kept
        return done
    }

    /// The next instant something changes (a latency end or a transfer completion).
    func nextChange(now: SimulationTime) -> SimulationTime? {
        var next: SimulationTime?
        let transferring = active.filter { $0.failure == nil && $0.latencyEnd <= now }.count
        for request in active {
            var time: SimulationTime
            if request.latencyEnd > now {
                time = request.latencyEnd
            } else if request.failure != nil {
                time = now
            } else {
                let seconds = request.remaining * Double(transferring) / bandwidth
                time = now + SimulationDuration(nanoseconds: Int64((seconds * 1e9).rounded(.up)))
            }
            if next == nil || time < next! { next = time }
        }
        return next
    }
}

/// An image in the node's cache.
struct CachedImage: Sendable {
    /// Size in bytes.
    var sizeBytes: Int64
    /// First seen (for `imageMinimumGCAge`) and last used (LRU order of image GC).
    var firstSeen: SimulationTime
    var lastUsed: SimulationTime
}
