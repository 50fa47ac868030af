import KubeModel
import SimulationCore

/// The HPA controller's memory of one autoscaler and its normalization of a proposal
/// (k/k pkg/controller/podautoscaler/horizontal.go): the stabilization window over past
/// recommendations and the rate limits of `behavior` policies over past scale events, or, for
/// an autoscaler without `behavior`, the flag-driven rules (`normalizeDesiredReplicas`).
public struct ScaleNormalizer: Sendable {
    /// A past recommendation (`timestampedRecommendation`).
    struct Recommendation: Sendable, Hashable {
        var replicas: Int
        var time: SimulationTime
    }
    /// A past scale change (`timestampedScaleEvent`), `outdated` once out of every period.
    struct ScaleEvent: Sendable, Hashable {
        var change: Int
        var time: SimulationTime
        var outdated: Bool
    }

    /// `--horizontal-pod-autoscaler-downscale-stabilization` (5 min).
    public var downscaleStabilisationWindow = SimulationDuration.minutes(5)
    var recommendations: [Recommendation] = []
    var scaleUpEvents: [ScaleEvent] = []
    var scaleDownEvents: [ScaleEvent] = []

    /// An empty history.
    public init() {}

    /// `scaleUpLimitFactor` and `scaleUpLimitMinimum` of the behaviour-less path.
    static let scaleUpLimitFactor = 2.0
    static let scaleUpLimitMinimum = 4.0

