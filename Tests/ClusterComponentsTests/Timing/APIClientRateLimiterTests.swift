import SimulationCore
import Testing

@testable import ClusterComponents

/// The token bucket of client-go's `NewTokenBucketRateLimiter` in virtual time; the expected
/// send times are worked out by hand from `burst` tokens at the start and `qps` per second.
@Suite struct APIClientRateLimiterTests {
    static func t(_ seconds: Double) -> SimulationTime { .zero + .seconds(seconds) }

    @Test("a full bucket passes burst requests at once, then one per 1/qps")
    func burstThenRate() {
        var limiter = APIClientRateLimiter(qps: 5, burst: 10)
        let sends = (0..<13).map { _ in limiter.reserve(at: .zero) }
        #expect(sends.prefix(10).allSatisfy { $0 == .zero })
        // The 11th request waits for the first refilled token: 1/5 s; then 0.4 s, 0.6 s.
        #expect(sends[10] == Self.t(0.2))
        #expect(sends[11] == Self.t(0.4))
        #expect(sends[12] == Self.t(0.6))
        #expect(abs(limiter.throttledSeconds - 1.2) < 1e-9)
    }

    @Test("the bucket refills while idle, up to burst")
    func refill() {
        var limiter = APIClientRateLimiter(qps: 5, burst: 10)
        for _ in 0..<10 { _ = limiter.reserve(at: .zero) }
        // One second later 5 tokens have accrued: 5 go at once, the 6th waits 0.2 s.
        let sends = (0..<6).map { _ in limiter.reserve(at: Self.t(1)) }
        #expect(sends.prefix(5).allSatisfy { $0 == Self.t(1) })
        #expect(sends[5] == Self.t(1.2))
        // After a long idle the bucket holds burst (10) tokens, not more.
        let later = (0..<11).map { _ in limiter.reserve(at: Self.t(100)) }
        #expect(later.prefix(10).allSatisfy { $0 == Self.t(100) })
        #expect(later[10] == Self.t(100.2))
    }

    @Test("a request of two tokens on an empty bucket waits for both")
    func twoTokens() {
        var limiter = APIClientRateLimiter(qps: 10, burst: 1)
        #expect(limiter.reserve(at: .zero) == .zero)
        #expect(limiter.reserve(at: .zero, tokens: 2) == Self.t(0.2))
        #expect(limiter.availableAt(Self.t(0.2)) == Self.t(0.3))
    }

    @Test("a request issued after one reserved for later waits behind it, never credited twice")
    func reservationsKeepTheirPlace() {
        var limiter = APIClientRateLimiter(qps: 1, burst: 1)
        #expect(limiter.reserve(at: .zero) == .zero)
        #expect(limiter.reserve(at: Self.t(5)) == Self.t(5))
        // The token accrued between 0 and 5 s went to the reservation at 5 s.
        #expect(limiter.reserve(at: Self.t(2)) == Self.t(6))
    }

    @Test("a negative QPS disables the limiter, as client-go's QPS < 0")
    func unlimited() {
        var limiter = APIClientRateLimiter(qps: -1, burst: 1)
        #expect((0..<1000).allSatisfy { _ in limiter.reserve(at: .zero) == .zero })
        #expect(limiter.requests == 1000)
    }

    @Test("the kubelet's defaults are 5/10 before 1.27 and 50/100 from it (k/k PR 116121)")
    func kubeletDefaults() {
        #expect(APIClientDefaults.kubeletQPS(KubernetesVersion(minor: 26)) == 5)
        #expect(APIClientDefaults.kubeletBurst(KubernetesVersion(minor: 26)) == 10)
        #expect(APIClientDefaults.kubeletQPS(KubernetesVersion(minor: 27)) == 50)
        #expect(APIClientDefaults.kubeletBurst(KubernetesVersion(minor: 34)) == 100)
        #expect(KubernetesVersion(minor: 35) < APIClientDefaults.onDemandRelist)
        #expect(KubernetesVersion(minor: 36) >= APIClientDefaults.onDemandRelist)
    }
}
