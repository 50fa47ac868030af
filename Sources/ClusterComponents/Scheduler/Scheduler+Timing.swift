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
    /// When each pod's binding cycle began, by pod index (only when bindings take time).
    var bindingStarts: [SimulationTime] = []

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

    /// When a binding decided in the running cycle becomes visible. Its binding cycle starts
    /// when the scheduling cycle ends; the Bind extension point waits for a token and the POST
    /// (`scheduler_framework_extension_point_duration_seconds{extension_point="Bind"}`,
    /// pkg/scheduler/metrics/metrics.go, measures exactly this wait and request).
    mutating func bindingVisible(_ pod: PodID, at now: SimulationTime, extra: SimulationDuration) -> SimulationTime {
        let start = max(now, cycleEnd)
        noteBindingStart(pod, at: start)
        let sent = limiter.reserve(at: start)
        return sent + RealisticTiming.draw(costs.apiRequestLatency, &random) + extra
    }

    /// Remembers when the binding cycle of `pod` began, until the binding is written.
    mutating func noteBindingStart(_ pod: PodID, at time: SimulationTime) {
        if pod.value >= bindingStarts.count {
            // `distantFuture` marks a pod whose binding was never noted (not a start at 0).
            bindingStarts.append(contentsOf: repeatElement(.distantFuture, count: pod.value + 1 - bindingStarts.count))
        }
        bindingStarts[pod.value] = time
    }

    /// When the binding cycle of `pod` began, if it waited (realistic timing or a bind latency).
    func bindingStart(_ pod: PodID) -> SimulationTime? {
        guard pod.value < bindingStarts.count, bindingStarts[pod.value] != .distantFuture else { return nil }
        return bindingStarts[pod.value]
    }
}
