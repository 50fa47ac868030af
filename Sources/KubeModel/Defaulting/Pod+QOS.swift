extension Pod {
    /// The QoS class as k8s pkg/apis/core/v1/helper/qos `GetPodQOS` computes it, over init and
    /// regular containers, counting only cpu and memory and only positive quantities:
    /// BestEffort without any request or limit; Guaranteed when every container limits both cpu
    /// and memory and the summed requests equal the summed limits; Burstable otherwise.
    ///
    /// Call after ``applyDefaultRequestsFromLimits()`` (the API server defaults requests first).
    /// - Complexity: O(containers · resources), without allocating: it runs on every pod's
    ///   admission.
    public var computedQOSClass: PodQOSClass {
        var requests = QOSTotals()
        var limits = QOSTotals()
        var isGuaranteed = true
        func add(_ container: Container) {
            for (name, quantity) in container.resources.requests where quantity > .zero {
                requests.add(name, quantity)
            }
            var limitsFound = QOSTotals()
            for (name, quantity) in container.resources.limits where quantity > .zero {
                limitsFound.add(name, quantity)
                limits.add(name, quantity)
            }
            if limitsFound.cpu == nil || limitsFound.memory == nil { isGuaranteed = false }
        }
        for container in spec.initContainers ?? [] { add(container) }
        for container in spec.containers { add(container) }
        if requests.isEmpty && limits.isEmpty { return .bestEffort }
        // Every container limits both, so `limits` has both: Guaranteed when the requests
        // name the same resources with the same sums.
        if isGuaranteed && requests == limits { return .guaranteed }
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

/// The summed positive cpu and memory quantities of a pod's containers, in thousandths (the
/// `requests` and `limits` lists of `ComputePodQOS`, restricted to the two resources it counts).
private struct QOSTotals: Equatable {
    var cpu: Int64?
    var memory: Int64?

    var isEmpty: Bool { cpu == nil && memory == nil }

    /// Adds `quantity` when `name` is cpu or memory (`isSupportedQoSComputeResource`).
    mutating func add(_ name: String, _ quantity: Quantity) {
        if name == ResourceName.cpu {
            cpu = (cpu ?? 0) + quantity.milliValue
        } else if name == ResourceName.memory {
            memory = (memory ?? 0) + quantity.milliValue
        }
    }
}
