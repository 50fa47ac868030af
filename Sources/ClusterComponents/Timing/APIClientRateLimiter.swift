import SimulationCore

/// A Kubernetes API client's rate limiter in virtual time: client-go's
/// `flowcontrol.NewTokenBucketRateLimiter(qps, burst)` (k8s.io/client-go/util/flowcontrol/throttle.go),
/// which wraps `golang.org/x/time/rate.Limiter`. The bucket holds up to `burst` tokens and
/// refills continuously at `qps` tokens per second; every request takes one token and, when
/// none is left, waits until one has accrued (`Wait` → `reserveN`); waiters are served in the
/// order they asked.
///
/// Waits are computed, not polled: ``reserve(at:tokens:)`` returns the instant the request may
/// be sent, and the caller schedules its one engine event there. The bucket is kept in its
/// equivalent "virtual scheduling" form (the generic cell rate algorithm): the theoretical
/// time ``tat`` at which the bucket would be empty-and-refilled; a request at `t` may go at
/// `max(t, tat − (burst − 1)/qps)` and pushes ``tat`` on by `1/qps`. For requests in time order
/// this is exactly the token bucket; a request reserved ahead (the kubelet's status manager
/// reserves its GET for when it is free) keeps its place in the queue and is never credited
/// twice. A value type of a few scalars: no allocation per request.
public struct APIClientRateLimiter: Sendable, Hashable {
    /// Tokens per second; `0` or less disables the limiter (client-go treats `QPS < 0` as
    /// "no rate limiting"; the kubelet's heartbeat client uses `-1`).
    public private(set) var qps: Double
    /// Bucket size.
    public private(set) var burst: Int
    /// Theoretical arrival time, in nanoseconds (a fractional value keeps long runs exact).
    private var tat = 0.0
    /// Requests that passed through, and the total time they waited for a token (for reports).
    public private(set) var requests = 0
    public private(set) var throttledSeconds = 0.0

    /// A full bucket (`rate.NewLimiter` starts with `burst` tokens).
    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = max(1, burst)
    }

    /// Whether the limiter throttles at all.
    public var isLimited: Bool { qps > 0 }

    /// Nanoseconds per token, and the tolerance of `burst − 1` tokens.
    private var interval: Double { 1e9 / qps }
    private var tolerance: Double { Double(burst - 1) * interval }

    /// Reserves `count` tokens for requests issued at `time` and returns when they may be sent
    /// (`time` itself while tokens last).
    public mutating func reserve(at time: SimulationTime, tokens count: Int = 1) -> SimulationTime {
        requests += count
        guard isLimited else { return time }
        let t = Double(time.nanoseconds)
        let n = Double(count)
        let send = max(t, tat + (n - 1) * interval - tolerance)
        tat = max(tat, t) + n * interval
        guard send > t else { return time }
        throttledSeconds += (send - t) / 1e9
        return SimulationTime(nanoseconds: Int64(send.rounded(.up)))
    }

    /// When a request issued at `time` could be sent, without reserving anything.
    public func availableAt(_ time: SimulationTime) -> SimulationTime {
        guard isLimited else { return time }
        let send = tat - tolerance
        return send > Double(time.nanoseconds) ? SimulationTime(nanoseconds: Int64(send.rounded(.up))) : time
    }
}
