// Object-level validation (k8s pkg/apis/core/validation, pkg/apis/apps/validation,
// pkg/apis/batch/validation, pkg/apis/scheduling/validation, pkg/apis/policy/validation).

extension Pod: Validatable {
    /// `ValidatePodCreate`: metadata and spec.
    public func validate() -> [FieldError] { validate(options: .init()) }

    /// Validation with feature options.
    public func validate(options: ValidationOptions) -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        list.append(contentsOf: spec.validationErrors(path: "spec", options: options))
        return list.errors
    }
}

/// Shared checks of a controller's selector and template (`ValidatePodTemplateSpecForReplicaSet`);
/// also used by DaemonSet and StatefulSet.
func validateSelectorAndTemplate(
    selector: LabelSelector?, template: PodTemplateSpec, kind: String, allowedRestartPolicies: [RestartPolicy],
    into list: inout FieldErrorList
) {
    if let selector {
        list.labelSelector(selector, "spec.selector")
        if selector.isEmpty {
            list.append(.invalid("spec.selector", .string("{}"), "empty selector is invalid for \(kind)"))
        } else if !selector.matches(template.metadata.labels ?? [:]) {
            let labels = (template.metadata.labels ?? [:]).sorted { $0.key < $1.key }
                .map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ", ")
            list.append(
                FieldError(
                    path: "spec.template.metadata.labels", type: .invalid,
                    badValue: .string("map[string]string{\(labels)}"),
                    detail: "`selector` does not match template `labels`"))
        }
    } else {
        list.append(.required("spec.selector"))
    }
    if !allowedRestartPolicies.contains(template.spec.restartPolicy) {
        list.append(
            .notSupported(
                "spec.template.spec.restartPolicy", template.spec.restartPolicy.rawValue,
                allowedRestartPolicies.map(\.rawValue)))
    }
    list.append(contentsOf: template.spec.validationErrors(path: "spec.template.spec"))
}

extension Deployment: Validatable {
    /// `ValidateDeployment`.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        list.nonnegative(spec.replicas, "spec.replicas")
        validateSelectorAndTemplate(
            selector: spec.selector, template: spec.template, kind: "deployment",
            allowedRestartPolicies: [.always], into: &list)
        let types = ["Recreate", "RollingUpdate"]
        if !types.contains(spec.strategy.type) {
            list.append(.notSupported("spec.strategy.type", spec.strategy.type, types))
        } else if spec.strategy.type == "Recreate", spec.strategy.rollingUpdate != nil {
            list.append(
                .forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"))
        }
        if let rolling = spec.strategy.rollingUpdate, spec.strategy.type == "RollingUpdate" {
            let base = "spec.strategy.rollingUpdate"
            for (field, value) in [("maxUnavailable", rolling.maxUnavailable), ("maxSurge", rolling.maxSurge)] {
                switch value {
                case .int(let number): list.nonnegative(number, "\(base).\(field)")
                case .string(let text):
                    guard text.hasSuffix("%"), let percent = Int(text.dropLast()) else {
                        list.append(
                            .invalid(
                                "\(base).\(field)", .string(text),
                                "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
                            ))
                        continue
                    }
                    if percent < 0 {
                        list.append(.invalid("\(base).\(field)", .string(text), "must be greater than or equal to 0"))
                    }
                    if field == "maxUnavailable" && percent > 100 {
                        list.append(.invalid("\(base).\(field)", .string(text), "must not be greater than 100%"))
                    }
                }
            }
            if (try? rolling.maxUnavailable.scaledValue(total: 100, roundUp: false)) == 0,
                (try? rolling.maxSurge.scaledValue(total: 100, roundUp: true)) == 0
            {
                let shown: FieldError.BadValue =
                    switch rolling.maxUnavailable {
                    case .int(let n): .int(n)
                    case .string(let s): .string(s)
                    }
                list.append(.invalid("\(base).maxUnavailable", shown, "may not be 0 when `maxSurge` is 0"))
            }
        }
        list.nonnegative(spec.minReadySeconds, "spec.minReadySeconds")
        list.nonnegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit")
        list.nonnegative(spec.progressDeadlineSeconds, "spec.progressDeadlineSeconds")
        if spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0) {
            list.append(
                .invalid(
                    "spec.progressDeadlineSeconds", .int(spec.progressDeadlineSeconds),
                    "must be greater than minReadySeconds"))
        }
        return list.errors
    }
}

extension ReplicaSet: Validatable {
    /// `ValidateReplicaSet`.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        list.nonnegative(spec.replicas, "spec.replicas")
        list.nonnegative(spec.minReadySeconds, "spec.minReadySeconds")
        validateSelectorAndTemplate(
            selector: spec.selector, template: spec.template, kind: "replicaset",
            allowedRestartPolicies: [.always], into: &list)
        return list.errors
    }
}

