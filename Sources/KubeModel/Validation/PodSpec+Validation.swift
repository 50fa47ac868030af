// Messages and paths follow k8s pkg/apis/core/validation/validation.go (`ValidatePodSpec`,
// `validateContainers`, `validateInitContainers`, `ValidateResourceRequirements`,
// `validateProbe`, `ValidateTolerations`, `validateVolumes`).

extension PodSpec {
    /// Validation errors for this spec; `path` is its field path (`spec` or `spec.template.spec`).
    public func validationErrors(path: String, options: ValidationOptions = .init()) -> [FieldError] {
        var list = FieldErrorList()
        let volumeNames = validateVolumes(path: path, into: &list)

        if containers.isEmpty { list.append(.required(path + ".containers")) }
        var seenNames = Set<String>()
        for (index, container) in (initContainers ?? []).enumerated() {
            container.validate(
                path: "\(path).initContainers[\(index)]", isInit: true, volumeNames: volumeNames,
                seenNames: &seenNames, options: options, into: &list)
        }
        for (index, container) in containers.enumerated() {
            container.validate(
                path: "\(path).containers[\(index)]", isInit: false, volumeNames: volumeNames,
                seenNames: &seenNames, options: options, into: &list)
        }

        if !RestartPolicy.supported.contains(restartPolicy) {
            list.append(
                .notSupported(path + ".restartPolicy", restartPolicy.rawValue, RestartPolicy.supported.map(\.rawValue)))
        }
        list.nonnegative(terminationGracePeriodSeconds, path + ".terminationGracePeriodSeconds")
        if let activeDeadlineSeconds, activeDeadlineSeconds < 1 || activeDeadlineSeconds > Int(Int32.max) {
            list.append(
                .invalid(
                    path + ".activeDeadlineSeconds", .int(activeDeadlineSeconds),
                    "must be between 1 and 2147483647, inclusive"))
        }
        if let preemptionPolicy, !PreemptionPolicy.supported.contains(preemptionPolicy) {
            list.append(
                .notSupported(
                    path + ".preemptionPolicy", preemptionPolicy.rawValue,
                    PreemptionPolicy.supported.map(\.rawValue)))
        }
        for (index, toleration) in (tolerations ?? []).enumerated() {
            toleration.validate(path: "\(path).tolerations[\(index)]", into: &list)
        }
        if let overhead {
            // `validateOverhead` checks names as a container's limits (`validateContainerResourceName`).
            for (name, quantity) in overhead {
                list.containerResourceName(name, "\(path).overhead[\(name)]")
                list.nonnegative(quantity, "\(path).overhead[\(name)]")
            }
        }
        if let nodeAffinity = affinity?.nodeAffinity {
            let base = path + ".affinity.nodeAffinity"
            if let required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution {
                let termsPath = base + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"
                if required.nodeSelectorTerms.isEmpty {
                    list.append(.required(termsPath, "must have at least one node selector term"))
                }
                for (index, term) in required.nodeSelectorTerms.enumerated() {
                    term.validate(path: "\(termsPath)[\(index)]", into: &list)
                }
            }
            for (index, preferred) in (nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).enumerated()
            {
                let here = "\(base).preferredDuringSchedulingIgnoredDuringExecution[\(index)]"
                if preferred.weight < 1 || preferred.weight > 100 {
                    list.append(.invalid(here + ".weight", .int(preferred.weight), "must be in the range 1-100"))
                }
                preferred.preference.validate(path: here + ".preference", into: &list)
            }
        }
        for (kind, affinity) in [
            ("podAffinity", self.affinity?.podAffinity), ("podAntiAffinity", self.affinity?.podAntiAffinity),
        ] {
            guard let affinity else { continue }
            let base = "\(path).affinity.\(kind)"
            for (index, term) in (affinity.requiredDuringSchedulingIgnoredDuringExecution ?? []).enumerated() {
                term.validate(path: "\(base).requiredDuringSchedulingIgnoredDuringExecution[\(index)]", into: &list)
            }
            for (index, weighted) in (affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).enumerated() {
                let here = "\(base).preferredDuringSchedulingIgnoredDuringExecution[\(index)]"
                if weighted.weight < 1 || weighted.weight > 100 {
                    list.append(.invalid(here + ".weight", .int(weighted.weight), "must be in the range 1-100"))
                }
                weighted.podAffinityTerm.validate(path: here + ".podAffinityTerm", into: &list)
            }
        }
        for (index, constraint) in (topologySpreadConstraints ?? []).enumerated() {
            let here = "\(path).topologySpreadConstraints[\(index)]"
            if constraint.maxSkew <= 0 {
                list.append(.invalid(here + ".maxSkew", .int(constraint.maxSkew), "must be greater than zero"))
            }
            if constraint.topologyKey.isEmpty { list.append(.required(here + ".topologyKey", "can not be empty")) }
            let actions = ["DoNotSchedule", "ScheduleAnyway"]
            if !actions.contains(constraint.whenUnsatisfiable) {
                list.append(.notSupported(here + ".whenUnsatisfiable", constraint.whenUnsatisfiable, actions))
            }
        }
        return list.errors
    }

