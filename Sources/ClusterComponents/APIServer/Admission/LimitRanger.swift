import KubeModel

/// The LimitRanger admission plugin's defaulting of pods (k/k
/// plugin/pkg/admission/limitranger/admission.go `PodMutateLimitFunc`,
/// `defaultContainerResourceRequirements`, `mergePodResourceRequirements`): for every
/// LimitRange of the pod's namespace, in creation order, each container (then each init
/// container) gets the `Container` items' default limits and requests it does not set, and the
/// pod is annotated `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu request for
/// container app; …`. GKE clusters of the seed articles' time had such a LimitRange (`limits`,
/// a default CPU request of 100m) in `default`.
///
/// The min/max/ratio checks of `PodValidateLimitFunc` are not simulated: a LimitRange with
/// `max`, `min` or `maxLimitRequestRatio` only defaults.
enum LimitRanger {
    /// `limitRangerAnnotation`.
    static let annotation = "kubernetes.io/limit-ranger"

    /// Defaults `pod`'s resources from `limitRanges`, its namespace's stored LimitRanges in
    /// creation order.
    static func admit(_ pod: inout Pod, limitRanges: [KubeObject]) {
        for object in limitRanges {
            guard let limitRange = LimitRange(object) else { continue }
            // defaultContainerResourceRequirements: the Container items' defaults, later items
            // overriding earlier ones.
            var defaults = ResourceRequirements()
            for item in limitRange.spec.limits where item.type == "Container" {
                let item = item.defaulted
                for (name, quantity) in (item.default ?? [:]).entries { defaults.limits[name] = quantity }
                for (name, quantity) in (item.defaultRequest ?? [:]).entries { defaults.requests[name] = quantity }
            }
            merge(&pod, defaults)
        }
    }

    /// `mergePodResourceRequirements`.
    static func merge(_ pod: inout Pod, _ defaults: ResourceRequirements) {
        guard !(defaults.limits.isEmpty && defaults.requests.isEmpty) else { return }
        var notes: [String] = []
        for index in pod.spec.containers.indices {
            merge(&pod.spec.containers[index], defaults, kind: "container", into: &notes)
        }
        if var inits = pod.spec.initContainers {
            for index in inits.indices { merge(&inits[index], defaults, kind: "init container", into: &notes) }
            pod.spec.initContainers = inits
        }
        guard !notes.isEmpty else { return }
        var annotations = pod.metadata.annotations ?? [:]
        annotations[annotation] = "LimitRanger plugin set: " + notes.joined(separator: "; ")
        pod.metadata.annotations = annotations
    }

    /// `mergeContainerResources`: what it set, `cpu, memory request for container app`.
    static func merge(
        _ container: inout Container, _ defaults: ResourceRequirements, kind: String, into notes: inout [String]
    ) {
        var setLimits: [String] = []
        var setRequests: [String] = []
        for (name, quantity) in defaults.limits.entries where container.resources.limits[name] == nil {
            container.resources.limits[name] = quantity
            setLimits.append(name)
        }
        for (name, quantity) in defaults.requests.entries where container.resources.requests[name] == nil {
            container.resources.requests[name] = quantity
            setRequests.append(name)
        }
        if !setRequests.isEmpty {
            notes.append(setRequests.sorted().joined(separator: ", ") + " request for \(kind) \(container.name)")
        }
        if !setLimits.isEmpty {
            notes.append(setLimits.sorted().joined(separator: ", ") + " limit for \(kind) \(container.name)")
        }
    }
}
