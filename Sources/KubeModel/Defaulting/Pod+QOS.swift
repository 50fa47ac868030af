extension Pod {
    /// The QoS class as k8s pkg/apis/core/v1/helper/qos `GetPodQOS` computes it, over init and
    /// regular containers, counting only cpu and memory and only positive quantities:
    /// BestEffort without any request or limit; Guaranteed when every container limits both cpu
    /// and memory and the summed requests equal the summed limits; Burstable otherwise.
    ///
    /// Call after ``applyDefaultRequestsFromLimits()`` (the API server defaults requests first).
    public var computedQOSClass: PodQOSClass {
        let supported = [ResourceName.cpu, ResourceName.memory]
        var requests = ResourceList()
        var limits = ResourceList()
        var isGuaranteed = true
        for container in spec.allContainers {
            for (name, quantity) in container.resources.requests where supported.contains(name) && quantity > .zero {
                requests[name] = requests.value(for: name) + quantity
            }
            var limitsFound = Set<String>()
            for (name, quantity) in container.resources.limits where supported.contains(name) && quantity > .zero {
                limitsFound.insert(name)
                limits[name] = limits.value(for: name) + quantity
            }
            if !supported.allSatisfy(limitsFound.contains) { isGuaranteed = false }
        }
        if requests.isEmpty && limits.isEmpty { return .bestEffort }
        if isGuaranteed {
            for (name, request) in requests where limits[name] != request { isGuaranteed = false }
        }
        if isGuaranteed && requests.count == limits.count { return .guaranteed }
        return .burstable
    }

    /// Copies each container's limits into its requests where no request is given
    /// (pkg/apis/core/v1/defaults.go `SetDefaults_Pod`).
    public mutating func applyDefaultRequestsFromLimits() {
        func fill(_ container: inout Container) {
            for (name, limit) in container.resources.limits where container.resources.requests[name] == nil {
                container.resources.requests[name] = limit
            }
        }
        for index in spec.containers.indices { fill(&spec.containers[index]) }
        if spec.initContainers != nil {
            for index in spec.initContainers!.indices { fill(&spec.initContainers![index]) }
        }
    }
}
