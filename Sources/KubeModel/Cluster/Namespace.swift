/// A namespace (core/v1 `Namespace`).
public struct Namespace: Codable, Hashable, Sendable {
    /// `v1`.
    public var apiVersion: String?
    /// `Namespace`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Spec (tolerated: finalizers).
    public var spec: JSONValue?
    /// Status (tolerated).
    public var status: JSONValue?

    /// Creates a namespace.
    public init(metadata: ObjectMeta) {
        self.apiVersion = "v1"
        self.kind = "Namespace"
        self.metadata = metadata
    }
}
