// DaemonSet validation: `ValidateDaemonSet`, `ValidateDaemonSetSpec`,
// `ValidateDaemonSetUpdateStrategy` and `ValidateRollingUpdateDaemonSet` of
// pkg/apis/apps/validation/validation.go.

extension DaemonSet: Validatable {
    /// `ValidateDaemonSet`: the name is a DNS-1123 subdomain; selector, template, strategy.
    ///
    /// A missing selector is reported as `spec.selector: Required value` (shared with Deployment
    /// and StatefulSet); the API server instead reports only that the template labels do not
    /// match, since `LabelSelectorAsSelector(nil)` matches nothing.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        validateSelectorAndTemplate(
            selector: spec.selector, template: spec.template, kind: "daemonset", allowedRestartPolicies: [.always],
            into: &list)
        if spec.template.spec.activeDeadlineSeconds != nil {
            list.append(
                .forbidden(
                    "spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in DaemonSet is not Supported"))
        }
        list.nonnegative(spec.minReadySeconds, "spec.minReadySeconds")
        validate(spec.updateStrategy, "spec.updateStrategy", into: &list)
        list.nonnegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit")
        return list.errors
    }

    /// `ValidateDaemonSetUpdateStrategy` and `ValidateRollingUpdateDaemonSet`.
    private func validate(_ strategy: DaemonSetUpdateStrategy, _ path: String, into list: inout FieldErrorList) {
        switch strategy.type {
        case "OnDelete":
            break
        case "RollingUpdate":
            let base = path + ".rollingUpdate"
            list.positiveIntOrPercent(strategy.maxUnavailable, base + ".maxUnavailable")
            list.positiveIntOrPercent(strategy.maxSurge, base + ".maxSurge")
            list.notMoreThan100Percent(strategy.maxUnavailable, base + ".maxUnavailable")
            list.notMoreThan100Percent(strategy.maxSurge, base + ".maxSurge")
            // Exactly one of maxSurge and maxUnavailable is non-zero.
            let hasUnavailable = strategy.maxUnavailable.intOrPercentValue != 0
            let hasSurge = strategy.maxSurge.intOrPercentValue != 0
            if hasUnavailable && hasSurge {
                list.append(
                    .invalid(
                        base + ".maxSurge", strategy.maxSurge.badValue, "may not be set when maxUnavailable is non-zero"
                    ))
            } else if !hasUnavailable && !hasSurge {
                list.append(.required(base + ".maxUnavailable", "cannot be 0 when maxSurge is 0"))
            }
        default:
            // field.NotSupported keeps the order it is given (not sorted); the API server shows the
            // whole strategy struct as the bad value, this shows its `type`.
            list.append(
                FieldError(
                    path: path, type: .notSupported, badValue: .string(strategy.type),
                    detail: "supported values: \"RollingUpdate\", \"OnDelete\""))
        }
    }
}
