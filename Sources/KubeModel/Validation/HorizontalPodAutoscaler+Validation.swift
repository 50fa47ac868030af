extension HorizontalPodAutoscaler: Validatable {
    /// `ValidateHorizontalPodAutoscaler` (k/k pkg/apis/autoscaling/validation/validation.go):
    /// replica bounds, the scale target, each metric's source and target, and the behaviour's
    /// windows and policies.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        let minReplicas = spec.minReplicas ?? 1
        // HPAScaleToZero is alpha and off by default: minReplicas must be positive.
        if minReplicas < 1 {
            list.append(.invalid("spec.minReplicas", .int(minReplicas), "must be greater than or equal to 1"))
        }
        if spec.maxReplicas < 1 {
            list.append(.invalid("spec.maxReplicas", .int(spec.maxReplicas), "must be greater than 0"))
        }
        if spec.maxReplicas < minReplicas {
            list.append(
                .invalid("spec.maxReplicas", .int(spec.maxReplicas), "must be greater than or equal to `minReplicas`"))
        }
        if spec.scaleTargetRef.kind.isEmpty { list.append(.required("spec.scaleTargetRef.kind")) }
        if spec.scaleTargetRef.name.isEmpty { list.append(.required("spec.scaleTargetRef.name")) }
        for (index, metric) in (spec.metrics ?? []).enumerated() {
            validate(metric, "spec.metrics[\(index)]", into: &list)
        }
        if let behavior = spec.behavior {
            if let rules = behavior.scaleUp { validate(rules, "spec.behavior.scaleUp", into: &list) }
            if let rules = behavior.scaleDown { validate(rules, "spec.behavior.scaleDown", into: &list) }
        }
        return list.errors
    }

    private func validate(_ metric: MetricSpec, _ path: String, into list: inout FieldErrorList) {
        let types = ["ContainerResource", "External", "Object", "Pods", "Resource"]
        guard types.contains(metric.type) else {
            list.append(.notSupported(path + ".type", metric.type, types))
            return
        }
        guard metric.type == "Resource" else { return }
        guard let resource = metric.resource else {
            list.append(.required(path + ".resource", "must populate information for the given metric source"))
            return
        }
        if resource.name.isEmpty { list.append(.required(path + ".resource.name")) }
        let target = resource.target
        let targetPath = path + ".resource.target"
        switch target.type {
        case "Utilization":
            if let value = target.averageUtilization {
                if value <= 0 {
                    list.append(.invalid(targetPath + ".averageUtilization", .int(value), "must be greater than 0"))
                }
            } else {
                list.append(
                    .required(
                        targetPath + ".averageUtilization", "must set either a target raw value or a target utilization"
                    ))
            }
        case "AverageValue", "Value":
            break
        default:
            list.append(.notSupported(targetPath + ".type", target.type, ["AverageValue", "Utilization", "Value"]))
        }
    }

    private func validate(_ rules: HPAScalingRules, _ path: String, into list: inout FieldErrorList) {
        // MaxStabilizationWindowSeconds = 3600, MaxPeriodSeconds = 1800.
        if let window = rules.stabilizationWindowSeconds, window < 0 || window > 3600 {
            list.append(
                .invalid(
                    path + ".stabilizationWindowSeconds", .int(window),
                    "must be greater than or equal to zero and less than or equal to 3600"))
        }
        if let select = rules.selectPolicy, !["Disabled", "Max", "Min"].contains(select) {
            list.append(.notSupported(path + ".selectPolicy", select, ["Disabled", "Max", "Min"]))
        }
        for (index, policy) in (rules.policies ?? []).enumerated() {
            let here = path + ".policies[\(index)]"
            if !["Percent", "Pods"].contains(policy.type) {
                list.append(.notSupported(here + ".type", policy.type, ["Percent", "Pods"]))
            }
            if policy.value <= 0 {
                list.append(.invalid(here + ".value", .int(policy.value), "must be greater than zero"))
            }
            if policy.periodSeconds <= 0 || policy.periodSeconds > 1800 {
                list.append(
                    .invalid(
                        here + ".periodSeconds", .int(policy.periodSeconds),
                        "must be greater than zero and less than or equal to 1800"))
            }
        }
    }
}
