import Yams

/// A decoded Kubernetes object of a kind the simulator understands, or the raw node of any
/// other kind (the Scenarios layer decodes `kind: Scenario` from it).
///
/// `@unchecked Sendable` only because `Yams.Node` does not declare it: the node is an immutable
/// value tree after parsing (its `Tag` class is never mutated by this module).
public enum KubeObject: @unchecked Sendable {
    /// `v1` Pod.
    case pod(Pod)
    /// `apps/v1` Deployment.
    case deployment(Deployment)
    /// `apps/v1` ReplicaSet.
    case replicaSet(ReplicaSet)
    /// `apps/v1` DaemonSet.
    case daemonSet(DaemonSet)
    /// `apps/v1` StatefulSet.
    case statefulSet(StatefulSet)
    /// `batch/v1` Job.
    case job(Job)
    /// `v1` Node.
    case node(Node)
    /// `v1` Namespace.
    case namespace(Namespace)
    /// `scheduling.k8s.io/v1` PriorityClass.
    case priorityClass(PriorityClass)
    /// `v1` ConfigMap.
    case configMap(ConfigMap)
    /// `v1` Secret.
    case secret(Secret)
    /// `policy/v1` PodDisruptionBudget.
    case podDisruptionBudget(PodDisruptionBudget)
    /// `v1` Service.
    case service(Service)
    /// `autoscaling/v2` HorizontalPodAutoscaler.
    case horizontalPodAutoscaler(HorizontalPodAutoscaler)
    /// `kubescheduler.config.k8s.io/v1` KubeSchedulerConfiguration.
    case schedulerConfiguration(KubeSchedulerConfiguration)
    /// Any other kind, with its YAML node for a later layer to decode.
    case unrecognized(apiVersion: String, kind: String, node: Yams.Node)

    /// The object's kind.
    public var kind: String {
        switch self {
        case .pod: "Pod"
        case .deployment: "Deployment"
        case .replicaSet: "ReplicaSet"
        case .daemonSet: "DaemonSet"
        case .statefulSet: "StatefulSet"
        case .job: "Job"
        case .node: "Node"
        case .namespace: "Namespace"
        case .priorityClass: "PriorityClass"
        case .configMap: "ConfigMap"
        case .secret: "Secret"
        case .podDisruptionBudget: "PodDisruptionBudget"
        case .service: "Service"
        case .horizontalPodAutoscaler: "HorizontalPodAutoscaler"
        case .schedulerConfiguration: "KubeSchedulerConfiguration"
        case .unrecognized(_, let kind, _): kind
        }
    }

    /// The object's metadata, if it has typed metadata.
    public var metadata: ObjectMeta? {
        switch self {
        case .pod(let o): o.metadata
        case .deployment(let o): o.metadata
        case .replicaSet(let o): o.metadata
        case .daemonSet(let o): o.metadata
        case .statefulSet(let o): o.metadata
        case .job(let o): o.metadata
        case .node(let o): o.metadata
        case .namespace(let o): o.metadata
        case .priorityClass(let o): o.metadata
        case .configMap(let o): o.metadata
        case .secret(let o): o.metadata
        case .podDisruptionBudget(let o): o.metadata
        case .service(let o): o.metadata
        case .horizontalPodAutoscaler(let o): o.metadata
        case .unrecognized(_, _, let node):
            // Kinds the simulator does not model keep their name and namespace (and labels), so
            // the API server can store and list them.
            ObjectMeta(
                name: node["metadata"]?["name"]?.string, namespace: node["metadata"]?["namespace"]?.string,
                labels: node["metadata"]?["labels"]?.mapping.map { mapping in
                    Dictionary(
                        mapping.compactMap { key, value in key.string.flatMap { k in value.string.map { (k, $0) } } },
                        uniquingKeysWith: { first, _ in first })
                })
        case .schedulerConfiguration: nil
        }
    }

    /// The object as YAML text: typed kinds encoded from their values (defaults applied),
    /// other kinds as they were read.
    /// - Throws: the encoder's error.
    public func yamlText() throws -> String? {
        let encoder = YAMLEncoder()
        switch self {
        case .pod(let o): return try encoder.encode(o)
        case .deployment(let o): return try encoder.encode(o)
        case .replicaSet(let o): return try encoder.encode(o)
        case .daemonSet(let o): return try encoder.encode(o)
        case .statefulSet(let o): return try encoder.encode(o)
        case .job(let o): return try encoder.encode(o)
        case .node(let o): return try encoder.encode(o)
        case .namespace(let o): return try encoder.encode(o)
        case .priorityClass(let o): return try encoder.encode(o)
        case .configMap(let o): return try encoder.encode(o)
        case .secret(let o): return try encoder.encode(o)
        case .podDisruptionBudget(let o): return try encoder.encode(o)
        case .service(let o): return try encoder.encode(o)
        case .horizontalPodAutoscaler(let o): return try encoder.encode(o)
        case .schedulerConfiguration: return nil
        case .unrecognized(_, _, let node): return try Yams.serialize(node: node)
        }
    }

    /// `Kind "name"` for messages.
    public var displayName: String {
        let name = metadata?.name ?? metadata?.generateName ?? ""
        return name.isEmpty ? kind : "\(kind) \"\(name)\""
    }
}

/// One object read from a manifest, with where it came from.
public struct LoadedObject: Sendable {
    /// The object.
    public var object: KubeObject
    /// File, line of the document (or `List` item) start, and document index.
    public var location: SourceLocation

    /// Creates a loaded object.
    public init(object: KubeObject, location: SourceLocation) {
        self.object = object
        self.location = location
    }
}

extension KubeObject {
    /// A top-level boolean field of an object of a kind the simulator does not model (a
    /// ServiceAccount's `automountServiceAccountToken`): `nil` when absent or not a boolean, or
    /// when the kind is modelled.
    public func unrecognizedBool(_ key: String) -> Bool? {
        guard case .unrecognized(_, _, let node) = self else { return nil }
        return node[key]?.bool
    }
}
