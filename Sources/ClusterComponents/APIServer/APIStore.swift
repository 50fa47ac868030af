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
    /// Per pod, the few facts controllers test on every pod change, kept in a dense array of
    /// plain values so those loops never copy a ``PodObject`` (which retains dozens of strings
    /// and arrays). Maintained by every write in `Cluster+API`.
    public internal(set) var podFacts: [PodFacts] = []
    /// Live pods by `namespace/name`.
    @usableFromInline var podsByName: [String: PodID] = [:]
    /// Nodes by name.
    var nodesByName: [String: NodeID] = [:]
    /// Counter for `generateName` suffixes and uids.
    var nameCounter: UInt64 = 0
    /// Namespaces, ConfigMaps, Secrets, PriorityClasses, PodDisruptionBudgets and unmodelled
    /// kinds, in creation order (deleted ones flagged, never removed).
    public internal(set) var objects: [StoredObject] = []
    /// Live ``objects`` by ``StoredObject/key``.
    var objectsByKey: [String: Int] = [:]
    /// The live namespaces' names: admission checks every namespaced write against them, so
    /// the check is one set lookup, not a key built per pod.
    public internal(set) var namespaces: Set<String> = []
    /// The live PriorityClasses, in creation order, for priority admission (a cache of
    /// ``objects``, read on every pod creation).
    public internal(set) var priorityClasses: [PriorityClass] = []
    /// The live LimitRanges' indexes in ``objects`` by namespace, in creation order, so pod
    /// admission reads only its namespace's (none in most runs).
    public internal(set) var limitRanges: [String: [Int]] = [:]
    /// How many ServiceAccount objects exist: while none does, pod admission needs no lookup
    /// (every namespace's `default` account is implicit).
    public internal(set) var serviceAccountCount = 0
    /// The store's one `metadata.resourceVersion` counter (every stored kind but pods and
    /// nodes, whose writes are the simulation's hot path).
    public internal(set) var resourceVersion = 0
    /// Writes admission refused (from actions and inputs; the run went on without them).
    public internal(set) var rejectedWrites = 0

    /// Creates an empty store.
    public init() {}

    /// The live pod called `name` in `namespace`. Inlinable, as the subscripts below are: sinks
    /// look pods up by an event's names.
    @inlinable public func podID(namespace: String, name: String) -> PodID? { podsByName[namespace + "/" + name] }

    /// The node called `name`.
    public func nodeID(named name: String) -> NodeID? { nodesByName[name] }

    /// The live stored object of `kind` called `name` (in `namespace` for namespaced kinds).
    public func object(kind: String, namespace: String?, name: String) -> StoredObject? {
        objectsByKey[StoredObject.key(kind: kind, namespace: namespace, name: name)].map { objects[$0] }
    }

    /// The next `metadata.resourceVersion`.
    mutating func nextResourceVersion() -> Int {
        resourceVersion += 1
        return resourceVersion
    }

    /// The next `metadata.resourceVersion`, as the text the API shows.
    mutating func nextResourceVersionText() -> String { String(nextResourceVersion()) }

    // The subscripts are inlinable and read in place: outputs and the CLI read through them
    // from other modules, and through a non-inlinable getter every read copied the whole store
    // first (a retain per table). Writes go through `pods`/`nodes` in `Cluster+API`.

    /// The pod with id `pod`.
    @inlinable public subscript(pod: PodID) -> PodObject { _read { yield pods[pod.value] } }

    /// The node with id `node`.
    @inlinable public subscript(node: NodeID) -> NodeObject { _read { yield nodes[node.value] } }
}

/// What controllers ask of a pod on every change, as plain values (see ``APIStore/podFacts``).
public struct PodFacts: Sendable, Equatable {
    /// The object is gone from the API.
    public var isRemoved = false
    /// Phase Succeeded or Failed.
    public var isTerminal = false
    /// A deletion was requested (`deletionTimestamp` set).
    public var isTerminating = false
    /// When the Ready condition last became True, if it is True now.
    public var readySince: SimulationTime?
    /// The bound node's index, -1 when unbound.
    public var node: Int32 = -1
    /// Bound to a node.
    public var isBound: Bool { node >= 0 }
    /// Phase Pending.
    public var isPending = false
    /// Phase Unknown.
    public var isPhaseUnknown = false
    /// The highest restart count of its containers.
    public var restartCount = 0
    /// `metadata.creationTimestamp`.
    public var createdAt = SimulationTime.zero

    /// `controller.IsPodActive`: not terminal, not terminating, not removed.
    public var isActive: Bool { !isRemoved && !isTerminal && !isTerminating }

    /// The facts of `object`.
    public init(_ object: borrowing PodObject) {
        self = withUnsafePointer(to: object) { PodFacts($0) }
    }

    /// The facts of the stored pod at `object`, read in place (passing `pods[i]` from the
    /// store's buffer to the borrowing initializer copied the whole object first).
    init(_ object: UnsafePointer<PodObject>) {
        isRemoved = object.pointee.isRemoved
        isTerminal = object.pointee.status.phase.isTerminal
        isTerminating = object.pointee.deletionTimestamp != nil
        node = object.pointee.nodeID.map { Int32($0.value) } ?? -1
        isPending = object.pointee.status.phase == .pending
        isPhaseUnknown = object.pointee.status.phase == .unknown
        for status in object.pointee.status.containerStatuses { restartCount = max(restartCount, status.restartCount) }
        createdAt = object.pointee.createdAt
        if let ready = object.pointee.status.conditionState("Ready"), ready.status == .true { readySince = ready.since }
    }
}