    /// Validates volumes; returns the defined names.
    private func validateVolumes(path: String, into list: inout FieldErrorList) -> Set<String> {
        var names = Set<String>()
        for (index, volume) in (volumes ?? []).enumerated() {
            let here = "\(path).volumes[\(index)]"
            if volume.name.isEmpty {
                list.append(.required(here + ".name"))
            } else {
                for problem in NameValidation.dns1123LabelProblems(volume.name) {
                    list.append(.invalid(here + ".name", .string(volume.name), problem))
                }
                if names.contains(volume.name) { list.append(.duplicate(here + ".name", .string(volume.name))) }
                names.insert(volume.name)
            }
            let sources: [Any?] = [
                volume.emptyDir, volume.configMap, volume.secret, volume.hostPath, volume.persistentVolumeClaim,
                volume.projected, volume.downwardAPI, volume.csi, volume.ephemeral, volume.nfs,
            ]
            let count = sources.compactMap { $0 }.count
            if count == 0 {
                list.append(.required(here, "must specify a volume type"))
            } else if count > 1 {
                list.append(.forbidden(here, "may not specify more than 1 volume type"))
            }
            if let sizeLimit = volume.emptyDir?.sizeLimit {
                list.nonnegative(sizeLimit, here + ".emptyDir.sizeLimit")
            }
        }
        return names
    }
}

