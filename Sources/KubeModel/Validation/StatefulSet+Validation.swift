// StatefulSet validation: `ValidateStatefulSet`, `ValidateStatefulSetSpec`,
// `validateRollingUpdateStatefulSet` and `ValidatePersistentVolumeClaimRetentionPolicy` of
// pkg/apis/apps/validation/validation.go.

extension StatefulSet: Validatable {
    /// `ValidateStatefulSet`: the name is a DNS-1123 label (`ValidateStatefulSetName`); policy,
    /// strategy, counts, selector and template.
    ///
    /// Unlike the API server, which checks only the template's labels and leaves the pod spec to
    /// pod creation (the controller then reports `FailedCreate`), the pod spec is validated here
    /// as for Deployments, so a broken template is reported with its line when loading.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true, nameIsLabel: true)
        switch spec.podManagementPolicy {
        case "":
            list.append(.required("spec.podManagementPolicy"))
        case "OrderedReady", "Parallel":
            break
        default:
            list.append(
                .invalid(
                    "spec.podManagementPolicy", .string(spec.podManagementPolicy),
                    "must be 'OrderedReady' or 'Parallel'"
                ))
        }
        validate(spec.updateStrategy, "spec.updateStrategy", into: &list)
        validateRetentionPolicy(into: &list)
        list.nonnegative(spec.replicas, "spec.replicas")
        list.nonnegative(spec.minReadySeconds, "spec.minReadySeconds")
        list.nonnegative(spec.ordinalsStart, "spec.ordinals.start")
        validateSelectorAndTemplate(
            selector: spec.selector, template: spec.template, kind: "statefulset", allowedRestartPolicies: [.always],
            into: &list)
        if spec.template.spec.activeDeadlineSeconds != nil {
            list.append(
                .forbidden(
                    "spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported")
            )
        }
        return list.errors
    }

    /// The `updateStrategy` switch of `ValidateStatefulSetSpec` and `validateRollingUpdateStatefulSet`.
    ///
    /// The flattened strategy cannot tell an empty `rollingUpdate: {}` from none, so OnDelete is
    /// refused only with a non-zero partition or a maxUnavailable.
    private func validate(_ strategy: StatefulSetUpdateStrategy, _ path: String, into list: inout FieldErrorList) {
        let base = path + ".rollingUpdate"
        switch strategy.type {
        case "":
            list.append(.required(path))
        case "OnDelete":
            if strategy.partition != 0 || strategy.maxUnavailable != nil {
                list.append(
                    FieldError(path: base, type: .invalid, detail: "only allowed for updateStrategy 'RollingUpdate'"))
            }
        case "RollingUpdate":
            list.nonnegative(strategy.partition, base + ".partition")
            if let maxUnavailable = strategy.maxUnavailable {
                list.positiveIntOrPercent(maxUnavailable, base + ".maxUnavailable")
                if maxUnavailable.intOrPercentValue == 0 {
                    list.append(.invalid(base + ".maxUnavailable", maxUnavailable.badValue, "cannot be 0"))
                }
                list.notMoreThan100Percent(maxUnavailable, base + ".maxUnavailable")
            }
        default:
            // The API server shows the whole strategy struct as the bad value; this shows its `type`.
            list.append(.invalid(path, .string(strategy.type), "must be 'RollingUpdate' or 'OnDelete'"))
        }
    }

    /// `ValidatePersistentVolumeClaimRetentionPolicy` on the values written (absent or empty ones
    /// default to `Retain`).
    private func validateRetentionPolicy(into list: inout FieldErrorList) {
        guard let policy = spec.persistentVolumeClaimRetentionPolicy else { return }
        for field in ["whenDeleted", "whenScaled"] {
            guard let value = policy[field]?.scalarText, !value.isEmpty, value != "Retain", value != "Delete" else {
                continue
            }
            list.append(
                FieldError(
                    path: "spec.persistentVolumeClaimRetentionPolicy." + field, type: .notSupported,
                    badValue: .string(value), detail: "supported values: \"Retain\", \"Delete\""))
        }
    }
}
