import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// horizontal.go's normalization on hand-computed sequences (one sync every 15 s).
@Suite struct ScaleNormalizerTests {
    func at(_ seconds: Int) -> SimulationTime { .zero + .seconds(seconds) }

    @Test("without behavior: a scale-down waits for the 300 s window; the oldest high recommendation decides")
    func downscaleStabilization() {
        var normalizer = ScaleNormalizer()
        #expect(
            normalizer.normalize(current: 10, desired: 10, minReplicas: 1, maxReplicas: 20, behavior: nil, now: at(0))
                == 10)
        // From 15 s on the metric says 4, but the recommendation 10 of t = 0 is inside the
        // window (cutoff now − 300 s; a sample exactly at the cutoff still counts).
        for t in stride(from: 15, through: 300, by: 15) {
            #expect(
                normalizer.normalize(
                    current: 10, desired: 4, minReplicas: 1, maxReplicas: 20, behavior: nil, now: at(t)) == 10)
        }
        // 315 s: t = 0 is older than the cutoff (15 s); only 4s remain.
        #expect(
            normalizer.normalize(current: 10, desired: 4, minReplicas: 1, maxReplicas: 20, behavior: nil, now: at(315))
                == 4)
    }

    @Test("without behavior: scale-up at most max(2 × current, 4), and min/max bounds")
    func scaleUpLimitAndBounds() {
        var normalizer = ScaleNormalizer()
        #expect(
            normalizer.normalize(current: 3, desired: 20, minReplicas: 1, maxReplicas: 50, behavior: nil, now: at(0))
                == 6)
        #expect(
            normalizer.normalize(current: 1, desired: 20, minReplicas: 1, maxReplicas: 50, behavior: nil, now: at(15))
                == 4)
        #expect(
            normalizer.normalize(current: 6, desired: 20, minReplicas: 1, maxReplicas: 8, behavior: nil, now: at(30))
                == 8)
        var fresh = ScaleNormalizer()
        #expect(fresh.normalize(current: 5, desired: 1, minReplicas: 3, maxReplicas: 8, behavior: nil, now: at(0)) == 3)
    }

    @Test("default behavior: scale-up is Max(4 pods, 100%) per 15 s, counted from the period's start")
    func defaultScaleUpPolicies() {
        let behavior = HorizontalPodAutoscaler(
            metadata: ObjectMeta(name: "h"),
            spec: HorizontalPodAutoscalerSpec(
                scaleTargetRef: CrossVersionObjectReference(kind: "Deployment", name: "d"), maxReplicas: 100,
                behavior: HorizontalPodAutoscalerBehavior())
        ).withDefaults().spec.behavior
        var normalizer = ScaleNormalizer()
        // 2 → max(2 + 4, ceil(2 × 2)) = 6.
        let first = normalizer.normalize(
            current: 2, desired: 20, minReplicas: 1, maxReplicas: 100, behavior: behavior, now: at(0))
        #expect(first == 6)
        normalizer.storeScaleEvent(behavior: behavior, previous: 2, new: 6, now: at(0))
        // 10 s later the period still starts at 2 replicas: the limit is 6 again.
        #expect(
            normalizer.normalize(
                current: 6, desired: 20, minReplicas: 1, maxReplicas: 100, behavior: behavior, now: at(10)) == 6)
        // 15 s later the event at t = 0 is not newer than the cutoff: max(6 + 4, 12) = 12.
        #expect(
            normalizer.normalize(
                current: 6, desired: 20, minReplicas: 1, maxReplicas: 100, behavior: behavior, now: at(15)) == 12)
    }

    @Test("behavior: a Pods policy of 1 per 60 s and a zero window scale down one pod a minute")
    func scaleDownPolicy() {
        let behavior = HorizontalPodAutoscalerBehavior(
            scaleDown: HPAScalingRules(
                stabilizationWindowSeconds: 0, policies: [HPAScalingPolicy(type: "Pods", value: 1, periodSeconds: 60)]))
        var normalizer = ScaleNormalizer()
        var current = 5
        var sequence: [Int] = []
        for t in stride(from: 0, through: 180, by: 15) {
            let next = normalizer.normalize(
                current: current, desired: 1, minReplicas: 1, maxReplicas: 10, behavior: behavior, now: at(t))
            if next != current {
                normalizer.storeScaleEvent(behavior: behavior, previous: current, new: next, now: at(t))
            }
            current = next
            sequence.append(current)
        }
        // t = 0: 4; the event stays inside (t − 60, t] until t = 60, where 60 s have passed.
        #expect(sequence == [4, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1])
    }

    @Test("behavior: a scale-up window holds the lowest recommendation of the window")
    func scaleUpWindow() {
        let behavior = HorizontalPodAutoscalerBehavior(scaleUp: HPAScalingRules(stabilizationWindowSeconds: 30))
        let rules = HorizontalPodAutoscaler(
            metadata: ObjectMeta(name: "h"),
            spec: HorizontalPodAutoscalerSpec(
                scaleTargetRef: CrossVersionObjectReference(kind: "Deployment", name: "d"), maxReplicas: 100,
                behavior: behavior)
        ).withDefaults().spec.behavior
        var normalizer = ScaleNormalizer()
        #expect(
            normalizer.normalize(current: 4, desired: 4, minReplicas: 1, maxReplicas: 100, behavior: rules, now: at(0))
                == 4)
        // 8 is recommended at 15 and 30 s; the 4 of t = 0 is inside (now − 30, now] until 30 s.
        #expect(
            normalizer.normalize(current: 4, desired: 8, minReplicas: 1, maxReplicas: 100, behavior: rules, now: at(15))
                == 4)
        #expect(
            normalizer.normalize(current: 4, desired: 8, minReplicas: 1, maxReplicas: 100, behavior: rules, now: at(30))
                == 8)
    }
}
