import SimulationCore
import Stochastics

/// Realistic timing in kube-scheduler: each scheduling cycle takes time, the informer delivers
/// new pods after the watch delay, and every binding is a POST of `pods/binding` through the
/// scheduler's client rate limiter (`clientConnection.qps`/`burst`, 50/100 by default), sent
/// when the binding cycle starts and visible after the API latency (k/k
/// pkg/scheduler/framework/plugins/defaultbinder/default_binder.go). Bindings run
/// asynchronously (schedule_one.go `bindingCycle` in a goroutine), so the next scheduling
/// cycle does not wait for them; throughput is bounded by both the cycle time and the QPS.
struct SchedulerTiming: ~Copyable {
    let isRealistic: Bool
    let costs: RealisticTiming
    var limiter: APIClientRateLimiter
    var random: RandomSource
    /// When the running cycle ends (the next one cannot start before).
    var cycleEnd = SimulationTime.zero

    init(_ configuration: ClusterConfiguration, random: consuming RandomSource) {
        isRealistic = configuration.timing == .realistic
        costs = configuration.realisticTiming
        limiter = APIClientRateLimiter(qps: configuration.schedulerClientQPS, burst: configuration.schedulerClientBurst)
        self.random = random
    }

    /// A cycle starts now: draws its duration.
    mutating func beginCycle(at now: SimulationTime) {
        cycleEnd = now + RealisticTiming.draw(costs.schedulingCycle, &random)
    }

    /// When to run the next cycle: after the running one ends, and, for a pod the informer has
    /// just delivered, after the watch delay.
    mutating func nextCycle(at now: SimulationTime, delivered: Bool) -> SimulationTime {
        var at = max(now, cycleEnd)
        if delivered { at = max(at, now + RealisticTiming.draw(costs.watchDelay, &random)) }
        return at
    }

    /// When a binding decided in the running cycle becomes visible.
    mutating func bindingVisible(at now: SimulationTime, extra: SimulationDuration) -> SimulationTime {
        let sent = limiter.reserve(at: max(now, cycleEnd))
        return sent + RealisticTiming.draw(costs.apiRequestLatency, &random) + extra
    }
}
