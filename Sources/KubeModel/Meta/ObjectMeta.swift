/// Metadata every persisted object has (k8s.io/apimachinery/pkg/apis/meta/v1 `ObjectMeta`).
///
/// Timestamps are kept as the RFC 3339 text they were written with; the simulator keeps its
/// own clock and does not interpret them.
///
/// The version and the timestamps, which stored pods never set here (the store keeps its own),
/// are boxed (``Indirect``).
public struct ObjectMeta: Codable, Hashable, Sendable {
    /// The object's name, unique within its namespace and kind.
    public var name: String?
    /// Prefix the server uses to generate a name when `name` is empty.
    public var generateName: String?
    /// Namespace; `nil` for cluster-scoped objects (defaulted to `default` for namespaced ones).
    public var namespace: String?
    /// Server-assigned unique id.
    public var uid: String?
    /// Opaque version string of the object.
    @Indirect public var resourceVersion: String?
    /// Sequence number of the desired state generation.
    public var generation: Int?
    /// Map of string keys and values used to organise and select objects.
    public var labels: [String: String]?
    /// Non-identifying metadata.
    public var annotations: [String: String]?
    /// Objects this object depends on (e.g. the ReplicaSet owning a Pod).
    public var ownerReferences: [OwnerReference]?
    /// Finalizers that must be empty before deletion.
    public var finalizers: [String]?
    /// Creation time (RFC 3339 text).
    @Indirect public var creationTimestamp: String?
    /// Graceful deletion time (RFC 3339 text).
    @Indirect public var deletionTimestamp: String?
    /// Seconds allowed for graceful termination before deletion.
    @Indirect public var deletionGracePeriodSeconds: Int?

    /// Creates metadata.
    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
        resourceVersion: String? = nil, generation: Int? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil,
        finalizers: [String]? = nil, creationTimestamp: String? = nil, deletionTimestamp: String? = nil,
        deletionGracePeriodSeconds: Int? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
    }
}

/// A reference from a dependent object to its owner (meta/v1 `OwnerReference`).
public struct OwnerReference: Codable, Hashable, Sendable {
    /// API version of the owner.
    public var apiVersion: String
    /// Kind of the owner.
    public var kind: String
    /// Name of the owner.
    public var name: String
    /// UID of the owner.
    public var uid: String
    /// Whether the owner is the managing controller.
    public var controller: Bool?
    /// Whether the owner cannot be deleted before this object.
    public var blockOwnerDeletion: Bool?

    /// Creates an owner reference.
    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}