extension Job: Validatable {
    /// `ValidateJob` (selector checked only when `manualSelector` is true; otherwise it is generated).
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        list.nonnegative(spec.parallelism, "spec.parallelism")
        list.nonnegative(spec.completions, "spec.completions")
        list.nonnegative(spec.backoffLimit, "spec.backoffLimit")
        if let deadline = spec.activeDeadlineSeconds, deadline <= 0 {
            list.append(.invalid("spec.activeDeadlineSeconds", .int(deadline), "must be greater than 0"))
        }
        list.nonnegative(spec.ttlSecondsAfterFinished, "spec.ttlSecondsAfterFinished")
        let modes = ["Indexed", "NonIndexed"]
        if !modes.contains(spec.completionMode) {
            list.append(.notSupported("spec.completionMode", spec.completionMode, modes))
        }
        if spec.completionMode == "Indexed" && spec.completions == nil {
            list.append(.required("spec.completions", "when completion mode is Indexed"))
        }
        if spec.manualSelector == true {
            validateSelectorAndTemplate(
                selector: spec.selector, template: spec.template, kind: "job",
                allowedRestartPolicies: [.onFailure, .never], into: &list)
        } else {
            if !([.onFailure, .never] as [RestartPolicy]).contains(spec.template.spec.restartPolicy) {
                list.append(
                    .notSupported(
                        "spec.template.spec.restartPolicy", spec.template.spec.restartPolicy.rawValue,
                        ["OnFailure", "Never"]))
            }
            list.append(contentsOf: spec.template.spec.validationErrors(path: "spec.template.spec"))
        }
        return list.errors
    }
}

extension Node: Validatable {
    /// `ValidateNode`: name and taints.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: false)
        var seen = Set<String>()
        for (index, taint) in (spec.taints ?? []).enumerated() {
            let here = "spec.taints[\(index)]"
            if taint.key.isEmpty { list.append(.required(here + ".key")) }
            if !TaintEffect.supported.contains(taint.effect) {
                list.append(
                    .notSupported(here + ".effect", taint.effect.rawValue, TaintEffect.supported.map(\.rawValue)))
            }
            let identity = taint.key + "\u{0}" + taint.effect.rawValue
            if seen.contains(identity) {
                list.append(.duplicate(here, .string("\(taint.key):\(taint.effect.rawValue)")))
            }
            seen.insert(identity)
        }
        // `ValidateNodeResources` checks only the quantities (a kubelet reports only valid names);
        // a hand-written Node is checked with `validateResourceName`, so `cpus` is not a resource
        // the scheduler would silently ignore.
        for (name, quantity) in status.capacity {
            list.resourceName(name, "status.capacity[\(name)]")
            list.nonnegative(quantity, "status.capacity[\(name)]")
        }
        for (name, quantity) in status.allocatable {
            // Names copied from capacity (the default) are reported there once.
            if status.capacity[name] == nil { list.resourceName(name, "status.allocatable[\(name)]") }
            list.nonnegative(quantity, "status.allocatable[\(name)]")
        }
        return list.errors
    }
}

extension Namespace: Validatable {
    /// `ValidateNamespace`: the name is a DNS-1123 label.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: false, nameIsLabel: true)
        return list.errors
    }
}

extension PriorityClass: Validatable {
    /// `ValidatePriorityClass`: user classes are limited to 1000000000.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: false)
        let isSystem = (metadata.name ?? "").hasPrefix("system-")
        if !isSystem && value > 1_000_000_000 {
            list.append(.forbidden("value", "maximum allowed value of a user defined priority is 1000000000"))
        }
        if let preemptionPolicy, !PreemptionPolicy.supported.contains(preemptionPolicy) {
            list.append(
                .notSupported("preemptionPolicy", preemptionPolicy.rawValue, PreemptionPolicy.supported.map(\.rawValue))
            )
        }
        return list.errors
    }
}

extension ConfigMap: Validatable {
    /// `ValidateConfigMap`: the name.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        return list.errors
    }
}

extension Secret: Validatable {
    /// `ValidateSecret`: the name.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        return list.errors
    }
}

extension PodDisruptionBudget: Validatable {
    /// `ValidatePodDisruptionBudgetSpec`.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        list.objectMeta(metadata, namespaced: true)
        if spec.minAvailable != nil && spec.maxUnavailable != nil {
            list.append(
                FieldError(
                    path: "spec", type: .invalid, badValue: .string("spec"),
                    detail: "minAvailable and maxUnavailable cannot be both set"))
        }
        if let selector = spec.selector { list.labelSelector(selector, "spec.selector") }
        return list.errors
    }
}