    /// The replicas to set for a metric proposal `desired` (`normalizeDesiredReplicas` or
    /// `normalizeDesiredReplicasWithBehaviors`), recording the proposal.
    /// - Complexity: O(recommendations + scale events in the windows).
    public mutating func normalize(
        current: Int, desired: Int, minReplicas: Int, maxReplicas: Int, behavior: HorizontalPodAutoscalerBehavior?,
        now: SimulationTime
    ) -> Int {
        guard let behavior else {
            let stabilized = stabilize(desired, now: now)
            // convertDesiredReplicasWithRules.
            let scaleUpLimit = Int(max(Self.scaleUpLimitFactor * Double(current), Self.scaleUpLimitMinimum))
            let maximum = min(maxReplicas, scaleUpLimit)
            return min(max(stabilized, minReplicas), maximum)
        }
        let up = behavior.scaleUp ?? HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [])
        var down = behavior.scaleDown ?? HPAScalingRules(selectPolicy: "Max", policies: [])
        // maybeInitScaleDownStabilizationWindow.
        if down.stabilizationWindowSeconds == nil {
            down.stabilizationWindowSeconds = Int(downscaleStabilisationWindow.nanoseconds / 1_000_000_000)
        }
        let stabilized = stabilizeWithBehaviors(current: current, desired: desired, up: up, down: down, now: now)
        return convertWithBehaviorRate(
            current: current, desired: stabilized, minReplicas: minReplicas, maxReplicas: maxReplicas, up: up,
            down: down, now: now)
    }

    /// `stabilizeRecommendation`: the highest recommendation within the downscale window.
    mutating func stabilize(_ desired: Int, now: SimulationTime) -> Int {
        var result = desired
        var oldSample: Int?
        let cutoff = now - downscaleStabilisationWindow
        for (index, recommendation) in recommendations.enumerated() {
            if recommendation.time < cutoff {
                oldSample = index
            } else if recommendation.replicas > result {
                result = recommendation.replicas
            }
        }
        record(Recommendation(replicas: desired, time: now), replacing: oldSample)
        return result
    }

    /// `stabilizeRecommendationWithBehaviors`: the proposal is held between the lowest
    /// recommendation of the scale-up window and the highest of the scale-down window.
    mutating func stabilizeWithBehaviors(
        current: Int, desired: Int, up: HPAScalingRules, down: HPAScalingRules, now: SimulationTime
    ) -> Int {
        var upRecommendation = desired
        var downRecommendation = desired
        let upCutoff = now - .seconds(Double(up.stabilizationWindowSeconds ?? 0))
        let downCutoff = now - .seconds(Double(down.stabilizationWindowSeconds ?? 0))
        var oldSample: Int?
        for (index, recommendation) in recommendations.enumerated() {
            if recommendation.time > upCutoff { upRecommendation = min(recommendation.replicas, upRecommendation) }
            if recommendation.time > downCutoff {
                downRecommendation = max(recommendation.replicas, downRecommendation)
            }
            if recommendation.time < upCutoff && recommendation.time < downCutoff { oldSample = index }
        }
        var result = current
        if result < upRecommendation { result = upRecommendation }
        if result > downRecommendation { result = downRecommendation }
        record(Recommendation(replicas: desired, time: now), replacing: oldSample)
        return result
    }

    private mutating func record(_ recommendation: Recommendation, replacing index: Int?) {
        if let index { recommendations[index] = recommendation } else { recommendations.append(recommendation) }
    }

    /// `convertDesiredReplicasWithBehaviorRate`.
    func convertWithBehaviorRate(
        current: Int, desired: Int, minReplicas: Int, maxReplicas: Int, up: HPAScalingRules, down: HPAScalingRules,
        now: SimulationTime
    ) -> Int {
        if desired > current {
            let scaleUpLimit = max(current, limit(current: current, rules: up, scalingUp: true, now: now))
            let maximum = min(maxReplicas, scaleUpLimit)
            return min(desired, maximum)
        } else if desired < current {
            let scaleDownLimit = min(current, limit(current: current, rules: down, scalingUp: false, now: now))
            let minimum = max(minReplicas, scaleDownLimit)
            return max(desired, minimum)
        }
        return desired
    }

    /// `calculateScaleUpLimitWithScalingRules` / `calculateScaleDownLimitWithBehaviors`.
    func limit(current: Int, rules: HPAScalingRules, scalingUp: Bool, now: SimulationTime) -> Int {
        let select = rules.selectPolicy ?? "Max"
        if select == "Disabled" { return current }
        // For scaling up `Max` takes the largest proposal; for scaling down the smallest.
        let takeLargest = (select == "Max") == scalingUp
        var result = takeLargest ? Int.min : Int.max
        for policy in rules.policies ?? [] {
            let added = changeInPeriod(policy.periodSeconds, scaleUpEvents, now: now)
            let deleted = changeInPeriod(policy.periodSeconds, scaleDownEvents, now: now)
            let periodStart = current - added + deleted
            let proposed: Int
            if policy.type == "Pods" {
                proposed = scalingUp ? periodStart + policy.value : periodStart - policy.value
            } else if scalingUp {
                // Rounded up so that a small set still grows.
                proposed = Int((Double(periodStart) * (1 + Double(policy.value) / 100)).rounded(.up))
            } else {
                proposed = Int(Double(periodStart) * (1 - Double(policy.value) / 100))
            }
            result = takeLargest ? max(result, proposed) : min(result, proposed)
        }
        return result
    }

    /// `getReplicasChangePerPeriod`: the changes newer than `now − period`.
    func changeInPeriod(_ periodSeconds: Int, _ events: [ScaleEvent], now: SimulationTime) -> Int {
        let cutoff = now - .seconds(Double(periodSeconds))
        var total = 0
        for event in events where event.time > cutoff { total += event.change }
        return total
    }

    /// `storeScaleEvent`: remembers a change for the rate limits (only with `behavior`), reusing
    /// an entry older than the longest period of that direction (`markScaleEventsOutdated`).
    public mutating func storeScaleEvent(
        behavior: HorizontalPodAutoscalerBehavior?, previous: Int, new: Int, now: SimulationTime
    ) {
        guard let behavior else { return }
        let scalingUp = new > previous
        let longest =
            ((scalingUp ? behavior.scaleUp : behavior.scaleDown)?.policies ?? []).map(\.periodSeconds).max() ?? 0
        let cutoff = now - .seconds(Double(longest))
        func store(_ events: inout [ScaleEvent]) {
            for index in events.indices where events[index].time < cutoff { events[index].outdated = true }
            let event = ScaleEvent(change: abs(new - previous), time: now, outdated: false)
            if let reuse = events.firstIndex(where: \.outdated) { events[reuse] = event } else { events.append(event) }
        }
        if scalingUp { store(&scaleUpEvents) } else { store(&scaleDownEvents) }
    }
}
