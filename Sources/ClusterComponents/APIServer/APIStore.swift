import KubeModel
import SimulationCore

/// The in-memory API server: every object of the run in dense tables, plus name indexes.
///
/// Objects are never removed from the tables (ids stay valid for outputs); a deleted object
/// is flagged ``PodObject/isRemoved``. Writes go through ``Cluster``, which emits the typed
/// records (the "watch") that outputs and components consume.
public struct APIStore: Sendable {
    /// Every pod ever created, indexed by ``PodID``.
    public internal(set) var pods: [PodObject] = []
    /// Every node ever added, indexed by ``NodeID``.
    public internal(set) var nodes: [NodeObject] = []
    /// Live pods by `namespace/name`.
    var podsByName: [String: PodID] = [:]
    /// Nodes by name.
    var nodesByName: [String: NodeID] = [:]
    /// Counter for `generateName` suffixes and uids.
    var nameCounter: UInt64 = 0

    /// Creates an empty store.
    public init() {}

    /// The live pod called `name` in `namespace`.
    public func podID(namespace: String, name: String) -> PodID? { podsByName[namespace + "/" + name] }

    /// The node called `name`.
    public func nodeID(named name: String) -> NodeID? { nodesByName[name] }

    /// Subscript by id.
    public subscript(pod: PodID) -> PodObject {
        get { pods[pod.value] }
        set { pods[pod.value] = newValue }
    }

    /// Subscript by id.
    public subscript(node: NodeID) -> NodeObject {
        get { nodes[node.value] }
        set { nodes[node.value] = newValue }
    }
}