extension Container {
    func validate(
        path: String, isInit: Bool, volumeNames: Set<String>, seenNames: inout Set<String>,
        options: ValidationOptions, into list: inout FieldErrorList
    ) {
        if name.isEmpty {
            list.append(.required(path + ".name"))
        } else {
            for problem in NameValidation.dns1123LabelProblems(name) {
                list.append(.invalid(path + ".name", .string(name), problem))
            }
            if seenNames.contains(name) { list.append(.duplicate(path + ".name", .string(name))) }
            seenNames.insert(name)
        }
        if (image ?? "").isEmpty { list.append(.required(path + ".image")) }
        if !PullPolicy.supported.contains(imagePullPolicy) {
            list.append(
                .notSupported(path + ".imagePullPolicy", imagePullPolicy.rawValue, PullPolicy.supported.map(\.rawValue))
            )
        }

        // Ports.
        for (index, port) in (ports ?? []).enumerated() {
            let here = "\(path).ports[\(index)]"
            if port.containerPort < 1 || port.containerPort > 65535 {
                list.append(
                    .invalid(
                        here + ".containerPort", .int(port.containerPort), "must be between 1 and 65535, inclusive"))
            }
            if let hostPort = port.hostPort, hostPort != 0, hostPort < 1 || hostPort > 65535 {
                list.append(.invalid(here + ".hostPort", .int(hostPort), "must be between 1 and 65535, inclusive"))
            }
            if !PortProtocol.supported.contains(port.protocol) {
                list.append(
                    .notSupported(here + ".protocol", port.protocol.rawValue, PortProtocol.supported.map(\.rawValue)))
            }
        }

        // Env.
        for (index, variable) in (env ?? []).enumerated() where variable.name.isEmpty {
            list.append(.required("\(path).env[\(index)].name"))
        }

        // Resources (`ValidateResourceRequirements`).
        let resourcesPath = path + ".resources"
        for (resource, quantity) in resources.limits {
            let here = "\(resourcesPath).limits[\(resource)]"
            list.containerResourceName(resource, here)
            list.nonnegative(quantity, here)
        }
        for (resource, quantity) in resources.requests {
            let here = "\(resourcesPath).requests[\(resource)]"
            list.containerResourceName(resource, here)
            list.nonnegative(quantity, here)
            let limit = resources.limits[resource]
            if Container.isExtendedResource(resource) {
                // Extended resources cannot be overcommitted: request == limit, limit required.
                if let limit, quantity != limit {
                    list.append(
                        .invalid(
                            here, .string(quantity.description),
                            "must be equal to \(resource) limit of \(limit.description)"))
                } else if limit == nil {
                    list.append(
                        .required(
                            "\(resourcesPath).limits[\(resource)]",
                            "Limit must be set for non overcommitable resources"))
                }
            } else if let limit, quantity > limit {
                list.append(
                    .invalid(
                        here, .string(quantity.description),
                        "must be less than or equal to \(resource) limit of \(limit.description)"))
            }
        }

        // Volume mounts.
        for (index, mount) in (volumeMounts ?? []).enumerated() {
            let here = "\(path).volumeMounts[\(index)]"
            if mount.name.isEmpty {
                list.append(.required(here + ".name"))
            } else if !volumeNames.contains(mount.name) {
                list.append(.notFound(here + ".name", .string(mount.name)))
            }
            if mount.mountPath.isEmpty { list.append(.required(here + ".mountPath")) }
        }

        // Restart policy per container.
        let isSidecar = isInit && restartPolicy == .always
        if let restartPolicy {
            let here = path + ".restartPolicy"
            if options.containerRestartRules {
                let allowed = ["Always", "OnFailure", "Never"]
                if !allowed.contains(restartPolicy.rawValue) {
                    list.append(.notSupported(here, restartPolicy.rawValue, allowed))
                }
            } else if isInit {
                if restartPolicy != .always { list.append(.notSupported(here, restartPolicy.rawValue, ["Always"])) }
            } else {
                list.append(.forbidden(here, "may not be set for non-init containers"))
            }
        }
        if let rules = restartPolicyRules {
            let here = path + ".restartPolicyRules"
            if !options.containerRestartRules {
                list.append(.forbidden(here, "may not be set when the ContainerRestartRules feature is disabled"))
            } else {
                if restartPolicy == nil {
                    list.append(.required(path + ".restartPolicy", "must be set when restartPolicyRules are set"))
                }
                for (index, rule) in rules.enumerated() {
                    let rulePath = "\(here)[\(index)]"
                    if rule.action != "Restart" {
                        list.append(.notSupported(rulePath + ".action", rule.action, ["Restart"]))
                    }
                    if let exitCodes = rule.exitCodes {
                        if !["In", "NotIn"].contains(exitCodes.operator) {
                            list.append(
                                .notSupported(rulePath + ".exitCodes.operator", exitCodes.operator, ["In", "NotIn"]))
                        }
                    } else {
                        list.append(.required(rulePath + ".exitCodes"))
                    }
                }
            }
        }

        // Probes.
        let probes: [(String, Probe?)] = [
            ("livenessProbe", livenessProbe), ("readinessProbe", readinessProbe), ("startupProbe", startupProbe),
        ]
        for (field, probe) in probes {
            guard let probe else { continue }
            let here = "\(path).\(field)"
            if isInit && !isSidecar {
                list.append(.forbidden(here, "may not be set for init containers without restartPolicy=Always"))
                continue
            }
            probe.validate(path: here, mustSucceedOnce: field != "readinessProbe", into: &list)
        }
        if isInit && !isSidecar && lifecycle != nil {
            list.append(
                .forbidden(path + ".lifecycle", "may not be set for init containers without restartPolicy=Always"))
        }
    }
}

