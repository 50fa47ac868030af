/// Why admission refused a pod.
public struct AdmissionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message, in the API server's words.
    public var message: String
    /// The field concerned.
    public var path: String
    /// `path: message`.
    public var description: String { message }

    /// Creates an error (admission plugins outside KubeModel refuse pods with it too).
    public init(message: String, path: String) {
        self.message = message
        self.path = path
    }
}

extension Pod {
    /// The NoExecute tolerations added by the DefaultTolerationSeconds admission plugin
    /// (plugin/pkg/admission/defaulttolerationseconds): 300 s for not-ready and unreachable.
    public static let defaultTolerations: [Toleration] = [
        Toleration(key: Taint.notReadyKey, operator: .exists, effect: .noExecute, tolerationSeconds: 300),
        Toleration(key: Taint.unreachableKey, operator: .exists, effect: .noExecute, tolerationSeconds: 300),
    ]

    /// Applies what the API server does on creation beyond static defaulting:
    /// - namespace `default` when absent;
    /// - requests defaulted from limits (`SetDefaults_Pod`);
    /// - priority from `priorityClassName` or the global-default class, else 0, and the class's
    ///   preemption policy (plugin/pkg/admission/priority);
    /// - the two default NoExecute tolerations unless already tolerated (DefaultTolerationSeconds);
    /// - `status.qosClass`.
    /// - Parameter priorityClasses: known classes; the built-in `system-*` ones are always added.
    /// - Throws: ``AdmissionError`` for an unknown class or an inconsistent explicit priority.
    public mutating func applyAdmissionDefaults(priorityClasses: [PriorityClass]) throws(AdmissionError) {
        if (metadata.namespace ?? "").isEmpty { metadata.namespace = "default" }
        applyDefaultRequestsFromLimits()

        // Priority admission, over the built-in classes followed by the known ones (searched
        // in place: joining them cost an array per admitted pod).
        var resolved: PriorityClass?
        if let name = spec.priorityClassName, !name.isEmpty {
            guard
                let found = priorityClasses.last(where: { $0.metadata.name == name })
                    ?? PriorityClass.builtIn.last(where: { $0.metadata.name == name })
            else {
                throw AdmissionError(
                    message: "no PriorityClass with name \(name) was found", path: "spec.priorityClassName")
            }
            resolved = found
        } else {
            // The first of the highest (value, name) global default, as `max(by:)` over the
            // joined list.
            func consider(_ candidate: PriorityClass) {
                guard candidate.globalDefault == true else { return }
                if let best = resolved,
                    (best.value, best.metadata.name ?? "") >= (candidate.value, candidate.metadata.name ?? "")
                {
                    return
                }
                resolved = candidate
            }
            PriorityClass.builtIn.forEach(consider)
            priorityClasses.forEach(consider)
            if let resolved { spec.priorityClassName = resolved.metadata.name }
        }
        let priority = resolved?.value ?? 0
        if let explicit = spec.priority, explicit != priority {
            throw AdmissionError(
                message:
                    "the integer value of priority (\(explicit)) must not be provided in pod spec; priority admission controller computed \(priority) from the given PriorityClass name",
                path: "spec.priority")
        }
        spec.priority = priority
        if spec.preemptionPolicy == nil {
            spec.preemptionPolicy = resolved?.preemptionPolicy ?? .preemptLowerPriority
        }

        // DefaultTolerationSeconds. A pod without tolerations gets exactly the two defaults:
        // it shares the one stored array rather than keeping a copy of its own.
        var tolerations = spec.tolerations ?? []
        if tolerations.isEmpty {
            tolerations = Self.defaultTolerations
        } else {
            for defaultToleration in Self.defaultTolerations {
                let covered = tolerations.contains { toleration in
                    let key = toleration.key ?? ""
                    let effect = toleration.effect?.rawValue ?? ""
                    return (key == defaultToleration.key || key.isEmpty) && (effect == "NoExecute" || effect.isEmpty)
                }
                if !covered { tolerations.append(defaultToleration) }
            }
        }
        spec.tolerations = tolerations

        // QoS.
        var status = self.status ?? PodStatus()
        if status.phase == nil { status.phase = .pending }
        status.qosClass = computedQOSClass
        if let shared = Self.admittedStatuses[status.qosClass ?? .bestEffort], shared.wrappedValue == status {
            $status = shared
        } else {
            self.status = status
        }
    }

    /// The status of a pod created without one: phase `Pending` and its QoS class.
    public static func admittedStatus(_ qosClass: PodQOSClass) -> PodStatus {
        PodStatus(phase: .pending, qosClass: qosClass)
    }

    /// The three admitted statuses, each boxed once: every admitted pod's manifest points at
    /// one of them.
    static let admittedStatuses: [PodQOSClass: Indirect<PodStatus>] = Dictionary(
        uniqueKeysWithValues: [PodQOSClass.guaranteed, .burstable, .bestEffort].map {
            ($0, Indirect(wrappedValue: admittedStatus($0)))
        })
}
