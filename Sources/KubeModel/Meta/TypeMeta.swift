/// The `apiVersion` and `kind` header every Kubernetes object carries.
///
/// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1 `TypeMeta`.
public struct TypeMeta: Codable, Hashable, Sendable {
    /// The versioned schema, e.g. `v1` or `apps/v1`.
    public var apiVersion: String?
    /// The object's kind, e.g. `Pod`.
    public var kind: String?

    /// Creates a header.
    public init(apiVersion: String? = nil, kind: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
    }
}
