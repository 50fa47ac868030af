/// Why the API server refused a write: the `Status` a client would get, in the API server's
/// words (k8s.io/apimachinery/pkg/api/errors).
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `Status.reason`.
    public enum Reason: String, Sendable, Hashable {
        /// 404: the object (or its namespace) does not exist.
        case notFound = "NotFound"
        /// 409: an object of that kind and name exists.
        case alreadyExists = "AlreadyExists"
        /// 422: validation failed.
        case invalid = "Invalid"
        /// 403: admission refused it (an unknown PriorityClass, a terminating namespace).
        case forbidden = "Forbidden"
        /// 400: the request itself is malformed (a patch of a container that does not exist).
        case badRequest = "BadRequest"
        /// 405: the kind does not support the operation (scaling a Job).
        case methodNotAllowed = "MethodNotAllowed"
    }

    /// `Status.reason`.
    public var reason: Reason
    /// `Status.message`.
    public var message: String

    /// Creates an error.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The HTTP status code of the reason.
    public var code: Int {
        switch reason {
        case .notFound: 404
        case .alreadyExists: 409
        case .invalid: 422
        case .forbidden: 403
        case .badRequest: 400
        case .methodNotAllowed: 405
        }
    }

    /// `Status.message`.
    public var description: String { message }

    /// `<resource> "<name>" not found` (errors.NewNotFound).
    static func notFound(_ kind: String, _ name: String) -> APIError {
        APIError(.notFound, "\(APIResource.plural(of: kind)) \"\(name)\" not found")
    }

    /// `<resource> "<name>" already exists` (errors.NewAlreadyExists).
    static func alreadyExists(_ kind: String, _ name: String) -> APIError {
        APIError(.alreadyExists, "\(APIResource.plural(of: kind)) \"\(name)\" already exists")
    }
}

/// Resource names of the kinds the store holds.
public enum APIResource {
    /// The lower-case plural resource of `kind` (`Pod` → `pods`, `PriorityClass` →
    /// `priorityclasses`), as the API server names it in its messages.
    public static func plural(of kind: String) -> String {
        let lower = kind.lowercased()
        if lower.hasSuffix("s") { return lower + "es" }
        if lower.hasSuffix("y") { return String(lower.dropLast()) + "ies" }
        return lower + "s"
    }

    /// Kinds without a namespace.
    public static let clusterScoped: Set<String> = [
        "Node", "Namespace", "PriorityClass", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "PersistentVolume", "RuntimeClass", "IngressClass",
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "APIService", "CSIDriver", "CSINode", "VolumeAttachment",
    ]

    /// Namespaces every cluster has (kube-apiserver's system namespaces controller).
    public static let builtInNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]
}
