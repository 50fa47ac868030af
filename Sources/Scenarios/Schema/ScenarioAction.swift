import KubeModel
import SimulationCore

/// `spec.actions[i]`: a timed operation.
public struct ScenarioAction: Sendable {
    /// `at`: time since the start.
    public var at: SimulationDuration
    /// What to do.
    public var operation: Operation
    /// Index in the document's `actions` list (actions are sorted by time; this keeps the
    /// document's position for messages).
    public var index: Int

    /// Creates an action.
    public init(at: SimulationDuration, operation: Operation, index: Int = 0) {
        self.at = at
        self.operation = operation
        self.index = index
    }

    /// The operations of the format page.
    public enum Operation: Sendable {
        /// `apply: {file | inline}`: create (or replace) objects.
        case apply(ApplySource)
        /// `delete: {kind, namespace, name}`.
        case delete(ObjectReference)
        /// `scale: {kind, namespace, name, replicas}`.
        case scale(ObjectReference, replicas: Int)
        /// `patch: {kind: Deployment, name, …}`: change a pod template (triggers a rollout).
        case patch(PatchAction)
        /// `cordon: {node}`: mark unschedulable.
        case cordon(node: String)
        /// `uncordon: {node}`.
        case uncordon(node: String)
        /// `drain: {node}`: cordon, then evict every pod but DaemonSet and mirror pods.
        case drain(node: String)
        /// `node: {…}`: node failure, recovery, addition or removal.
        case node(NodeOperation)
        /// `kubelet: {node, restart: true}`: restart the kubelet (drops in-memory back-off state).
        case kubeletRestart(node: String)
        /// `registry: {outage: 5m, images: "glob"}`: every pull (of matching images) fails for a while.
        case registryOutage(duration: SimulationDuration, images: String?)
    }
}

/// `apply`'s source.
public enum ApplySource: Sendable {
    /// A manifest file, relative to the scenario's directory.
    case file(String)
    /// Objects written inline (decoded and validated, without admission defaults: the runner
    /// admits them when it applies them).
    case inline([KubeObject])
}

/// Names an object: kind, namespace (default `default` for namespaced kinds) and name.
public struct ObjectReference: Sendable, Hashable, CustomStringConvertible {
    /// Kind, e.g. `Pod`, `Deployment`.
    public var kind: String
    /// Namespace; `nil` for the default namespace (or a cluster-scoped kind).
    public var namespace: String?
    /// Name.
    public var name: String

    /// Creates a reference.
    public init(kind: String, namespace: String? = nil, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind "ns/name"` or `Kind "name"`.
    public var description: String {
        if let namespace { return "\(kind) \"\(namespace)/\(name)\"" }
        return "\(kind) \"\(name)\""
    }
}

/// `patch`: a change to a workload's pod template.
public struct PatchAction: Sendable, Hashable {
    /// The object patched (kind `Deployment`, also `ReplicaSet`, `Job`).
    public var target: ObjectReference
    /// `image`: the new image.
    public var image: String?
    /// `container`: which container gets `image` (default: every container).
    public var container: String?
    /// `template`: a strategic-merge-style fragment of `spec.template` (e.g. labels,
    /// annotations, resources), applied by the runner.
    public var template: JSONValue?
    /// `replicas`, if the patch also scales.
    public var replicas: Int?

    /// Creates a patch.
    public init(
        target: ObjectReference, image: String? = nil, container: String? = nil,
        template: JSONValue? = nil, replicas: Int? = nil
    ) {
        self.target = target
        self.image = image
        self.container = container
        self.template = template
        self.replicas = replicas
    }
}

/// `node: {…}`.
public enum NodeOperation: Sendable, Hashable {
    /// `{name, fail: true}` stops heartbeating; `{name, fail: false}` recovers.
    case fail(node: String, failed: Bool)
    /// `{add: pool}` (optionally `name`): a new node of the pool, named `<pool>-<next>` unless given.
    case add(pool: String, name: String?)
    /// `{name, remove: true}`: the node object is deleted.
    case remove(node: String)
}
