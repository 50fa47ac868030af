import ClusterComponents
import KubeModel

/// One node of a node pool read from a node list (`spec.nodes[i].from`): its own name, capacity
/// and labels, which replace the pool's `<name>-<i>` naming and shared capacity.
public struct ListedNode: Sendable, Hashable {
    /// Node name (the list's, e.g. openb `sn`).
    public var name: String
    /// Capacity (and allocatable); resources not set here come from the pool's capacity.
    public var capacity: ResourceList
    /// Labels besides the pool's.
    public var labels: [String: String]

    /// Creates a listed node.
    public init(name: String, capacity: ResourceList, labels: [String: String] = [:]) {
        self.name = name
        self.capacity = capacity
        self.labels = labels
    }
}

/// `spec.nodes[i].from`: a node list file and its format.
public struct NodeListSpec: Sendable, Hashable {
    /// The list formats understood.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// `openb_node_list_*.csv` of the Alibaba GPU trace v2023 (``OpenBNodeList``).
        case openb
    }

    /// The file as written (relative to the scenario file; `${VAR}` expands from the environment).
    public var file: String
    /// The format.
    public var format: Format

    /// Creates a spec.
    public init(file: String, format: Format = .openb) {
        self.file = file
        self.format = format
    }
}

extension OpenBNodeList.Record {
    /// The node as kubesim builds it: capacity `cpu: <cpu_milli>m`, `memory: <memory_mib>Mi`,
    /// and for GPU nodes `alibabacloud.com/gpu-count: <gpu>`, `alibabacloud.com/gpu-milli:
    /// <gpu × 1000>` and label `alibabacloud.com/gpu-card-model: <model>` — the keys of the FGD
    /// artifact's Open-GPU-Share (``GPUShareKeys``), which the scheduler's GPUShare filter reads.
    var listedNode: ListedNode {
        func quantity(_ text: String) -> Quantity { (try? Quantity(parsing: text)) ?? Quantity(0) }
        var capacity: ResourceList = ["cpu": quantity("\(cpuMilli)m"), "memory": quantity("\(memoryMiB)Mi")]
        var labels: [String: String] = [:]
        if gpuCount > 0 {
            capacity[GPUShareKeys.count] = Quantity(Int64(gpuCount))
            capacity[GPUShareKeys.milli] = Quantity(Int64(gpuCount) * 1000)
            labels[GPUShareKeys.model] = model
        }
        return ListedNode(name: name, capacity: capacity, labels: labels)
    }
}
