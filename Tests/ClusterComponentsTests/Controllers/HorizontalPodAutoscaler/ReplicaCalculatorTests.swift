import SimulationCore
import Testing

@testable import ClusterComponents

/// `GetResourceReplicas` (replica_calculator.go) on hand-computed cases: target 50% CPU of a
/// 500m request unless said otherwise.
@Suite struct ReplicaCalculatorTests {
    let calculator = ReplicaCalculator()
    let now = SimulationTime.zero + .seconds(3600)

    /// A Ready pod started an hour ago whose metric is `millicores`, taken 5 s ago over 15 s.
    func ready(_ millicores: Int64?, request: Int64? = 500) -> ReplicaCalculator.Pod {
        ReplicaCalculator.Pod(
            ready: true, readyTransition: .zero, startTime: .zero, request: request,
            metric: millicores.map { PodMetric(milliValue: $0, timestamp: now - .seconds(5), window: .seconds(15)) })
    }

    func replicas(_ current: Int, _ pods: [ReplicaCalculator.Pod], target: Int = 50) -> Int? {
        guard
            case .success(let result) = calculator.replicas(
                currentReplicas: current, targetUtilization: target, pods: pods, isCPU: true, now: now)
        else { return nil }
        return result.replicas
    }

    @Test("all pods ready: ceil(ready × utilization / target)")
    func proportional() {
        // 300m of 500m = 60%; 60/50 = 1.2; ceil(1.2 × 2) = 3.
        #expect(replicas(2, [ready(300), ready(300)]) == 3)
        // 100m = 20%; 0.4 × 5 = 2.
        #expect(replicas(5, Array(repeating: ready(100), count: 5)) == 2)
    }

    @Test("a ratio within the 0.1 tolerance keeps the count; utilization is truncated to a percent")
    func tolerance() {
        // 271m + 271m over 1000m = 54.2% → 54 → 1.08: within 0.1.
        #expect(replicas(2, [ready(271), ready(271)]) == 2)
        // 280m = 56% → 1.12: outside; ceil(1.12 × 2) = 3.
        #expect(replicas(2, [ready(280), ready(280)]) == 3)
        // 225m = 45% → 0.9: |1 − 0.9| = 0.1 is within (≤).
        #expect(replicas(4, Array(repeating: ready(225), count: 4)) == 4)
    }

    @Test("missing metrics count as 100% of the request on a scale-down")
    func missingOnScaleDown() {
        // Ready: 3 × 50m = 10% → ratio 0.2. Missing pod at 100%: (150 + 500) / 2000 = 32.5% → 32
        // → 0.64; ceil(0.64 × 4) = ceil(2.56) = 3 (without the rule: ceil(0.2 × 3) = 1).
        #expect(replicas(4, [ready(50), ready(50), ready(50), ready(nil)]) == 3)
    }

    @Test("missing metrics count as 0 on a scale-up")
    func missingOnScaleUp() {
        // Ready: 2 × 500m = 100% → 2.0. Missing at 0: 1000 / 1500 = 66% → 1.32; ceil(1.32 × 3) = 4.
        #expect(replicas(3, [ready(500), ready(500), ready(nil)]) == 4)
        // Ready 300m → 1.2; with the missing pod at 0: 600 / 1500 = 40% → 0.8: the direction
        // would flip, so the count stays.
        #expect(replicas(3, [ready(300), ready(300), ready(nil)]) == 3)
    }

    @Test("unready (pending) pods count as 0 on a scale-up, and may cancel it")
    func unreadyOnScaleUp() {
        let pending = ReplicaCalculator.Pod(isPending: true, ready: false, startTime: nil, request: 500, metric: nil)
        // Ready 750m → 150% → 3.0; pending at 0: 1500 / 2000 = 75% → 1.5; ceil(1.5 × 4) = 6.
        #expect(replicas(4, [ready(750), ready(750), pending, pending]) == 6)
        // Ready 300m → 1.2; pending at 0: 600 / 2000 = 30% → 0.6: direction flips → 4.
        #expect(replicas(4, [ready(300), ready(300), pending, pending]) == 4)
    }

    @Test("CPU initialization period: a metric taken within one window of becoming Ready is ignored")
    func initializationPeriod() {
        // Started 60 s ago (inside 5 min); Ready 10 s ago; the metric (5 s ago, 15 s window)
        // ends before transition + window: the pod counts as unready.
        let fresh = ReplicaCalculator.Pod(
            ready: true, readyTransition: now - .seconds(10), startTime: now - .seconds(60), request: 500,
            metric: PodMetric(milliValue: 1000, timestamp: now - .seconds(5), window: .seconds(15)))
        // Only the settled pod is ready: 300m → 1.2 > 1 with an unready pod → unready at 0:
        // 300 / 1000 = 30% → 0.6 → flips → stays 2.
        #expect(replicas(2, [ready(300), fresh]) == 2)
        // Ready 50 s ago: its metric counts. (300 + 1000) / 1000 = 130% → 2.6 → ceil(5.2) = 6.
        var settled = fresh
        settled.readyTransition = now - .seconds(50)
        #expect(replicas(2, [ready(300), settled]) == 6)
    }

    @Test("no pods, no metrics, or a missing request are failures")
    func failures() {
        #expect(
            calculator.replicas(currentReplicas: 1, targetUtilization: 50, pods: [], isCPU: true, now: now)
                == .failure(.noPods))
        #expect(
            calculator.replicas(currentReplicas: 1, targetUtilization: 50, pods: [ready(nil)], isCPU: true, now: now)
                == .failure(.noMetrics))
        #expect(
            calculator.replicas(
                currentReplicas: 1, targetUtilization: 50, pods: [ready(100, request: nil)], isCPU: true, now: now)
                == .failure(.missingRequest))
    }
}
