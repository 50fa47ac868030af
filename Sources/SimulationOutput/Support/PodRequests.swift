import KubeModel

/// A pod's effective resource request, as the scheduler accounts it.
///
/// k8s.io/component-helpers/resource/helpers.go `PodRequests`: the sum of the regular
/// containers and of the restartable (sidecar) init containers; each regular init container
/// needs its own request plus the sidecars started before it; the pod needs the larger of the
/// two, plus `spec.overhead`. A missing request counts as zero (the non-zero defaults of
/// `GetNonzeroRequests` are only for scoring). Every pod also takes one `pods` slot.
enum PodRequests {
    /// The effective request of `spec`, sorted by resource name, `pods` included.
    static func effective(_ spec: PodSpec) -> ResourceList {
        // One regular container and nothing else (most pods): its requests are the pod's; the
        // sums and maxima below would build four lists to copy them (the ledger asks for every
        // pod created).
        if spec.containers.count == 1, spec.initContainers?.isEmpty ?? true, spec.overhead == nil {
            var result = spec.containers[0].resources.requests
            result[ResourceName.pods] = Quantity(1)
            return result
        }
        var regular = ResourceList()
        for container in spec.containers { regular = regular + container.resources.requests }
        var sidecars = ResourceList()
        var initMax = ResourceList()
        for container in spec.initContainers ?? [] {
            if container.isSidecar {
                sidecars = sidecars + container.resources.requests
                // A sidecar keeps running, so it also counts towards the init phase's peak.
                initMax = maximum(initMax, sidecars)
            } else {
                initMax = maximum(initMax, sidecars + container.resources.requests)
            }
        }
        var result = maximum(regular + sidecars, initMax)
        if let overhead = spec.overhead { result = result + overhead }
        result[ResourceName.pods] = Quantity(1)
        return result
    }

    /// Element-wise maximum.
    static func maximum(_ a: ResourceList, _ b: ResourceList) -> ResourceList {
        var result = a
        for (name, quantity) in b where quantity > a.value(for: name) { result[name] = quantity }
        return result
    }
}
