import KubeModel

/// A pod's effective resource request as the scheduler accounts it, in milli-units.
///
/// `requested` follows component-helpers `resource.PodRequests`: per resource,
/// `max(Σ regular + Σ sidecars, max over ordinary init containers i of (request_i + Σ sidecars
/// started before i)) + overhead`; a pod-level `spec.resources.requests` overrides the
/// aggregate for the resources it names (PodLevelResources).
/// `nonZeroCPU`/`nonZeroMemory` apply the same rule after replacing every *missing* container
/// cpu/memory request by 100m / 200 MiB (k/k `pkg/scheduler/util/pod_resources.go`,
/// `DefaultMilliCPURequest`, `DefaultMemoryRequest`); they are used for scoring only.
public struct PodRequest: Sendable, Equatable {
    /// Effective requests by resource slot (cpu, memory, ephemeral-storage, scalars…).
    public internal(set) var requested: [Int64]
    /// CPU request for scoring, milli-cores.
    public internal(set) var nonZeroCPU: Int64
    /// Memory request for scoring, milli-bytes.
    public internal(set) var nonZeroMemory: Int64

    /// Request for slot `index` (0 when absent).
    @inline(__always) public func value(_ index: Int) -> Int64 { index < requested.count ? requested[index] : 0 }

    /// Whether every resource request is zero (the pod is "best effort" for the fit filter).
    public var isZero: Bool { !requested.contains { $0 != 0 } }

    /// 100m (k/k `pkg/scheduler/util`, `DefaultMilliCPURequest`).
    static let defaultMilliCPURequest: Int64 = 100
    /// 200 MiB in milli-bytes (`DefaultMemoryRequest` = 200 × 1024 × 1024 bytes).
    static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024 * 1000

    /// Computes the request of `pod`, registering resource names in `index`.
    init(pod: borrowing PodSpec, index: inout ResourceIndex) {
        if pod.initContainers?.isEmpty ?? true, pod.overhead == nil, pod.resources?.requests.isEmpty ?? true {
            self.init(containers: pod.containers, index: &index)
        } else {
            self.init(general: pod, index: &index)
        }
    }

    /// The request of a pod with regular containers only (no init containers, pod-level
    /// requests or overhead: nearly every pod), summed in one pass: the general rule below
    /// builds a vector per container and per sum, about a dozen arrays a pod. The same sums:
    /// the regular containers' vectors, then the general rule's `max` with the (empty) init
    /// containers' zeros, which clamps the first three slots at 0.
    private init(containers: [Container], index: inout ResourceIndex) {
        var sum: [Int64] = [0, 0, 0]
        var cpu: Int64 = 0
        var memory: Int64 = 0
        for container in containers {
            // A missing cpu or memory request counts as the default for the scores.
            var ownCPU = Self.defaultMilliCPURequest
            var ownMemory = Self.defaultMemoryRequest
            for (name, quantity) in container.resources.requests {
                guard let slot = index.slot(for: name) else { continue }
                if slot >= sum.count { sum += [Int64](repeating: 0, count: slot + 1 - sum.count) }
                let milli = quantity.milliValue
                sum[slot] += milli
                if slot == ResourceIndex.cpu { ownCPU = milli }
                if slot == ResourceIndex.memory { ownMemory = milli }
            }
            cpu += ownCPU
            memory += ownMemory
        }
        for slot in 0..<3 where sum[slot] < 0 { sum[slot] = 0 }
        requested = sum
        nonZeroCPU = max(cpu, 0)
        nonZeroMemory = max(memory, 0)
    }

    /// The general rule (see the type's comment), for any pod.
    init(general pod: borrowing PodSpec, index: inout ResourceIndex) {
        /// One container's requests, read once for both sums below (a slot lookup per name).
        struct Requests {
            var vector: [Int64]
            var hasCPU: Bool
            var hasMemory: Bool
            var isSidecar: Bool
        }
        func vector(_ list: ResourceList) -> [Int64] {
            var v = [Int64](repeating: 0, count: 3)
            for (name, quantity) in list {
                guard let slot = index.slot(for: name) else { continue }
                if slot >= v.count { v += [Int64](repeating: 0, count: slot + 1 - v.count) }
                v[slot] = quantity.milliValue
            }
            return v
        }
        func requests(_ container: Container) -> Requests {
            let list = container.resources.requests
            return Requests(
                vector: vector(list), hasCPU: list["cpu"] != nil, hasMemory: list["memory"] != nil,
                isSidecar: container.isSidecar)
        }
        // Read in the order names were registered before: containers, init containers,
        // pod-level requests, overhead.
        let regular = pod.containers.map(requests)
        let inits = (pod.initContainers ?? []).map(requests)
        var podLevel: [(slot: Int, milli: Int64)] = []
        if let requests = pod.resources?.requests, !requests.isEmpty {
            for (name, quantity) in requests {
                guard let slot = index.slot(for: name) else { continue }
                podLevel.append((slot, quantity.milliValue))
            }
        }
        let overhead = pod.overhead.map(vector)

        func add(_ a: inout [Int64], _ b: [Int64]) {
            if b.count > a.count { a += [Int64](repeating: 0, count: b.count - a.count) }
            for i in b.indices { a[i] += b[i] }
        }
        func maxInto(_ a: inout [Int64], _ b: [Int64]) {
            if b.count > a.count { a += [Int64](repeating: 0, count: b.count - a.count) }
            for i in b.indices where b[i] > a[i] { a[i] = b[i] }
        }
        func effective(nonZero: Bool) -> [Int64] {
            func request(_ r: Requests) -> [Int64] {
                guard nonZero, !(r.hasCPU && r.hasMemory) else { return r.vector }
                var v = r.vector
                if !r.hasCPU { v[0] = Self.defaultMilliCPURequest }
                if !r.hasMemory { v[1] = Self.defaultMemoryRequest }
                return v
            }
            var sum = [Int64](repeating: 0, count: 3)
            for container in regular { add(&sum, request(container)) }
            var sidecars = [Int64](repeating: 0, count: 3)
            var initMax = [Int64](repeating: 0, count: 3)
            for container in inits {
                let request = request(container)
                if container.isSidecar {
                    add(&sidecars, request)
                    // A sidecar is started before later init containers and runs alongside them.
                    maxInto(&initMax, sidecars)
                } else {
                    var withSidecars = request
                    add(&withSidecars, sidecars)
                    maxInto(&initMax, withSidecars)
                }
            }
            add(&sum, sidecars)
            maxInto(&sum, initMax)
            for (slot, milli) in podLevel {
                if slot >= sum.count { sum += [Int64](repeating: 0, count: slot + 1 - sum.count) }
                sum[slot] = milli
            }
            if let overhead { add(&sum, overhead) }
            return sum
        }
        requested = effective(nonZero: false)
        let nonZero = effective(nonZero: true)
        nonZeroCPU = nonZero[0]
        nonZeroMemory = nonZero[1]
    }
}
