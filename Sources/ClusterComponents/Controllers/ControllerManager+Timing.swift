import SimulationCore

/// Realistic timing in kube-controller-manager: the controllers share one API client, rate
/// limited by `kubeAPIQPS`/`kubeAPIBurst` (20/30 by default). A pod creation or deletion takes
/// a token; when the bucket is empty the controller stops its batch, as its pod control's
/// request would block, and the owner is synced again when the next token is available (one
/// engine event for all the owners waiting). So a large ReplicaSet's pods are created at the
/// client's QPS, not all at once.
struct ControllerManagerTiming {
    let isRealistic: Bool
    var limiter: APIClientRateLimiter
    /// Owners whose sync stopped at an empty bucket, and whether their retry is scheduled.
    var blocked: [PodControllerState.Owner] = []
    var retryScheduled = false

    init(_ configuration: ClusterConfiguration) {
        isRealistic = configuration.timing == .realistic
        limiter = APIClientRateLimiter(
            qps: configuration.controllerManagerQPS, burst: configuration.controllerManagerBurst)
    }
}

extension ControllerManager {
    /// Takes a token for one pod write on behalf of `owner`; `false` when the bucket is empty
    /// (the write is not made now, the owner is synced again when a token is available).
    func admitWrite(for owner: PodControllerState.Owner) -> Bool {
        guard timing.isRealistic else { return true }
        let now = cluster.now
        let available = timing.limiter.availableAt(now)
        if available <= now {
            _ = timing.limiter.reserve(at: now)
            return true
        }
        if !timing.blocked.contains(owner) { timing.blocked.append(owner) }
        if !timing.retryScheduled {
            timing.retryScheduled = true
            schedule(.controller(.apiClientTokenAvailable), at: available)
        }
        return false
    }

    /// How many of `limit` pod writes issued now would get a token (``admitWrite(for:)`` is
    /// `true` for exactly the first that many, as long as nothing else takes a token between
    /// them). A batch that stops at the first refusal needs to prepare only this many writes
    /// plus the one that is refused: the ReplicaSet controller ranks its pods for deletion at
    /// every token under throttling, and ranking all of them each time was a third of the
    /// envelope's instructions.
    func admissibleWrites(upTo limit: Int) -> Int {
        guard timing.isRealistic, timing.limiter.isLimited else { return limit }
        let now = cluster.now
        var bucket = timing.limiter
        var count = 0
        while count < limit, bucket.availableAt(now) <= now {
            _ = bucket.reserve(at: now)
            count += 1
        }
        return count
    }

    /// A token is available again: the owner that stopped first is synced (waiters are served in
    /// order, as `rate.Limiter` serves its reservations); the next waiter is woken at the token
    /// after the one this owner takes. One sync per token, however many owners wait.
    func tokenAvailable() {
        timing.retryScheduled = false
        guard !timing.blocked.isEmpty else { return }
        let owner = timing.blocked.removeFirst()
        switch owner {
        case .none: break
        case .replicaSet(let index): replicaSets.enqueue(index)
        case .job(let index): jobs.enqueue(index)
        case .daemonSet(let index): daemonSets.enqueue(index)
        case .statefulSet(let index): statefulSets.enqueue(index)
        }
        if !timing.blocked.isEmpty {
            timing.retryScheduled = true
            let next = timing.limiter.availableAt(cluster.now) + .seconds(1 / timing.limiter.qps)
            schedule(.controller(.apiClientTokenAvailable), at: next)
        }
    }
}
