/// The API server's defaults for `autoscaling/v2` (k/k pkg/apis/autoscaling/v2/defaults.go).
extension HorizontalPodAutoscaler {
    /// `autoscaling.DefaultCPUUtilization`: the metric of an autoscaler that lists none.
    public static let defaultCPUUtilization = 80

    /// `SetDefaults_HorizontalPodAutoscaler`: `minReplicas` 1, CPU at 80% when no metric is
    /// given, and, when `behavior` is set, each direction's missing fields from
    /// `GenerateHPAScaleUpRules`/`GenerateHPAScaleDownRules`. A `nil` behaviour stays `nil`
    /// (the controller then uses its flag-driven normalization).
    public func withDefaults() -> HorizontalPodAutoscaler {
        var result = self
        if result.spec.minReplicas == nil { result.spec.minReplicas = 1 }
        if (result.spec.metrics ?? []).isEmpty {
            result.spec.metrics = [
                MetricSpec(
                    resource: ResourceMetricSource(
                        name: "cpu", target: MetricTarget(averageUtilization: Self.defaultCPUUtilization)))
            ]
        }
        if var behavior = result.spec.behavior {
            behavior.scaleUp = Self.scaleUpRules(behavior.scaleUp)
            behavior.scaleDown = Self.scaleDownRules(behavior.scaleDown)
            result.spec.behavior = behavior
        }
        return result
    }

    /// `GenerateHPAScaleUpRules`: window 0 s, `Max` of 4 pods or 100% per 15 s.
    static func scaleUpRules(_ given: HPAScalingRules?) -> HPAScalingRules {
        var rules = given ?? HPAScalingRules()
        if rules.stabilizationWindowSeconds == nil { rules.stabilizationWindowSeconds = 0 }
        if rules.selectPolicy == nil { rules.selectPolicy = "Max" }
        if rules.policies == nil {
            rules.policies = [
                HPAScalingPolicy(type: "Pods", value: 4, periodSeconds: 15),
                HPAScalingPolicy(type: "Percent", value: 100, periodSeconds: 15),
            ]
        }
        return rules
    }

    /// `GenerateHPAScaleDownRules`: window left `nil` (the controller's
    /// `--horizontal-pod-autoscaler-downscale-stabilization`, 5 min), `Max` of 100% per 15 s.
    static func scaleDownRules(_ given: HPAScalingRules?) -> HPAScalingRules {
        var rules = given ?? HPAScalingRules()
        if rules.selectPolicy == nil { rules.selectPolicy = "Max" }
        if rules.policies == nil { rules.policies = [HPAScalingPolicy(type: "Percent", value: 100, periodSeconds: 15)] }
        return rules
    }
}
