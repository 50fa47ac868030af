import SimulationCore

/// A Kubernetes API client's rate limiter in virtual time: client-go's
/// `flowcontrol.NewTokenBucketRateLimiter(qps, burst)` (k8s.io/client-go/util/flowcontrol/throttle.go),
/// which wraps `golang.org/x/time/rate.Limiter`. The bucket holds up to `burst` tokens and
/// refills continuously at `qps` tokens per second; every request takes one token and, when
/// none is left, waits until one has accrued (`Wait` → `reserveN`).
///
/// Waits are computed, not polled: ``reserve(at:)`` returns the instant the request may be
/// sent, and the caller schedules its one engine event there. Tokens may go negative, exactly
/// as `rate.Limiter` records a reservation's debt, so later callers queue behind earlier ones.
/// A value type of four scalars: no allocation per request.
public struct APIClientRateLimiter: Sendable, Hashable {
    /// Tokens per second; `0` or less disables the limiter (client-go treats `QPS < 0` as
    /// "no rate limiting", the kubelet's heartbeat client uses `-1`).
    public private(set) var qps: Double
    /// Bucket size.
    public private(set) var burst: Int
    /// Tokens at ``last`` (negative: reserved ahead).
    private var tokens: Double
    /// When ``tokens`` was last brought up to date.
    private var last: SimulationTime
    /// Requests that passed through, and the total time they waited for a token (for reports).
    public private(set) var requests = 0
    public private(set) var throttledSeconds = 0.0

    /// A full bucket at time zero (`rate.NewLimiter` starts with `burst` tokens).
    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = max(1, burst)
        self.tokens = Double(max(1, burst))
        self.last = .zero
    }

    /// Whether the limiter throttles at all.
    public var isLimited: Bool { qps > 0 }

    /// Reserves `count` tokens for requests issued at `time` and returns when they may be sent
    /// (`time` itself while tokens last). Mirrors `rate.Limiter.reserveN`: tokens accrue from
    /// ``last`` to `time` (never backwards), capped at `burst`; the request takes its tokens;
    /// a deficit is waited out at `qps`.
    public mutating func reserve(at time: SimulationTime, tokens count: Int = 1) -> SimulationTime {
        requests += count
        guard isLimited else { return time }
        var from = last
        if time < from { from = time }  // rate.Limiter.advance: "if t.Before(last) { last = t }"
        let elapsed = Double((time - from).nanoseconds) / 1e9
        var available = min(Double(burst), tokens + elapsed * qps)
        available -= Double(count)
        tokens = available
        last = time
        guard available < 0 else { return time }
        let wait = -available / qps
        throttledSeconds += wait
        return time + .seconds(wait)
    }

    /// When a request issued at `time` could be sent, without reserving anything.
    public func availableAt(_ time: SimulationTime) -> SimulationTime {
        guard isLimited else { return time }
        let from = min(last, time)
        let available = min(Double(burst), tokens + Double((time - from).nanoseconds) / 1e9 * qps)
        return available >= 1 ? time : time + .seconds((1 - available) / qps)
    }
}
