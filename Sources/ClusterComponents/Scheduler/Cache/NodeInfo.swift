import KubeModel

/// The scheduler's aggregated view of one node (k/k `pkg/scheduler/framework/types.go`
/// `NodeInfo`): allocatable and requested resources, pods, host ports and images, updated
/// incrementally when pods are assumed, bound, terminated or removed.
///
/// All quantities are milli-values (`Quantity.milliValue`); the ratios the plugins compute are
/// unchanged by the common factor 1000.
public struct NodeInfo: Sendable {
    /// The node's id.
    public let id: NodeID
    /// Node name.
    public internal(set) var name: String
    /// Node labels.
    public internal(set) var labels: [String: String]
    /// `spec.unschedulable`.
    public internal(set) var unschedulable: Bool
    /// Taints with effect NoSchedule or NoExecute (the ones the filter checks).
    public internal(set) var filterTaints: [Taint]
    /// Taints with effect PreferNoSchedule (the ones the score counts).
    public internal(set) var preferTaints: [Taint]
    /// Allocatable by resource slot.
    public internal(set) var allocatable: [Int64]
    /// `allocatable.pods` (110 when unset, the kubelet default).
    public internal(set) var allowedPodNumber: Int
    /// Sum of the effective requests of the pods counted here, by slot.
    public internal(set) var requested: [Int64]
    /// Sum of the scoring (non-zero) cpu requests.
    public internal(set) var nonZeroCPU: Int64 = 0
    /// Sum of the scoring (non-zero) memory requests.
    public internal(set) var nonZeroMemory: Int64 = 0
    /// Pods counted on this node (assumed and bound, not terminal), in arrival order.
    public internal(set) var pods: [PodID] = []
    /// Host ports in use.
    public internal(set) var usedPorts: [HostPort] = []
    /// Images present on the node: interned image id and size in bytes, sorted by id.
    var images: [(id: Int32, size: Int64)] = []
    /// Whether the node object is gone.
    public internal(set) var isRemoved = false
    /// Pods nominated to this node by preemption.
    var nominatedPods: [PodID] = []

    /// Allocatable of slot `i` (0 when the node does not have it).
    @inline(__always) public func allocatable(_ i: Int) -> Int64 { i < allocatable.count ? allocatable[i] : 0 }
    /// Requested of slot `i`.
    @inline(__always) public func requested(_ i: Int) -> Int64 { i < requested.count ? requested[i] : 0 }

    init(id: NodeID) {
        self.id = id
        name = ""
        labels = [:]
        unschedulable = false
        filterTaints = []
        preferTaints = []
        allocatable = [0, 0, 0]
        allowedPodNumber = 110
        requested = [0, 0, 0]
    }

    /// Refreshes the node-derived fields from the API object.
    mutating func setNode(_ node: Node, resources: inout ResourceIndex, images imageIDs: (String) -> Int32) {
        name = node.metadata.name ?? ""
        labels = node.metadata.labels ?? [:]
        unschedulable = node.spec.unschedulable ?? false
        let taints = node.spec.taints ?? []
        filterTaints = taints.filter { $0.effect.rawValue == "NoSchedule" || $0.effect.rawValue == "NoExecute" }
        preferTaints = taints.filter { $0.effect.rawValue == "PreferNoSchedule" }
        var alloc = [Int64](repeating: 0, count: 3)
        allowedPodNumber = 110
        for (name, quantity) in node.status.allocatable {
            if name == "pods" {
                allowedPodNumber = Int(quantity.value)
                continue
            }
            guard let slot = resources.slot(for: name) else { continue }
            if slot >= alloc.count { alloc += [Int64](repeating: 0, count: slot + 1 - alloc.count) }
            alloc[slot] = quantity.milliValue
        }
        allocatable = alloc
        if requested.count < alloc.count { requested += [Int64](repeating: 0, count: alloc.count - requested.count) }
        var list: [(id: Int32, size: Int64)] = []
        for image in node.status.images ?? [] {
            for name in image.names ?? [] {
                let id = imageIDs(ImageLocality.normalizedImageName(name))
                if !list.contains(where: { $0.id == id }) { list.append((id, image.sizeBytes ?? 0)) }
            }
        }
        images = list.sorted { $0.id < $1.id }
    }

    /// Adds a pod's accounting.
    mutating func add(_ pod: PodID, request: PodRequest, ports: [HostPort]) {
        let r = request.requested
        if requested.count < r.count { requested += [Int64](repeating: 0, count: r.count - requested.count) }
        for i in r.indices { requested[i] += r[i] }
        nonZeroCPU += request.nonZeroCPU
        nonZeroMemory += request.nonZeroMemory
        pods.append(pod)
        usedPorts += ports
    }

    /// Removes a pod's accounting.
    mutating func remove(_ pod: PodID, request: PodRequest, ports: [HostPort]) {
        guard let index = pods.firstIndex(of: pod) else { return }
        pods.remove(at: index)
        let r = request.requested
        for i in r.indices { requested[i] -= r[i] }
        nonZeroCPU -= request.nonZeroCPU
        nonZeroMemory -= request.nonZeroMemory
        for port in ports {
            if let p = usedPorts.firstIndex(of: port) { usedPorts.remove(at: p) }
        }
    }

    /// Size in bytes of image `id` on this node, if present.
    /// - Complexity: O(images with a smaller id): the list is sorted by id, and is short (a
    /// binary search measured slower).
    @inline(__always)
    func imageSize(_ id: Int32) -> Int64? {
        for image in images where image.id >= id { return image.id == id ? image.size : nil }
        return nil
    }
}