extension KubeSchedulerConfiguration: Validatable {
    /// A subset of `ValidateKubeSchedulerConfiguration`, plugin names unchecked.
    public func validate() -> [FieldError] { validate(options: ValidationOptions()) }

    /// A subset of `ValidateKubeSchedulerConfiguration`; plugin names are checked against
    /// `options.schedulerPlugins` when given.
    public func validate(options: ValidationOptions) -> [FieldError] {
        var list = FieldErrorList()
        if let percentage = percentageOfNodesToScore, percentage < 0 || percentage > 100 {
            list.append(.invalid("percentageOfNodesToScore", .int(percentage), "not in valid range [0-100]"))
        }
        if podInitialBackoffSeconds <= 0 {
            list.append(.invalid("podInitialBackoffSeconds", .int(podInitialBackoffSeconds), "must be greater than 0"))
        }
        if podMaxBackoffSeconds < podInitialBackoffSeconds {
            list.append(
                .invalid(
                    "podMaxBackoffSeconds", .int(podMaxBackoffSeconds),
                    "must be greater than or equal to PodInitialBackoffSeconds"))
        }
        // clientConnection.qps is a float32, burst an int32 (component-base ClientConnectionConfiguration).
        if let text = clientConnection?["qps"]?.scalarText, Double(text) == nil {
            list.append(.invalid("clientConnection.qps", .string(text), "must be a number"))
        }
        if let text = clientConnection?["burst"]?.scalarText, (Int(text) ?? -1) < 0 {
            list.append(.invalid("clientConnection.burst", .string(text), "must be a non-negative integer"))
        }
        var names = Set<String>()
        for (index, profile) in profiles.enumerated() {
            let here = "profiles[\(index)]"
            if profile.schedulerName.isEmpty { list.append(.required(here + ".schedulerName")) }
            if names.contains(profile.schedulerName) {
                list.append(.duplicate(here + ".schedulerName", .string(profile.schedulerName)))
            }
            names.insert(profile.schedulerName)
            if let percentage = profile.percentageOfNodesToScore, percentage < 0 || percentage > 100 {
                list.append(
                    .invalid(here + ".percentageOfNodesToScore", .int(percentage), "not in valid range [0-100]"))
            }
            if let known = options.schedulerPlugins { validatePluginNames(profile, known, path: here, into: &list) }
            for (index, config) in (profile.pluginConfig ?? []).enumerated() {
                if let args = config.args {
                    list.append(contentsOf: args.value.validate(path: "\(here).pluginConfig[\(index)].args"))
                }
            }
        }
        return list.errors
    }

    // MARK: - Plugin names

    /// kube-scheduler refuses to start with a plugin its registry does not have (framework
    /// runtime `NewFramework`/`updatePluginList`: `… "Foo" does not exist`), so every enabled or
    /// disabled plugin (`*` disables all) and every `pluginConfig` name must be known.
    private func validatePluginNames(
        _ profile: KubeSchedulerProfile, _ registry: SchedulerPluginNames, path: String, into list: inout FieldErrorList
    ) {
        let known = registry.names
        func check(_ set: PluginSet?, _ point: String) {
            guard let set else { return }
            for (index, plugin) in (set.enabled ?? []).enumerated() where !registry.contains(plugin.name) {
                list.append(.notSupported("\(path).plugins.\(point).enabled[\(index)].name", plugin.name, known))
            }
            for (index, plugin) in (set.disabled ?? []).enumerated()
            where plugin.name != "*" && !registry.contains(plugin.name) {
                list.append(.notSupported("\(path).plugins.\(point).disabled[\(index)].name", plugin.name, known))
            }
        }
        if let plugins = profile.plugins {
            let points: [(PluginSet?, String)] = [
                (plugins.preEnqueue, "preEnqueue"), (plugins.queueSort, "queueSort"), (plugins.preFilter, "preFilter"),
                (plugins.filter, "filter"), (plugins.postFilter, "postFilter"), (plugins.preScore, "preScore"),
                (plugins.score, "score"), (plugins.reserve, "reserve"), (plugins.permit, "permit"),
                (plugins.preBind, "preBind"), (plugins.bind, "bind"), (plugins.postBind, "postBind"),
                (plugins.multiPoint, "multiPoint"),
            ]
            for (set, point) in points { check(set, point) }
        }
        for (index, config) in (profile.pluginConfig ?? []).enumerated() where !registry.contains(config.name) {
            list.append(.notSupported("\(path).pluginConfig[\(index)].name", config.name, known))
        }
    }
}
