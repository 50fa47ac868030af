import ClusterComponents
import KubeModel

/// The keys of one pod's series (``MetricsCollector``) and everything their labels are rendered
/// from that can change while the pod exists: its node and IPs (`kube_pod_info`, the requests'
/// and limits' `node`), its owner references, which of the Ready and PodScheduled conditions it
/// has, and its containers' names and waiting or terminated reasons. The rest of the labels
/// come from the pod's metadata and spec, which do not change once it is stored (the binding
/// sets `spec.nodeName`, which no label reads).
///
/// While these inputs stay the same, the pod's series come out in the same order with the same
/// labels, so the n-th series it adds gets key `first + n`. When any input changes, the pod
/// gets a fresh block of keys: a key never stands for two label sets, and a collector that
/// meets a new key finds the series by its labels (one lookup per pod and change).
struct PodSeriesKeys {
    /// A container status's inputs: its name and the reason label it adds, if any.
    struct Container {
        var name: String
        /// 0 running, 1 waiting, 2 terminated.
        var state: UInt8
        var reason: String
    }

    /// The first key of the pod's block; -1 before its first collection.
    var first: Int32 = -1
    var nodeID: NodeID?
    var hostIP: String?
    var podIP: String?
    var owners: [OwnerReference]?
    var hasReady = false
    var hasScheduled = false
    var containers: [Container] = []

    /// Whether `object`'s label inputs are the ones its keys were given for.
    /// - Complexity: O(containers); allocates nothing.
    /// `hasReady` and `hasScheduled`: whether it has the Ready and PodScheduled conditions.
    func matches(_ object: PodObject, hasReady: Bool, hasScheduled: Bool) -> Bool {
        guard first >= 0, hasReady == self.hasReady, hasScheduled == self.hasScheduled, object.nodeID == nodeID,
            object.status.hostIP == hostIP, object.status.podIP == podIP,
            object.status.containerStatuses.count == containers.count,
            object.pod.metadata.ownerReferences == owners
        else { return false }
        let statuses = object.status.containerStatuses
        for index in statuses.indices {
            guard statuses[index].name == containers[index].name else { return false }
            let (state, reason) = Self.reason(statuses[index].state)
            guard state == containers[index].state, reason == containers[index].reason else { return false }
        }
        return true
    }

    /// The inputs of `object`, with its block of keys starting at `first`.
    init(_ object: PodObject, first: Int32) {
        self.first = first
        let status = object.status
        nodeID = object.nodeID
        hostIP = status.hostIP
        podIP = status.podIP
        owners = object.pod.metadata.ownerReferences
        hasReady = status.condition("Ready") != nil
        hasScheduled = status.condition("PodScheduled") != nil
        containers = status.containerStatuses.map {
            let (state, reason) = Self.reason($0.state)
            return Container(name: $0.name, state: state, reason: reason)
        }
    }

    /// Keys not given yet.
    init() {}

    /// The state's number and its reason label (empty while running).
    static func reason(_ state: ContainerStateRecord) -> (UInt8, String) {
        switch state {
        case .running: (0, "")
        case .waiting(let reason, _): (1, reason)
        case .terminated(let termination): (2, termination.reason)
        }
    }
}

/// The keys of one node's series: kube-state-metrics' (from `first`, renewed when the node's
/// capacity, allocatable or taints change, which name its resource and taint series) and the
/// kubelet's two (`kubelet`, `kubelet + 1`: running pods and the start histogram, labelled with
/// the node's name alone).
struct NodeSeriesKeys {
    var first: Int32 = -1
    var kubelet: Int32 = -1
    var capacity = ResourceList()
    var allocatable = ResourceList()
    var taints: [Taint]?

    /// Whether `object`'s label inputs are the ones its keys were given for.
    /// - Complexity: O(resources + taints); allocates nothing.
    func matches(_ object: NodeObject) -> Bool {
        first >= 0 && object.node.status.capacity == capacity && object.node.status.allocatable == allocatable
            && object.node.spec.taints == taints
    }

    /// Keeps `object`'s inputs for the block of keys starting at `first`.
    mutating func renew(_ object: NodeObject, first: Int32) {
        self.first = first
        capacity = object.node.status.capacity
        allocatable = object.node.status.allocatable
        taints = object.node.spec.taints
    }
}

/// Hands out a pod's keys in the order its series are added: `first`, `first + 1`, …
struct SeriesKeyCursor {
    private(set) var next: Int32

    init(first: Int32) { next = first }

    /// The next series' key.
    mutating func take() -> Int32 {
        defer { next += 1 }
        return next
    }
}
