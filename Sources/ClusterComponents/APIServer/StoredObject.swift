import KubeModel
import SimulationCore

/// An object of a kind no controller reconciles as a dense table of its own (Namespace,
/// ConfigMap, Secret, PriorityClass, PodDisruptionBudget, and any kind the simulator does not
/// model), as the API server stores it: kept, listed and deletable, never dropped.
public struct StoredObject: Sendable {
    /// The object as applied (admitted: namespace defaulted).
    public var object: KubeObject
    /// `kind`.
    public var kind: String
    /// `metadata.namespace`; `nil` for cluster-scoped kinds.
    public var namespace: String?
    /// `metadata.name`.
    public var name: String
    /// `metadata.uid`.
    public var uid: String
    /// `metadata.resourceVersion` (the store's one counter).
    public var resourceVersion: Int
    /// `metadata.creationTimestamp`.
    public var createdAt: SimulationTime
    /// When it was deleted; `nil` while it exists.
    public var deletedAt: SimulationTime?

    /// The store's key: `Kind/namespace/name` (`Kind//name` when cluster-scoped).
    public var key: String { Self.key(kind: kind, namespace: namespace, name: name) }

    /// The key of an object.
    public static func key(kind: String, namespace: String?, name: String) -> String {
        kind + "/" + (namespace ?? "") + "/" + name
    }
}