extension Probe {
    func validate(path: String, mustSucceedOnce: Bool, into list: inout FieldErrorList) {
        let handlers = [exec != nil, httpGet != nil, tcpSocket != nil, grpc != nil].filter { $0 }.count
        if handlers == 0 {
            list.append(.required(path, "must specify a handler type"))
        } else if handlers > 1 {
            list.append(.forbidden(path, "may not specify more than 1 handler type"))
        }
        list.nonnegative(initialDelaySeconds, path + ".initialDelaySeconds")
        list.nonnegative(timeoutSeconds, path + ".timeoutSeconds")
        list.nonnegative(periodSeconds, path + ".periodSeconds")
        list.nonnegative(successThreshold, path + ".successThreshold")
        list.nonnegative(failureThreshold, path + ".failureThreshold")
        if mustSucceedOnce && successThreshold != 1 {
            list.append(.invalid(path + ".successThreshold", .int(successThreshold), "must be 1"))
        }
        if let terminationGracePeriodSeconds, terminationGracePeriodSeconds <= 0 {
            list.append(
                .invalid(
                    path + ".terminationGracePeriodSeconds", .int(terminationGracePeriodSeconds),
                    "must be greater than 0"))
        }
    }
}

extension Toleration {
    /// `ValidateTolerations`.
    func validate(path: String, into list: inout FieldErrorList) {
        let key = self.key ?? ""
        let op = self.operator?.rawValue ?? ""
        if key.isEmpty && op != "Exists" {
            list.append(
                .invalid(
                    path + ".operator", .string(op),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
        }
        if tolerationSeconds != nil, effect != .noExecute {
            list.append(
                .invalid(
                    path + ".effect", .string(effect?.rawValue ?? ""),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        }
        switch op {
        case "", "Equal": break
        case "Exists":
            if let value, !value.isEmpty {
                list.append(
                    .invalid(path + ".operator", .string(value), "value must be empty when `operator` is 'Exists'"))
            }
        default:
            list.append(.notSupported(path + ".operator", op, TolerationOperator.supported.map(\.rawValue)))
        }
        if let effect, !effect.rawValue.isEmpty, !TaintEffect.supported.contains(effect) {
            list.append(.notSupported(path + ".effect", effect.rawValue, TaintEffect.supported.map(\.rawValue)))
        }
    }
}

extension NodeSelectorTerm {
    func validate(path: String, into list: inout FieldErrorList) {
        for (index, requirement) in (matchExpressions ?? []).enumerated() {
            requirement.validate(path: "\(path).matchExpressions[\(index)]", into: &list)
        }
        for (index, requirement) in (matchFields ?? []).enumerated() {
            let here = "\(path).matchFields[\(index)]"
            if requirement.key != "metadata.name" {
                list.append(.notSupported(here + ".key", requirement.key, ["metadata.name"]))
            }
            requirement.validate(path: here, into: &list)
        }
    }
}

extension NodeSelectorRequirement {
    /// `ValidateNodeSelectorRequirement`.
    func validate(path: String, into list: inout FieldErrorList) {
        let values = self.values ?? []
        switch `operator` {
        case "In", "NotIn":
            if values.isEmpty {
                list.append(.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"))
            }
        case "Exists", "DoesNotExist":
            if !values.isEmpty {
                list.append(
                    .forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
            }
        case "Gt", "Lt":
            if values.count != 1 {
                list.append(
                    .required(path + ".values", "must be specified single value when `operator` is 'Lt' or 'Gt'"))
            }
        default:
            list.append(.invalid(path + ".operator", .string(`operator`), "not a valid selector operator"))
        }
    }
}

extension PodAffinityTerm {
    func validate(path: String, into list: inout FieldErrorList) {
        if topologyKey.isEmpty { list.append(.required(path + ".topologyKey", "can not be empty")) }
        if let labelSelector { list.labelSelector(labelSelector, path + ".labelSelector") }
    }
}

extension Container {
    /// Whether `name` is an extended resource (a domain-prefixed name outside `kubernetes.io/`,
    /// e.g. `nvidia.com/gpu`), which k8s never overcommits (`IsExtendedResourceName`).
    public static func isExtendedResource(_ name: String) -> Bool {
        guard let slash = name.firstIndex(of: "/") else { return false }
        let domain = name[..<slash]
        return domain != "kubernetes.io" && !domain.hasSuffix(".kubernetes.io") && !name.hasPrefix("requests.")
    }
}
